"""The two blob stores keep the same contract: the local folder and S3 (SeaweedFS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.blobs import BlobNotFound, BlobStore, FileBlobStore, open_blob_store


@pytest.fixture(params=["file", "s3"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    if request.param == "file":
        return open_blob_store(tmp_path.as_uri())
    endpoint = request.getfixturevalue("s3_endpoint")
    return open_blob_store(request.getfixturevalue("s3_bucket"), endpoint_url=endpoint)


def test_put_get_replace_delete(blobs: BlobStore) -> None:
    blobs.ping()
    blobs.put("chunks/ab/abcdef", b"\x00opaque bytes\xff")
    assert blobs.get("chunks/ab/abcdef") == b"\x00opaque bytes\xff"
    blobs.put("chunks/ab/abcdef", b"second")
    assert blobs.get("chunks/ab/abcdef") == b"second"
    blobs.delete("chunks/ab/abcdef")
    blobs.delete("chunks/ab/abcdef")  # deleting twice is not an error: deletes are retried
    with pytest.raises(BlobNotFound):
        blobs.get("chunks/ab/abcdef")


@pytest.mark.parametrize("key", ["../escape", "a//b", "/abs", "a/./b", "with space", ""])
def test_keys_that_could_escape_are_refused(blobs: BlobStore, key: str) -> None:
    with pytest.raises(ValueError, match="invalid blob key"):
        blobs.put(key, b"x")


def test_file_store_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    store.put("a/b", b"x" * 100_000)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b"]


def test_blob_url_must_be_file_or_s3(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="use file:///path or s3://bucket/prefix"):
        open_blob_store("ftp://example/x")
    with pytest.raises(ValueError, match="names no bucket"):
        open_blob_store("s3:///prefix")
