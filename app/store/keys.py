"""Where a company file's key comes from, and the forms it travels in.

Every company file is encrypted with its own random 256-bit key, handed to SQLCipher raw (no KDF on
open). The key lives in the OS credential store, filed under the file's SQLCipher salt (the only
plaintext in the file, random per file and unchanged by a rekey), so moving or renaming a file
keeps its key. Other forms of the same key:

- the **recovery key**: the raw key plus a checksum in printable groups, shown once at creation; it
  opens the file on any machine;
- a **key file** (``--key-file`` / ``DAFTAR_KEY_FILE``) for automation: the key in hex, mode 0600;
- a **passphrase**, for shared PCs: the key is scrypt(passphrase, file salt), never stored.

The key is never written in clear anywhere the user did not ask for: without a credential store,
the caller gets ``NoCredentialStore`` explaining the alternatives.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

KEY_BYTES = 32
SALT_BYTES = 16
KEYRING_SERVICE = "Daftar"
_RECOVERY_CHARS = -(-(KEY_BYTES + 2) * 8 // 5)  # base32 of key ‖ checksum, unpadded: 55
_SCRYPT = {"n": 2**17, "r": 8, "p": 1, "maxmem": 256 * 1024 * 1024}


class KeyProblem(Exception):
    """Base for problems with a company file's key; the message is meant for the user."""


class NoCredentialStore(KeyProblem):
    """The OS credential store is missing or refused us; the key must come another way."""


class BadRecoveryKey(KeyProblem):
    """The text given as a recovery key is not one (typo, truncated, wrong checksum)."""


class BadKeyFile(KeyProblem):
    """A key file exists but does not hold a key."""


@dataclass(frozen=True, slots=True)
class FileKey:
    """A raw SQLCipher key, with the salt when creating a file (SQLCipher then uses ours)."""

    key: bytes
    salt: bytes | None = None

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise ValueError("a file key is 32 bytes")

    @property
    def pragma_value(self) -> str:
        """The ``PRAGMA key`` argument: a raw key, plus the salt when one is fixed."""
        salt = self.salt.hex() if self.salt else ""
        return f"\"x'{self.key.hex()}{salt}'\""

    def __repr__(self) -> str:
        return "FileKey(<secret>)"


def new_key() -> FileKey:
    """A fresh random key with a fresh random salt, for a new file."""
    return FileKey(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))


def read_salt(path: Path) -> bytes:
    """The SQLCipher salt of an existing file: its first 16 bytes, the one plaintext part."""
    with open(path, "rb") as f:
        salt = f.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise KeyProblem(f"{path} is too short to be a company file")
    return salt


# --- recovery keys ----------------------------------------------------------------------------

def recovery_key(key: FileKey) -> str:
    """The printable recovery form: base32 of key ‖ 2-byte checksum, in groups of five."""
    payload = key.key + hashlib.sha256(key.key).digest()[:2]
    text = base64.b32encode(payload).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def parse_recovery_key(text: str) -> FileKey:
    """The key behind a recovery key; tolerant of spaces, dashes, case and 0/O, 1/I, 8/B slips."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    if len(cleaned) != _RECOVERY_CHARS:
        raise BadRecoveryKey(
            f"that is not a recovery key (wrong length: {len(cleaned)} characters where a "
            f"recovery key has {_RECOVERY_CHARS})"
        )
    try:
        payload = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise BadRecoveryKey("that is not a recovery key (unexpected characters)") from None
    if len(payload) != KEY_BYTES + 2:
        raise BadRecoveryKey("that is not a recovery key (wrong length)")
    if base64.b32encode(payload).decode("ascii").rstrip("=") != cleaned:
        raise BadRecoveryKey("the recovery key has a typo in its last character")
    key, check = payload[:KEY_BYTES], payload[KEY_BYTES:]
    if hashlib.sha256(key).digest()[:2] != check:
        raise BadRecoveryKey("the recovery key has a typo (its checksum does not match)")
    return FileKey(key)


# --- passphrases ------------------------------------------------------------------------------

def passphrase_key(passphrase: str, salt: bytes) -> FileKey:
    """scrypt(passphrase, salt): slow on purpose, as a passphrase is guessable and a key is not."""
    if not passphrase:
        raise KeyProblem("the passphrase is empty")
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return FileKey(hashlib.scrypt(secret, salt=salt, dklen=KEY_BYTES, **_SCRYPT), salt)


# --- key files --------------------------------------------------------------------------------

def read_key_file(path: Path) -> FileKey:
    """The key in a key file: 64 hex digits, or a recovery key."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise BadKeyFile(f"cannot read key file {path}: {exc.strerror}") from None
    try:
        return FileKey(bytes.fromhex(text))
    except ValueError:
        pass
    try:
        return parse_recovery_key(text)
    except BadRecoveryKey:
        raise BadKeyFile(f"key file {path} holds no key (64 hex digits expected)") from None


def write_key_file(path: Path, key: FileKey) -> None:
    """Write a key file atomically, readable by its owner only."""
    write_private_file(path, (key.key.hex() + "\n").encode("ascii"))


def write_private_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, readable by its owner only (temp → 0600 →
    fsync → rename), so a crash leaves the old file or the new one, never half of either."""
    path = path.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the OS credential store ------------------------------------------------------------------

def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoCredentialStore(
            "no credential store is available on this system, so the key cannot be kept safely. "
            "Use --key-file PATH (or DAFTAR_KEY_FILE) to keep the key in a file you protect, "
            "or --passphrase to derive it from a passphrase"
        )
    return backend


def _keyring_name(salt: bytes, pending: bool = False) -> str:
    return f"company:{salt.hex()}" + (":pending" if pending else "")


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    """A locked or failing credential store is a problem the user can act on, not a crash."""
    import keyring.errors

    try:
        yield
    except keyring.errors.PasswordDeleteError:
        raise
    except keyring.errors.KeyringError as exc:
        raise NoCredentialStore(
            f"the credential store refused ({exc or type(exc).__name__}); unlock it, or use "
            "--key-file, --recovery-key or --passphrase"
        ) from None


def keyring_load(salt: bytes, *, pending: bool = False) -> FileKey | None:
    """The key filed under this salt in the credential store, or None if it holds none."""
    with _refusals():
        value = _keyring().get_password(KEYRING_SERVICE, _keyring_name(salt, pending))
    return FileKey(bytes.fromhex(value)) if value else None


def keyring_store(salt: bytes, key: FileKey, *, pending: bool = False) -> None:
    """File the key under this salt; ``pending`` holds a new key while a rekey is under way."""
    with _refusals():
        _keyring().set_password(KEYRING_SERVICE, _keyring_name(salt, pending), key.key.hex())


def keyring_forget(salt: bytes, *, pending: bool = False) -> None:
    import keyring.errors

    with _refusals(), contextlib.suppress(keyring.errors.PasswordDeleteError):
        _keyring().delete_password(KEYRING_SERVICE, _keyring_name(salt, pending))


def keyring_available() -> bool:
    try:
        _keyring()
    except NoCredentialStore:
        return False
    return True
