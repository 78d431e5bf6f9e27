"""Bearer tokens and licence keys: generated at random, stored only as hashes.

A stolen database yields no usable credential. Tokens are long and random, so a plain SHA-256
suffices (no slow KDF needed: there is nothing to brute-force). Licence keys are meant to be typed,
so they use Crockford base32 in dash-separated groups, and are normalised before hashing.
"""

from __future__ import annotations

import hashlib
import secrets

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def new_token(prefix: str) -> str:
    """A bearer token such as ``dev_…`` or ``adm_…``; the prefix tells a human what it is."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_licence_key() -> str:
    """``DAFTAR-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX``: 125 random bits, readable over the phone."""
    chars = "".join(secrets.choice(_CROCKFORD) for _ in range(25))
    return "DAFTAR-" + "-".join(chars[i:i + 5] for i in range(0, 25, 5))


def normalise_licence_key(key: str) -> str:
    key = key.strip().upper()
    key = key.removeprefix("DAFTAR-").removeprefix("DAFTAR")
    return key.translate(_CONFUSABLE)


def hash_licence_key(key: str) -> str:
    return hash_token("licence:" + normalise_licence_key(key))
