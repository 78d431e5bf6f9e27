"""Update offers: what the service tells a desktop about a newer release, and how versions order.

An offer is only a pointer. The desktop downloads the named TUF target with ``tuf.ngclient``,
which checks it against metadata signed by the release manager's offline key, and should install
it only if the signed target's ``custom`` fields carry the offered version and channel. A forged
or stale offer can therefore, at worst, name a genuine signed release.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

Channel = Literal["stable", "beta"]
CHANNELS: tuple[Channel, ...] = ("stable", "beta")

_NUMERIC = re.compile(r"\d+(\.\d+)*")


class UpdateOffer(BaseModel):
    version: str
    channel: Channel
    target_path: str = Field(
        description="The TUF target to fetch and verify with tuf.ngclient, e.g. "
        "stable/daftar-1.4.0.msi."
    )
    length: int = Field(description="Size of the target in bytes.")
    sha256: str = Field(description="SHA-256 of the target, as signed in the targets metadata.")
    published_at: datetime


class UpdateCheck(BaseModel):
    """The answer to "is there an update for me?": an offer, or ``None``."""

    update: UpdateOffer | None


def version_key(version: str) -> Any:
    """A sort key for a release version; raises ``ValueError`` if ``version`` is not one.

    PEP 440 ordering (``1.4.0b2 < 1.4.0 < 1.4.1``) when ``packaging`` is installed; otherwise
    dotted numbers only, trailing zeros ignored so that ``1.4`` equals ``1.4.0`` as it does there.
    """
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        return _numeric_key(version)
    try:
        return Version(version)
    except InvalidVersion:
        raise ValueError(f"not a version: {version!r}") from None


def _numeric_key(version: str) -> tuple[int, ...]:
    if not _NUMERIC.fullmatch(version):
        raise ValueError(f"not a version: {version!r}")
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_newer(candidate: str, current: str | None) -> bool:
    """Whether ``candidate`` is a later version than ``current`` (any version beats none)."""
    return current is None or version_key(candidate) > version_key(current)
