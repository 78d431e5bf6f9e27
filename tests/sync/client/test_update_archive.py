"""Update archives: whole and patch, and what unpacking refuses.

The archives are made from small folders shaped like a bundle; the real bundle goes through
the same code in ``tests/e2e/test_updates_bundle.py``.
"""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

import pytest
import zstandard

from sync.client.updates import archive
from sync.client.updates.archive import ArchiveError, Manifest, PatchMismatch


def bundle(folder: Path, changes: dict[str, bytes] | None = None) -> Path:
    files = {"Daftar": b"window program v1", "daftar-cli": b"cli program v1",
             "_internal/libQt6Core.so.6": os.urandom(200_000),
             "_internal/resources/charts/scf.json": b'{"accounts": []}'}
    files.update(changes or {})
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / "Daftar").chmod(0o755)
    if os.name == "posix":
        os.symlink("libQt6Core.so.6", folder / "_internal" / "libQt6Core.so")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_a_whole_version_unpacks_to_the_same_files(tmp_path: Path) -> None:
    source = bundle(tmp_path / "src")
    made = archive.write_full(source, "1.0.0", tmp_path / "full.tar.zst")
    assert archive.read_manifest(tmp_path / "full.tar.zst") == made
    seen: list[tuple[int, int]] = []
    got = archive.unpack(tmp_path / "full.tar.zst", tmp_path / "out",
                         progress=lambda done, total: seen.append((done, total)))
    assert got.version == "1.0.0" and got.kind == "full"
    assert tree(tmp_path / "out") == tree(source)
    assert seen[-1][0] == seen[-1][1] == sum(len(d) for d in tree(source).values())
    assert os.access(tmp_path / "out" / "Daftar", os.X_OK)
    if os.name == "posix":
        assert os.readlink(tmp_path / "out" / "_internal" / "libQt6Core.so") == "libQt6Core.so.6"


def test_a_patch_carries_only_what_changed_and_rebuilds_the_version(tmp_path: Path) -> None:
    old = bundle(tmp_path / "old")
    new = bundle(tmp_path / "new", {"Daftar": b"window program v2", "_internal/new.txt": b"n"})
    (new / "_internal" / "libQt6Core.so.6").write_bytes(
        (old / "_internal" / "libQt6Core.so.6").read_bytes())
    before = archive.write_full(old, "1.0.0", tmp_path / "old.tar.zst")
    archive.write_full(new, "1.1.0", tmp_path / "new.tar.zst")
    patch = archive.write_patch(new, "1.1.0", before, tmp_path / "patch.tar.zst")
    assert patch.kind == "patch" and patch.from_version == "1.0.0"
    assert (tmp_path / "patch.tar.zst").stat().st_size < \
        (tmp_path / "new.tar.zst").stat().st_size / 2
    archive.unpack(tmp_path / "patch.tar.zst", tmp_path / "out", base=old)
    assert tree(tmp_path / "out") == tree(new)


def test_a_patch_over_files_that_differ_asks_for_the_whole_archive(tmp_path: Path) -> None:
    old = bundle(tmp_path / "old")
    new = bundle(tmp_path / "new", {"Daftar": b"window program v2"})
    before = archive.write_full(old, "1.0.0", tmp_path / "old.tar.zst")
    archive.write_patch(new, "1.1.0", before, tmp_path / "patch.tar.zst")
    (old / "_internal" / "resources" / "charts" / "scf.json").write_bytes(b"edited by hand")
    with pytest.raises(PatchMismatch, match=r"scf\.json"):
        archive.unpack(tmp_path / "patch.tar.zst", tmp_path / "out", base=old)
    assert not (tmp_path / "out").exists()
    with pytest.raises(PatchMismatch, match="not installed"):
        archive.unpack(tmp_path / "patch.tar.zst", tmp_path / "out2")


def _forged(tmp_path: Path, manifest: Manifest, members: list[tuple[tarfile.TarInfo, bytes]]
            ) -> Path:
    out = tmp_path / "forged.tar.zst"
    with out.open("wb") as raw, \
            zstandard.ZstdCompressor().stream_writer(raw, closefd=False) as packed, \
            tarfile.open(fileobj=packed, mode="w|") as tar:
        data = manifest.to_bytes()
        info = tarfile.TarInfo(archive.MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        for info, body in members:
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out


@pytest.mark.parametrize("attack", ["escape", "unlisted", "symlink", "altered", "missing",
                                    "link-out"])
def test_unpacking_refuses_what_the_manifest_does_not_vouch_for(tmp_path: Path,
                                                                attack: str) -> None:
    body = b"the real bytes"
    good = {"sha256": __import__("hashlib").sha256(body).hexdigest(), "size": len(body),
            "mode": 0o644}
    files, links, members = {"a.txt": good}, {}, [(tarfile.TarInfo("a.txt"), body)]
    if attack == "escape":
        files = {"../evil.txt": good}
    elif attack == "unlisted":
        members.append((tarfile.TarInfo("extra.dll"), b"x"))
    elif attack == "symlink":
        link = tarfile.TarInfo("a.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        members = [(link, b"")]
    elif attack == "altered":
        members = [(tarfile.TarInfo("a.txt"), b"the fake bytes")]
    elif attack == "missing":
        members = []
    elif attack == "link-out":
        links = {"lib.so": "../../outside.so"}
    try:
        forged = _forged(tmp_path, Manifest("9.9.9", "full", None, files, links), members)
    except ArchiveError:
        assert attack == "escape"  # refused already while reading the manifest back
        return
    with pytest.raises(ArchiveError):
        archive.unpack(forged, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "evil.txt").exists()


def test_a_damaged_or_foreign_file_is_named(tmp_path: Path) -> None:
    source = bundle(tmp_path / "src")
    archive.write_full(source, "1.0.0", tmp_path / "full.tar.zst")
    data = bytearray((tmp_path / "full.tar.zst").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "cut.tar.zst").write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"cut\.tar\.zst"):
        archive.unpack(tmp_path / "cut.tar.zst", tmp_path / "out")
    (tmp_path / "setup.exe").write_bytes(b"MZ" + os.urandom(100))
    with pytest.raises(ArchiveError, match=r"setup\.exe"):
        archive.read_manifest(tmp_path / "setup.exe")
