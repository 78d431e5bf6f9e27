"""Fixtures of the sync client's tests: a real ``daftar-server`` child process, real PCs.

A "PC" is a ``DAFTAR_HOME`` folder: two of them on one machine are two installations with their
own fingerprint, device token and licence. Registered by ``tests/conftest.py`` as a plugin
rather than kept in a ``conftest.py`` of their own: the service's tests import names from their
``conftest`` module, which must stay the only one under ``tests/sync``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sync.client import licence
from tests.cloud_server import ServerProcess, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One service on the embedded SQLite store for the module; each test takes a new tenant."""
    with running_server(tmp_path_factory.mktemp("service") / "data") as process:
        yield process


@pytest.fixture
def as_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], object]:
    """``with as_pc("A"):`` runs the block as the PC whose state folder is ``tmp_path/pc-A``."""

    @contextmanager
    def use(name: str) -> Iterator[Path]:
        previous = os.environ.get("DAFTAR_HOME")
        home = tmp_path / f"pc-{name}"
        os.environ["DAFTAR_HOME"] = str(home)
        try:
            yield home
        finally:
            if previous is None:
                os.environ.pop("DAFTAR_HOME", None)
            else:
                os.environ["DAFTAR_HOME"] = previous

    return use


@pytest.fixture
def connected(server: ServerProcess) -> tuple[str, str, str]:
    """This test's PC connected to a new tenant: (tenant id, licence id, licence key)."""
    tenant = server.new_tenant()
    licence_id, key = server.issue_licence(tenant)
    licence.connect(server.url, key, trust_key=server.signing_key_id())
    return tenant, licence_id, key
