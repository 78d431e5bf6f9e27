"""The service's own signing keys: Ed25519 in PEM files, created on first use.

The licence key signs licence documents; the TUF online key signs snapshot and timestamp metadata.
Neither is the TUF root or targets key: those stay offline with the release manager and never
reach the server (see ``sync/server/cli/release.py``).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.wire.licence import key_id, public_key_bytes

__all__ = ["key_id", "load_or_create", "public_key_bytes", "read_private_key",
           "write_private_key"]

log = logging.getLogger("daftar.server.keys")


def write_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    """Write ``key`` as PEM, readable by its owner only, atomically; never overwrite."""
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        os.link(tmp, path)  # fails if another process created the key first
    finally:
        Path(tmp).unlink(missing_ok=True)


def read_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return key


def load_or_create(path: Path, what: str, *, create: bool) -> Ed25519PrivateKey:
    """The key at ``path``; made there first when ``create`` (the embedded, one-machine setup).

    With a shared database several instances sign for one service, so each must be handed the
    same key rather than invent its own: then a missing key is an error naming the fix.
    """
    if not path.exists():
        if not create:
            raise MissingKey(
                f"no {what} key at {path}: with a shared database every instance must use the "
                f"same key; make it once with `daftar-server keys generate {path}` and give "
                "each instance its path"
            )
        try:
            write_private_key(path, Ed25519PrivateKey.generate())
            log.warning("generated a new %s key in %s; back it up", what, path)
        except FileExistsError:
            pass
    return read_private_key(path)


class MissingKey(FileNotFoundError):
    pass
