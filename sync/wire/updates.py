"""Update offers: what the service tells a desktop about a newer release, and how versions order.

An offer is only a pointer. The desktop downloads the named TUF target with ``tuf.ngclient``,
which checks it against metadata signed by the release manager's offline key, and should install
it only if the signed target's ``custom`` fields carry the offered version and channel. A forged
or stale offer can therefore, at worst, name a genuine signed release.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, Field

Channel = Literal["stable", "beta"]
CHANNELS: tuple[Channel, ...] = ("stable", "beta")


class UpdatePatch(BaseModel):
    """A smaller download that rebuilds the offered version from ``from_version``'s files."""

    from_version: str
    target_path: str = Field(description="The TUF target of the patch, fetched and verified "
                             "like the release's own.")
    length: int
    sha256: str


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
    patches: list[UpdatePatch] = Field(
        default_factory=list, description="Patches from earlier versions; a device running "
        "one of them may download its patch instead of the whole release.")


class UpdateCheck(BaseModel):
    """The answer to "is there an update for me?": an offer, or ``None``."""

    update: UpdateOffer | None


def version_key(version: str) -> Version:
    """A PEP 440 sort key for a release version (``1.4.0b2 < 1.4.0 < 1.4.1``); raises
    ``ValueError`` if ``version`` is not one."""
    try:
        return Version(version)
    except InvalidVersion:
        raise ValueError(f"not a version: {version!r}") from None
