"""This PC's identity towards the service: its fingerprint, its settings and its device token.

The fingerprint must stay the same for the life of an installation and differ between two PCs,
and between two ``DAFTAR_HOME`` folders on one machine (two "PCs" in tests). It is a hash of the
machine's own id (Windows ``MachineGuid``, ``/etc/machine-id``) and a random installation id kept
in the state folder: a state folder copied to another PC yields another fingerprint.

The device token goes to the OS credential store. Where there is none, it is kept in a 0600 file
in the state folder and the caller is warned once: unlike a company key, a device token opens no
books, and the licence key can always revoke it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync.client.home import home, load_json, save_json, write_private

KEYRING_SERVICE = "Daftar"
CONFIG = "cloud.json"
TOKEN_FILE = "device-token"
TOKEN_WARNING = ("no credential store on this system: the device token is kept in {path}, "
                 "readable by you only")


def _machine_id() -> str:
    """The OS's own id of this machine, or '' where none can be read."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                                r"SOFTWARE\Microsoft\Cryptography") as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0])
        return ""
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        with contextlib.suppress(OSError):
            return Path(candidate).read_text().strip()
    return ""


@dataclass
class CloudConfig:
    """What this PC knows of its service: kept in ``cloud.json`` in the state folder."""

    install_id: str
    server: str | None = None
    device_id: str | None = None
    device_name: str = field(default_factory=platform.node)
    trusted_keys: dict[str, str] = field(default_factory=dict)
    """Licence-signing public keys pinned for this server (key id → base64url)."""
    proxy: str | None = None
    """An explicit proxy URL; None uses the system's (environment) settings."""
    usage_opt_in: bool = False
    offline: bool = False
    """Activated by request and response files: it has a licence but no device token."""
    update_channel: str = "stable"
    """``stable`` or ``beta``: the releases this PC is offered."""
    auto_update: bool = True
    """Check daily and download in the background; installing still waits for a restart."""

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(f"daftar-pc|{_machine_id()}|{self.install_id}".encode())
        return digest.hexdigest()[:32]

    @property
    def connected(self) -> bool:
        return self.device_id is not None and (self.server is not None or self.offline)

    @classmethod
    def load(cls) -> CloudConfig:
        """The saved settings; on a PC that has none, fresh ones (with a new installation id)
        that are written only when something is saved, e.g. by connecting."""
        data = load_json(home() / CONFIG) or {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known.setdefault("install_id", secrets.token_hex(16))
        return cls(**known)

    def save(self) -> None:
        save_json(home() / CONFIG, self.as_dict())

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _keyring() -> Any | None:
    """The credential store, or None where there is none (headless Linux, CI)."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def _token_name(config: CloudConfig) -> str:
    return f"device-token:{config.install_id}"


def store_token(config: CloudConfig, token: str) -> str | None:
    """Keep the device token; returns a warning to show when it had to go to a file."""
    import keyring.errors

    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, _token_name(config), token)
        except keyring.errors.KeyringError:
            pass
        else:
            (home() / TOKEN_FILE).unlink(missing_ok=True)
            return None
    path = home() / TOKEN_FILE
    write_private(path, token.encode("ascii"))
    return TOKEN_WARNING.format(path=path)


def load_token(config: CloudConfig) -> str | None:
    import keyring.errors

    path = home() / TOKEN_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip() or None
    backend = _keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, _token_name(config))
    except keyring.errors.KeyringError:
        return None


def forget_token(config: CloudConfig) -> None:
    import keyring.errors

    (home() / TOKEN_FILE).unlink(missing_ok=True)
    backend = _keyring()
    if backend is not None:
        with contextlib.suppress(keyring.errors.KeyringError):
            backend.delete_password(KEYRING_SERVICE, _token_name(config))


def default_device_name() -> str:
    """A name the accountant recognises in the list of PCs: the computer's name."""
    return (platform.node() or os.environ.get("COMPUTERNAME") or "PC")[:200]
