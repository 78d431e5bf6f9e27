"""Command-line tests run as a user with none of Daftar's environment variables set: a key or
passphrase left in the tester's shell must not decide how a test opens its file."""

from __future__ import annotations

import pytest

DAFTAR_SECRETS = ("DAFTAR_KEY_FILE", "DAFTAR_PASSPHRASE", "DAFTAR_RECOVERY_KEY",
                  "DAFTAR_NEW_PASSPHRASE", "DAFTAR_DEBUG")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in DAFTAR_SECRETS:
        monkeypatch.delenv(var, raising=False)
