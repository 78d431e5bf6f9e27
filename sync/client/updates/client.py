"""Updating this PC's Daftar: ask the service, download, verify with TUF, stage for next start.

1. :func:`check` asks the service for the newest release on this PC's channel whose rollout
   includes it (``/v1/devices/me/updates``). The answer is only a pointer.
2. :func:`download` refreshes the TUF metadata with ``tuf.ngclient`` from the root this build
   trusts, finds the offered target in the signed targets, checks that its signed ``custom``
   fields carry the offered version and channel, then fetches it into the state folder, with
   progress, resuming a download cut short (``Range``). The file is kept only if its length and
   SHA-256 are the signed ones (``Updater.find_cached_target``): a tampered file is deleted.
   A patch from the running version is preferred when the release has one.
3. :func:`stage` unpacks the archive beside the running version (``versions/<new>``, under a
   temporary name until every file is checked) and marks it staged. The launcher switches to it
   at the next start and rolls back if it does not reach its first window (:mod:`launch`).

Nothing here asks for administrator rights: the installation is the user's own folder. A copy
of Daftar that is not an installation (a source checkout, a pip install) can check and
download, but says it cannot install.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from sync.client import licence
from sync.client.device import CloudConfig
from sync.client.home import home, load_json, save_json
from sync.client.http import APP_VERSION, CloudError, Offline, Service, ServiceError
from sync.client.updates import archive
from sync.client.updates.layout import Installation
from sync.wire.updates import CHANNELS, UpdateCheck, UpdateOffer

FOLDER = "updates"
STATUS = "status.json"
ROOT_FILE = "root.json"
CHECK_EVERY = timedelta(days=1)
PIECE = 256 * 1024

Progress = Callable[[int, int], None]
"""Called with (bytes done, bytes in all) as a download or an unpacking goes on."""


class UpdateError(CloudError):
    """An update could not be found, fetched or installed; the message says why."""


class UpdateRefused(UpdateError):
    """What the service sent failed verification: metadata or file not as signed."""


def folder() -> Path:
    return home() / FOLDER


def trusted_root() -> bytes | None:
    """The TUF root this PC starts from: one pinned with ``daftar update trust-root``, else
    the one shipped in this build (``sync/client/update_root.json``, written by the release
    manager), else None: no update can then be verified."""
    pinned = folder() / ROOT_FILE
    if pinned.is_file():
        return pinned.read_bytes()
    shipped = resources.files("sync.client").joinpath("update_root.json").read_bytes()
    return shipped if json.loads(shipped).get("signed") else None


def trust_root(root: bytes) -> str:
    """Pin a TUF root (``N.root.json`` from the release manager) for this PC; its expiry."""
    from tuf.api.exceptions import UnsignedMetadataError
    from tuf.api.metadata import Metadata, Root
    from tuf.api.serialization import DeserializationError

    try:
        metadata = Metadata.from_bytes(root)
    except DeserializationError as error:
        raise UpdateError(f"not a TUF metadata file ({error})") from None
    if not isinstance(metadata.signed, Root):
        raise UpdateError(f"not a TUF root: it holds {metadata.signed.type} metadata")
    try:
        metadata.signed.verify_delegate("root", metadata.signed_bytes, metadata.signatures)
    except UnsignedMetadataError:
        raise UpdateError("this root is not signed by its own root keys") from None
    shutil.rmtree(folder() / "metadata", ignore_errors=True)  # trust starts again from it
    folder().mkdir(parents=True, exist_ok=True)
    (folder() / ROOT_FILE).write_bytes(root)
    return metadata.signed.expires.isoformat()


# -- what was last seen ------------------------------------------------------------------------

@dataclass
class Status:
    """What ``updates/status.json`` remembers between runs."""

    checked_at: str | None = None
    offer: dict[str, Any] | None = None
    staged: str | None = None
    error: str | None = None

    @classmethod
    def load(cls) -> Status:
        data = load_json(folder() / STATUS) or {}
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def save(self) -> None:
        save_json(folder() / STATUS, self.__dict__)

    def due(self, now: datetime | None = None) -> bool:
        """Whether a daily check is due."""
        if self.checked_at is None:
            return True
        return (now or datetime.now(UTC)) - datetime.fromisoformat(self.checked_at) \
            >= CHECK_EVERY


# -- 1. check ----------------------------------------------------------------------------------

def check(config: CloudConfig | None = None, *, current: str = APP_VERSION) -> UpdateOffer | None:
    """The release this PC is offered, newer than ``current``, or None; remembered."""
    config = config or CloudConfig.load()
    channel = config.update_channel if config.update_channel in CHANNELS else "stable"
    status = Status.load()
    with licence.service(config) as api:
        answer = UpdateCheck.model_validate(api.get(
            "/v1/devices/me/updates", params={"channel": channel, "current": current}).json())
    status.checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    status.offer = None if answer.update is None else answer.update.model_dump(mode="json")
    status.error = None
    status.save()
    return answer.update


# -- 2. download -------------------------------------------------------------------------------

def _fetcher(api: Service) -> Any:
    """A TUF fetcher over the service's own HTTP session (its proxy, timeouts, errors)."""
    from tuf.api.exceptions import DownloadHTTPError
    from tuf.ngclient import FetcherInterface

    class Fetcher(FetcherInterface):
        def _fetch(self, url: str) -> Iterator[bytes]:
            stack = ExitStack()
            try:
                response = stack.enter_context(api.stream(url))
            except ServiceError as error:
                raise DownloadHTTPError(f"{url}: {error}", error.status) from None

            def pieces() -> Iterator[bytes]:
                with stack:
                    yield from response.iter_bytes(PIECE)

            return pieces()

    return Fetcher()


def _updater(api: Service, server: str) -> Any:
    from tuf.ngclient import Updater

    root = trusted_root()
    metadata = folder() / "metadata"
    metadata.mkdir(parents=True, exist_ok=True)
    if root is None and not (metadata / "root.json").exists():
        raise UpdateError("this build of Daftar trusts no update signing root; pin the release "
                          "manager's root with 'daftar update trust-root FILE'")
    bootstrap = None if (metadata / "root.json").exists() else root
    return Updater(str(metadata), f"{server}/tuf/metadata/", str(folder() / "downloads"),
                   f"{server}/tuf/targets/", fetcher=_fetcher(api), bootstrap=bootstrap)


def _verified_target(updater: Any, path: str, offer: UpdateOffer,
                     patch_from: str | None) -> Any:
    """The signed target for ``path``, after checking it is what the offer said it is."""
    from tuf.api import exceptions

    try:
        updater.refresh()
        info = updater.get_targetinfo(path)
    except exceptions.DownloadError as error:
        raise Offline(f"the update metadata could not be fetched ({error})") from None
    except exceptions.RepositoryError as error:
        raise UpdateRefused(f"the update metadata failed verification: {error}") from None
    if info is None:
        raise UpdateRefused(f"{path} is not among the signed releases")
    custom = info.custom if isinstance(info.custom, dict) else {}
    if custom.get("version") != offer.version or custom.get("channel") != offer.channel \
            or custom.get("patch_from") != patch_from:
        raise UpdateRefused(f"the signed {path} is not release {offer.version} as offered")
    return info


def download(offer: UpdateOffer, *, config: CloudConfig | None = None,
             current: str = APP_VERSION, progress: Progress | None = None,
             prefer_patch: bool = True) -> Path:
    """Fetch the offered release (its patch from ``current`` if it has one) and verify it;
    the verified file's path."""
    config = config or CloudConfig.load()
    patch = next((p for p in offer.patches if p.from_version == current), None) \
        if prefer_patch else None
    path = patch.target_path if patch else offer.target_path
    with licence.service(config) as api:
        updater = _updater(api, str(config.server).rstrip("/"))
        info = _verified_target(updater, path, offer, patch.from_version if patch else None)
        downloads = folder() / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        final = downloads / f"{info.hashes['sha256']}.{Path(path).name}"
        if updater.find_cached_target(info, str(final)):
            return final
        partial = final.with_name(final.name + ".part")
        _fetch_resuming(api, f"/tuf/targets/{_hashed_name(info)}", partial, info.length,
                        progress or (lambda done, total: None))
        os.replace(partial, final)
        if not updater.find_cached_target(info, str(final)):
            final.unlink(missing_ok=True)
            raise UpdateRefused(f"the downloaded {Path(path).name} does not match its signed "
                                "length and SHA-256; it was deleted")
    return final


def _hashed_name(info: Any) -> str:
    """The consistent-snapshot name the service serves a target under."""
    directory, _, name = info.path.rpartition("/")
    return f"{directory}/{info.hashes['sha256']}.{name}"


def _fetch_resuming(api: Service, url: str, partial: Path, length: int,
                    progress: Progress) -> None:
    """Append to ``partial`` from where it stopped, up to the signed length (never beyond)."""
    have = partial.stat().st_size if partial.exists() else 0
    if have > length:
        partial.unlink()
        have = 0
    if have == length:
        return
    headers = {"Range": f"bytes={have}-"} if have else None
    with api.stream(url, headers=headers, ok=(200, 206)) as response:
        mode = "ab" if response.status_code == 206 else "wb"
        done = have if mode == "ab" else 0
        with partial.open(mode) as out:
            for piece in response.iter_bytes(PIECE):
                done += len(piece)
                if done > length:
                    raise UpdateRefused(f"{url} is longer than its signed {length} bytes")
                out.write(piece)
                progress(done, length)


# -- 3. stage ----------------------------------------------------------------------------------

def installation() -> Installation:
    """This program's installation, or why it cannot update itself."""
    found = Installation.of_running_program()
    override = os.environ.get("DAFTAR_INSTALL_ROOT")
    if override:
        found = Installation(Path(override))
    if found is None:
        raise UpdateError("this copy of Daftar is not an installation it can update itself "
                          "(it runs from source or from pip): update it with pip, or install "
                          "Daftar with its setup program")
    return found


def stage(file: Path, version: str, *, current: str = APP_VERSION,
          progress: Progress | None = None) -> Installation:
    """Unpack a verified archive beside the running version; it starts at the next start."""
    place = installation()
    base = place.folder(current) if place.has(current) else None
    state = place.load()
    if version in state.failed:
        raise UpdateError(f"version {version} failed to start here before; it is not "
                          "installed again automatically")
    if place.has(version):
        target = place.folder(version)
    else:
        unpacking = place.versions / f".{version}.unpacking"
        shutil.rmtree(unpacking, ignore_errors=True)
        try:
            manifest = archive.unpack(file, unpacking, base=base, progress=progress)
        except archive.PatchMismatch:
            raise
        except archive.ArchiveError as error:
            raise UpdateRefused(str(error)) from None
        if manifest.version != version:
            shutil.rmtree(unpacking, ignore_errors=True)
            raise UpdateRefused(f"{file.name} holds version {manifest.version}, not {version}")
        target = place.folder(version)
        os.replace(unpacking, target)
    if not place.has(state.current) and base is not None:
        state.current = current  # the running version, until the launcher switches
    state.staged = target.name
    place.save(state)
    _prune(place, running=current)
    return place


def _prune(place: Installation, *, running: str) -> None:
    """Remove versions that are neither running, current, previous nor staged (best effort: a
    folder in use on Windows stays until a later update)."""
    state = place.load()
    keep = {running, state.current, state.previous, state.staged, state.trial}
    for version in place.installed():
        if version not in keep:
            shutil.rmtree(place.folder(version), ignore_errors=True)
    for leftover in place.versions.glob(".*.unpacking"):
        shutil.rmtree(leftover, ignore_errors=True)


@dataclass(frozen=True)
class Outcome:
    """What one run of :func:`update` did, for the command line and the window."""

    current: str
    offer: UpdateOffer | None
    staged: str | None = None
    downloaded: Path | None = None
    """The verified file, when it was only downloaded (once installed it is deleted)."""
    patch: bool = False
    size: int = 0
    """Bytes of the file that was downloaded (a patch is much smaller than the archive)."""

    def as_dict(self) -> dict[str, Any]:
        return {"current": self.current, "available": self.offer.version if self.offer else None,
                "staged": self.staged, "patch": self.patch, "size": self.size,
                "downloaded": str(self.downloaded) if self.downloaded else None}


def update(*, install: bool = True, progress: Progress | None = None,
           config: CloudConfig | None = None, current: str = APP_VERSION) -> Outcome:
    """Check, download (a patch when possible) and, if ``install``, stage the new version."""
    config = config or CloudConfig.load()
    offer = check(config, current=current)
    if offer is None:
        return Outcome(current, None)
    if offer.version in installation_failed():
        return Outcome(current, offer)
    patched = any(p.from_version == current for p in offer.patches)
    file = download(offer, config=config, current=current, progress=progress)
    if not install:
        return Outcome(current, offer, downloaded=file, patch=patched, size=file.stat().st_size)
    try:
        stage(file, offer.version, current=current, progress=progress)
    except archive.PatchMismatch:
        file = download(offer, config=config, current=current, progress=progress,
                        prefer_patch=False)
        stage(file, offer.version, current=current, progress=progress)
        patched = False
    size = file.stat().st_size
    _empty_downloads()
    status = Status.load()
    status.staged = offer.version
    status.save()
    return Outcome(current, offer, staged=offer.version, patch=patched, size=size)


def _empty_downloads() -> None:
    """Once a version is unpacked its archive serves no more; an archive is a hundred MiB."""
    for leftover in (folder() / "downloads").glob("*"):
        if leftover.is_file():
            leftover.unlink(missing_ok=True)


def installation_failed() -> list[str]:
    """Versions that failed to start here (rolled back); empty where nothing is installed."""
    try:
        return installation().load().failed
    except UpdateError:
        return []

