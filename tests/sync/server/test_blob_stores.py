"""The two blob stores keep the same contract: the local folder and S3 (SeaweedFS)."""

from __future__ import annotations

import hashlib
import secrets
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.blobs import (
    PART_BYTES,
    BlobNotFound,
    BlobStore,
    DigestMismatch,
    FileBlobStore,
    S3BlobStore,
    open_blob_store,
)

MIB = 1024**2


@pytest.fixture(scope="module")
def bucket(s3_endpoint: str) -> str:
    """One bucket for this module's tests, each under its own prefix: SeaweedFS gives every
    bucket written to volumes of its own, and the test server has room for few."""
    import boto3

    name = f"daftar-blobs-{secrets.token_hex(4)}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket=name)
    return name


@pytest.fixture(params=["file", "s3"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    if request.param == "file":
        return open_blob_store(tmp_path.as_uri())
    bucket = request.getfixturevalue("bucket")
    return open_blob_store(f"s3://{bucket}/{secrets.token_hex(4)}",
                           endpoint_url=request.getfixturevalue("s3_endpoint"))


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


def pieces(count: int, size: int = MIB) -> Iterator[bytes]:
    """``count`` distinct pieces of ``size`` bytes, made as they are asked for."""
    for n in range(count):
        yield hashlib.sha256(n.to_bytes(4, "big")).digest() * (size // 32)


def digest_of(chunks: Iterator[bytes]) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def test_a_large_blob_streams_in_and_out_in_little_memory(blobs: BlobStore) -> None:
    """20 MiB, three S3 parts; writing holds about one part, reading about one chunk."""
    size, sha256 = digest_of(pieces(20))
    tracemalloc.start()
    try:
        stored = blobs.put_stream("releases/big", pieces(20), sha256=sha256)
        written = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        assert blobs.size("releases/big") == size
        with blobs.open("releases/big") as reader:
            assert reader.size == size
            assert digest_of(reader.iter_chunks()) == (size, sha256)
        read = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (stored.size, stored.sha256) == (size, sha256)
    assert written < 3 * PART_BYTES
    assert read < 4 * MIB


@pytest.mark.parametrize("count", [1, 9], ids=["one-put", "multipart"])
def test_bytes_of_another_hash_are_not_stored(blobs: BlobStore, count: int) -> None:
    blobs.put("releases/x", b"kept")
    with pytest.raises(DigestMismatch):
        blobs.put_stream("releases/x", pieces(count), sha256="0" * 64)
    assert blobs.get("releases/x") == b"kept"
    with pytest.raises(DigestMismatch):
        blobs.put_stream("releases/y", pieces(count), sha256="0" * 64)
    with pytest.raises(BlobNotFound):
        blobs.open("releases/y")
    with pytest.raises(BlobNotFound):
        blobs.size("releases/y")
    if isinstance(blobs, S3BlobStore):  # the parts sent were dropped with the upload
        uploads = blobs.client.list_multipart_uploads(Bucket=blobs.bucket, Prefix=blobs.prefix)
        assert uploads.get("Uploads", []) == []


def test_a_stream_that_fails_stores_nothing(blobs: BlobStore) -> None:
    def broken() -> Iterator[bytes]:
        yield from pieces(9)
        raise ConnectionError("the client went away")

    with pytest.raises(ConnectionError):
        blobs.put_stream("releases/z", broken())
    with pytest.raises(BlobNotFound):
        blobs.get("releases/z")
    stored = blobs.put_stream("releases/z", iter([b"a", b"", b"bc"]))
    assert (stored.size, stored.sha256) == (3, hashlib.sha256(b"abc").hexdigest())
    with blobs.open("releases/z") as reader:
        assert (reader.size, b"".join(reader.iter_chunks(2))) == (3, b"abc")


@pytest.mark.parametrize("key", ["../escape", "a//b", "/abs", "a/./b", "with space", ""])
def test_keys_that_could_escape_are_refused(blobs: BlobStore, key: str) -> None:
    with pytest.raises(ValueError, match="invalid blob key"):
        blobs.put(key, b"x")


def test_file_store_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    store.put("a/b", b"x" * 100_000)
    store.put_stream("a/c", pieces(2))
    with pytest.raises(DigestMismatch):
        store.put_stream("a/d", pieces(2), sha256="0" * 64)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b", "c"]


def test_blob_url_must_be_file_or_s3(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="use file:///path or s3://bucket/prefix"):
        open_blob_store("ftp://example/x")
    with pytest.raises(ValueError, match="names no bucket"):
        open_blob_store("s3:///prefix")
