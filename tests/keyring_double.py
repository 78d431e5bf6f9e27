"""A credential store in a dict: the one test double we allow, as no OS keyring runs here."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

# Let keyring settle its own backend choice before this class exists, so that defining it can
# never make it the auto-detected backend of some other test.
keyring.get_keyring()


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError("no such password")
        del self.secrets[(service, username)]


KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]
