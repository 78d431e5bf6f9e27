"""Benchmarks of the companion service: licence check-ins and chunk uploads, on loopback.

Run with ``python3 -m app.dev bench``. The service runs as ``daftar-server --workers 2`` (the real
command, uvicorn with two worker processes) on the embedded SQLite database, and on PostgreSQL
when one answers. Check-ins are driven by ``wrk`` when it is installed (a C load generator that
leaves the CPU to the server; ``apt install wrk``), else by Python processes, which steal a good
part of the two cores and so understate the server. Either way a check-in answered with anything
but 2xx fails the benchmark: a refusal is quick, and counted as throughput it would flatter the
server. The figures are printed, not asserted, as ``BENCH <what>: <figure>  (target <target>)``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from types import ModuleType

import httpx
import pytest

pytestmark = pytest.mark.perf

ROOT = Path(__file__).resolve().parents[2]


def _service_fixtures() -> ModuleType:
    """The service tests' fixtures module, loaded under its own name (not as ``conftest``)."""
    path = ROOT / "tests" / "sync" / "server" / "conftest.py"
    spec = importlib.util.spec_from_file_location("service_test_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_fixtures = _service_fixtures()
free_port = _fixtures.free_port
postgres_database = _fixtures.postgres_database  # fixtures: pytest finds them here
shared_keys = _fixtures.shared_keys

OPERATOR = "bench-" + secrets.token_hex(8)
DEVICES = 64
SECONDS = int(os.environ.get("DAFTAR_BENCH_SECONDS", "10"))


def report(what: str, figure: str, target: str = "") -> None:
    print(f"BENCH {what}: {figure}" + (f"  (target {target})" if target else ""), flush=True)


@dataclass
class Service:
    url: str
    tokens: list[str]
    label: str


@pytest.fixture(params=["sqlite", "postgres"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    database_url = None
    if request.param == "postgres":  # first: it also exports the instances' shared keys
        database_url = request.getfixturevalue("postgres_database")[0]
    env = dict(os.environ)
    env.update({
        "DAFTAR_DATA_DIR": str(tmp_path / "server"), "DAFTAR_ADMIN_TOKEN": OPERATOR,
        "DAFTAR_WORKERS": "2", "DAFTAR_LOG_LEVEL": "warning",
        "DAFTAR_RATE_IP_PER_MINUTE": "10000000", "DAFTAR_RATE_DEVICE_PER_MINUTE": "10000000",
        "DAFTAR_RATE_ACTIVATION_PER_MINUTE": "10000", "DAFTAR_GC_INTERVAL_MINUTES": "0",
    })
    if database_url:
        env["DAFTAR_DATABASE_URL"] = database_url
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("daftar-server")), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "server.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, server, tmp_path)
        yield Service(url, _devices(url), request.param)
    finally:
        server.terminate()
        server.wait(20)


def _wait(url: str, server: subprocess.Popen[bytes], tmp_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError((tmp_path / "server.log").read_text())
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("daftar-server did not start")


def _devices(url: str) -> list[str]:
    """A tenant with one licence of DEVICES seats, every seat activated: their device tokens."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {OPERATOR}"},
                      timeout=30) as admin:
        tenant = admin.post("/v1/admin/tenants", json={"name": "Bench"}).json()
        tenant_id = tenant["tenant"]["tenant_id"]
        issued = admin.post(f"/v1/admin/tenants/{tenant_id}/licences",
                            json={"edition": "pro", "seats": DEVICES}).json()
    tokens = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for n in range(DEVICES):
            response = client.post("/v1/activations", json={
                "licence_key": issued["licence_key"], "fingerprint": f"bench-pc-{n:04d}",
                "device_name": f"PC {n}", "app_version": "1.0.0"})
            response.raise_for_status()
            tokens.append(response.json()["device_token"])
    return tokens


_WRK_SCRIPT = """
local tokens = {%s}
local n = 0
wrk.method = "POST"
wrk.body = '{"app_version": "1.0.0"}'
request = function()
  n = n + 1
  local headers = {["Content-Type"] = "application/json",
                   ["Authorization"] = "Bearer " .. tokens[(n %% #tokens) + 1]}
  return wrk.format(nil, "/v1/devices/me/check-in", headers)
end
"""


def _wrk(service: Service, tmp_path: Path, connections: int) -> tuple[float, float, int]:
    script = tmp_path / "check_in.lua"
    script.write_text(_WRK_SCRIPT % ", ".join(f'"{t}"' for t in service.tokens))
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--latency", "-s", str(script),
         service.url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0


def _python_client(args: tuple[str, list[str], float]) -> tuple[list[float], int]:
    """Check in for ``seconds``: the latencies of the check-ins that succeeded, and how many
    did not (any answer but 2xx, or no answer), which count as errors, not as throughput."""
    url, tokens, seconds = args
    latencies, errors = [], 0
    with httpx.Client(base_url=url, timeout=10) as client:
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            n += 1
            started = time.perf_counter()
            try:
                response = client.post(
                    "/v1/devices/me/check-in", json={"app_version": "1.0.0"},
                    headers={"Authorization": f"Bearer {tokens[n % len(tokens)]}"})
            except httpx.HTTPError:
                errors += 1
                continue
            if not response.is_success:
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies, errors


def _python_load(service: Service, processes: int) -> tuple[float, float, int]:
    with Pool(processes) as pool:
        runs = pool.map(_python_client, [(service.url, service.tokens, SECONDS)] * processes)
    latencies = sorted(x for run, _ in runs for x in run)
    errors = sum(errors for _, errors in runs)
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else float("inf")
    return len(latencies) / SECONDS, p99, errors


def test_licence_check_ins(service: Service, tmp_path: Path) -> None:
    with httpx.Client(base_url=service.url) as client:
        answer = client.post("/v1/devices/me/check-in", json={},
                             headers={"Authorization": f"Bearer {service.tokens[0]}"})
    assert answer.status_code == 200 and answer.json()["licence"] is not None
    if shutil.which("wrk"):
        for connections in (8, 32):
            rate, p99, errors = _wrk(service, tmp_path, connections)
            assert errors == 0
            report(f"check-ins, {service.label}, 2 workers, wrk {connections} connections",
                   f"{rate:,.0f}/s, p99 {p99:.1f} ms", "≥ 1,000/s, p99 ≤ 50 ms")
        with _polling_metrics(service, clients=4) as reads:
            rate, p99, errors = _wrk(service, tmp_path, 8)
        assert errors == 0
        report(f"check-ins, {service.label}, wrk 8 connections, 4 clients polling /metrics",
               f"{rate:,.0f}/s, p99 {p99:.1f} ms ({len(reads) / SECONDS:,.0f} reads/s)")
    else:
        rate, p99, errors = _python_load(service, 4)
        assert errors == 0, f"{errors} check-ins failed"
        report(f"check-ins, {service.label}, 2 workers, 4 Python clients (no wrk)",
               f"{rate:,.0f}/s, p99 {p99:.1f} ms", "≥ 1,000/s, p99 ≤ 50 ms")


@contextmanager
def _polling_metrics(service: Service, clients: int) -> Iterator[list[int]]:
    """Threads reading ``/metrics`` back to back as the operator's scraper, until the block
    ends; yields the list of their answers' sizes (issue 10: four such pollers once raised the
    check-ins' p99 from 2 ms to 325 ms)."""
    reads: list[int] = []
    stop = threading.Event()

    def poll() -> None:
        with httpx.Client(base_url=service.url, timeout=30,
                          headers={"Authorization": f"Bearer {OPERATOR}"}) as client:
            while not stop.is_set():
                response = client.get("/metrics")
                response.raise_for_status()
                reads.append(len(response.content))

    with ThreadPoolExecutor(clients) as pool:
        polls = [pool.submit(poll) for _ in range(clients)]
        try:
            yield reads
        finally:
            stop.set()
        for done in polls:
            done.result()


def test_chunk_uploads(service: Service) -> None:
    size, count, threads = 1024 * 1024, 128, 4
    chunks = {secrets.token_hex(32): os.urandom(size) for _ in range(count)}
    headers = {"Authorization": f"Bearer {service.tokens[0]}"}
    latencies: list[float] = []

    def put(item: tuple[str, bytes]) -> None:
        started = time.perf_counter()
        response = client.put(f"/v1/backups/chunks/{item[0]}", content=item[1],
                              headers={"Content-Type": "application/octet-stream"})
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()

    with httpx.Client(base_url=service.url, headers=headers, timeout=60,
                      limits=httpx.Limits(max_connections=threads)) as client:
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(put, chunks.items()))
        seconds = time.perf_counter() - started
        ids = list(chunks)
        started = time.perf_counter()
        missing = client.post("/v1/backups/chunks/missing", json={"chunk_ids": ids})
        missing_ms = (time.perf_counter() - started) * 1000
    assert missing.json() == {"missing": []}, missing.text
    report(f"chunk upload, {service.label}, 1 MiB chunks, {threads} streams",
           f"{count * size / seconds / 1024**2:,.0f} MiB/s, "
           f"median {statistics.median(latencies):.0f} ms per chunk")
    report(f"missing-chunks query, {service.label}, {count} ids", f"{missing_ms:.1f} ms")
