"""``daftar-server serve`` as an operator starts it: relative paths, the metrics port."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest
from conftest import free_port

from tests.cloud_server import server_program, wait_until_healthy

pytestmark = pytest.mark.slow


def test_a_relative_data_dir_and_a_metrics_port(tmp_path: Path) -> None:
    port, metrics_port = free_port(), free_port()
    env = {**os.environ, "DAFTAR_ADMIN_TOKEN": "operator", "DAFTAR_GC_INTERVAL_MINUTES": "0"}
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*server_program(), "--data-dir", "relative/data", "--port", str(port),
             "--metrics-port", str(metrics_port)],
            cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server, log)
        ready = httpx.get(f"{url}/readyz")
        service_port = httpx.get(f"{url}/metrics", headers={"Authorization": "Bearer operator"})
        scraped = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics")
    finally:
        server.terminate()
        server.wait(20)
    assert ready.status_code == 200, log.read_text()
    assert (tmp_path / "relative" / "data" / "blobs").is_dir()
    assert (tmp_path / "relative" / "data" / "daftar-server.sqlite3").is_file()
    assert service_port.status_code == 404
    assert scraped.status_code == 200
    assert 'daftar_http_requests_total{method="GET",route="/readyz",status="200"}' in scraped.text
