"""Update archives: a whole version of the bundle, or a patch from an earlier one.

An archive is a tar stream compressed with Zstandard. Its first member, ``daftar-update.json``,
is the manifest: the version, and every file of that version with its size, SHA-256 and mode
(and every symbolic link, as Linux bundles have). A *full* archive then holds every file; a
*patch* holds only the files that differ from ``from_version``'s, and the others are copied
from the installed folder of that version, each checked against the manifest's hash.

The release side (``installer/build.py``) writes archives; the desktop unpacks them after TUF
checked the archive's own length and hash against the signed targets. Unpacking trusts the
archive no further than it must: a member the manifest does not list, a path leaving the
folder, a link, device or other special member, or a file whose bytes do not match its hash
stops it, and the half-written folder is removed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import zstandard

MANIFEST = "daftar-update.json"
FORMAT = 1
LEVEL = 12
PIECE = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be used; the message says which file and why."""


class PatchMismatch(ArchiveError):
    """The installed version's files are not the ones the patch was made from: the whole
    archive must be used instead."""


@dataclass(frozen=True)
class Manifest:
    version: str
    kind: str
    """``full`` or ``patch``."""
    from_version: str | None
    files: dict[str, dict[str, Any]]
    """Path (``/``-separated, relative) → ``{"sha256", "size", "mode"}``."""
    links: dict[str, str]
    """Path → target of each symbolic link, relative to the link's folder."""

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "version": self.version, "kind": self.kind,
                           "from_version": self.from_version, "files": self.files,
                           "links": self.links}, sort_keys=True, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> Manifest:
        try:
            raw = json.loads(data)
            if raw.get("format") != FORMAT:
                raise ArchiveError(f"{name}: archive format {raw.get('format')!r}, this "
                                   f"Daftar reads format {FORMAT}")
            manifest = cls(str(raw["version"]), str(raw["kind"]), raw.get("from_version"),
                           dict(raw["files"]), dict(raw.get("links", {})))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ArchiveError(f"{name}: its manifest is damaged ({error})") from None
        for path in [*manifest.files, *manifest.links]:
            _safe(path, name)
        return manifest


def _safe(path: str, archive: str) -> PurePosixPath:
    """A relative path that stays inside the folder it is unpacked into."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path \
            or ":" in path or path != pure.as_posix():
        raise ArchiveError(f"{archive}: refused the path {path!r}, which would leave the "
                           "version's folder")
    return pure


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while piece := data.read(PIECE):
            digest.update(piece)
    return digest.hexdigest()


def scan(folder: Path, version: str) -> Manifest:
    """The full manifest of a bundle folder."""
    files: dict[str, dict[str, Any]] = {}
    links: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            links[name] = os.readlink(path)
        elif path.is_file():
            mode = 0o755 if path.stat().st_mode & stat.S_IXUSR else 0o644
            files[name] = {"sha256": _sha256(path), "size": path.stat().st_size, "mode": mode}
    return Manifest(version, "full", None, files, links)


# -- writing (the release side) ----------------------------------------------------------------

def write(folder: Path, manifest: Manifest, out: Path, *, only: set[str] | None = None) -> Path:
    """Write ``manifest`` and its files from ``folder`` (all, or those in ``only``)."""
    partial = out.with_name(out.name + ".part")
    compressor = zstandard.ZstdCompressor(level=LEVEL, threads=-1)
    with partial.open("wb") as raw, compressor.stream_writer(raw, closefd=False) as packed, \
            tarfile.open(fileobj=packed, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        _add_bytes(tar, MANIFEST, manifest.to_bytes())
        for name in manifest.files:
            if only is None or name in only:
                info = tarfile.TarInfo(name)
                info.size, info.mode = manifest.files[name]["size"], manifest.files[name]["mode"]
                with (folder / name).open("rb") as data:
                    tar.addfile(info, data)
    os.replace(partial, out)
    return out


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o644
    tar.addfile(info, io.BytesIO(data))


def write_full(folder: Path, version: str, out: Path) -> Manifest:
    manifest = scan(folder, version)
    write(folder, manifest, out)
    return manifest


def write_patch(folder: Path, version: str, previous: Manifest, out: Path) -> Manifest:
    """A patch from ``previous`` (the manifest of that version's full archive)."""
    full = scan(folder, version)
    changed = {name for name, info in full.files.items()
               if previous.files.get(name, {}).get("sha256") != info["sha256"]}
    patch = Manifest(version, "patch", previous.version, full.files, full.links)
    write(folder, patch, out, only=changed)
    return patch


# -- reading (the desktop) ---------------------------------------------------------------------

def _members(archive: Path) -> Iterator[tuple[tarfile.TarFile, tarfile.TarInfo]]:
    """Each member as the stream reaches it; a stream that does not decode is damaged."""
    try:
        with archive.open("rb") as raw, \
                zstandard.ZstdDecompressor().stream_reader(raw) as unpacked, \
                tarfile.open(fileobj=unpacked, mode="r|") as tar:
            for member in tar:
                yield tar, member
    except (tarfile.TarError, zstandard.ZstdError, EOFError) as error:
        raise ArchiveError(f"{archive.name} is damaged ({error})") from None


def read_manifest(archive: Path) -> Manifest:
    """The manifest alone, read from the start of the archive."""
    members = _members(archive)
    try:
        for tar, member in members:
            return _manifest_of(tar, member, archive)
    finally:
        members.close()
    raise ArchiveError(f"{archive.name} is empty")


def _manifest_of(tar: tarfile.TarFile, member: tarfile.TarInfo, archive: Path) -> Manifest:
    if member.name != MANIFEST or not member.isfile() or member.size > 64 * 2**20:
        raise ArchiveError(f"{archive.name} is not a Daftar update (no manifest first)")
    data = tar.extractfile(member)
    assert data is not None
    return Manifest.from_bytes(data.read(), archive.name)


def unpack(archive: Path, destination: Path, *, base: Path | None = None,
           progress: Callable[[int, int], None] | None = None) -> Manifest:
    """Unpack a version into ``destination`` (which must not exist), checking every file.

    A patch needs ``base``, the installed folder of the version it patches. On any error the
    destination is removed and nothing else is touched.
    """
    destination.mkdir(parents=True)
    try:
        try:
            return _unpack(archive, destination, base, progress or (lambda done, total: None))
        except (tarfile.TarError, zstandard.ZstdError, EOFError) as error:
            raise ArchiveError(f"{archive.name} is damaged ({error})") from None
    except BaseException:
        shutil.rmtree(destination, ignore_errors=True)
        raise


def _unpack(archive: Path, destination: Path, base: Path | None,
            progress: Callable[[int, int], None]) -> Manifest:
    manifest: Manifest | None = None
    written: set[str] = set()
    done = total = 0
    for tar, member in _members(archive):
        if manifest is None:
            manifest = _manifest_of(tar, member, archive)
            if manifest.kind == "patch" and base is None:
                raise PatchMismatch(f"{archive.name} patches {manifest.from_version}, which is "
                                    "not installed here")
            total = sum(int(info["size"]) for info in manifest.files.values())
            continue
        expected = manifest.files.get(member.name)
        if expected is None or not member.isfile() or member.name in written:
            raise ArchiveError(f"{archive.name}: refused {member.name!r}, which its manifest "
                               "does not list as a file")
        source = tar.extractfile(member)
        assert source is not None
        _copy_checked(source, destination / _safe(member.name, archive.name), expected,
                      f"{archive.name}: {member.name}")
        written.add(member.name)
        done += int(expected["size"])
        progress(done, total)
    if manifest is None:
        raise ArchiveError(f"{archive.name} is empty")
    for name, expected in manifest.files.items():
        if name in written:
            continue
        if manifest.kind != "patch" or base is None:
            raise ArchiveError(f"{archive.name} lacks {name}, which its manifest lists")
        try:
            with (base / name).open("rb") as source:
                _copy_checked(source, destination / name, expected, f"installed {name}",
                              mismatch=PatchMismatch)
        except FileNotFoundError:
            raise PatchMismatch(f"the installed {manifest.from_version} lacks {name}, which the "
                                "patch expects") from None
        done += int(expected["size"])
        progress(done, total)
    for name, target in manifest.links.items():
        link = destination / name
        link.parent.mkdir(parents=True, exist_ok=True)
        resolved = (link.parent / target).resolve()
        if not resolved.is_relative_to(destination.resolve()) or os.path.isabs(target):
            raise ArchiveError(f"{archive.name}: refused the link {name} -> {target}, which "
                               "points out of the version's folder")
        os.symlink(target, link)
    return manifest


def _copy_checked(source: IO[bytes], target: Path, expected: dict[str, Any], what: str, *,
                  mismatch: type[ArchiveError] = ArchiveError) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with target.open("xb") as out:
        while piece := source.read(PIECE):
            digest.update(piece)
            size += len(piece)
            out.write(piece)
    if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
        raise mismatch(f"{what} does not match the manifest (size or SHA-256)")
    os.chmod(target, int(expected.get("mode", 0o644)) & 0o755)
