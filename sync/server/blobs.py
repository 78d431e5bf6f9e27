"""Where the service keeps opaque bytes: a local folder, or an S3-compatible bucket.

Backup chunks, snapshot manifests and release files are blobs; the database holds only their keys
and sizes. Keys are ``/``-separated, made by the service itself (never taken from a request
unchecked). Writes are whole-object and atomic on both stores: a reader sees the old object, the
new one, or none, never a torn one.

Small blobs (chunks, manifests) go in and out whole with ``put``/``get``. Release files may be
hundreds of MiB, so they go in with ``put_stream``, hashed as they are written and kept only if
their SHA-256 is the one expected, and come out with ``open``, a chunk at a time: memory stays
flat whatever their size.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote, urlparse

log = logging.getLogger("daftar.server")
T = TypeVar("T")

_KEY = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
CHUNK_BYTES = 1024**2  # what ``BlobReader.iter_chunks`` yields at most
PART_BYTES = 8 * 1024**2  # S3 multipart parts: S3 wants ≥ 5 MiB for all but the last


class BlobNotFound(KeyError):
    pass


class DigestMismatch(ValueError):
    """The streamed bytes do not have the SHA-256 the caller expected; nothing was stored."""


def check_key(key: str) -> str:
    if not _KEY.match(key) or any(part in (".", "..") for part in key.split("/")):
        raise ValueError(f"invalid blob key {key!r}")
    return key


@dataclass(frozen=True)
class StoredBlob:
    size: int
    sha256: str


class _Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...
    def close(self) -> None: ...


class BlobReader:
    """An open blob: its size, known before the first byte is read, then its bytes in chunks.

    Close it when done (``with`` does): it holds a file or a connection.
    """

    def __init__(self, size: int, source: _Readable) -> None:
        self.size = size
        self._source = source

    def iter_chunks(self, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
        while data := self._source.read(chunk_bytes):
            yield data

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class _Digest:
    """The size and SHA-256 of bytes as they stream past."""

    def __init__(self) -> None:
        self.size = 0
        self._hash = hashlib.sha256()

    def update(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self._hash.update(chunk)

    def result(self, expected: str | None) -> StoredBlob:
        """What was hashed; raise :class:`DigestMismatch` if it is not ``expected``."""
        stored = StoredBlob(self.size, self._hash.hexdigest())
        if expected is not None and stored.sha256 != expected:
            raise DigestMismatch(f"the bytes have SHA-256 {stored.sha256}, not {expected}")
        return stored


class BlobStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def put_stream(self, key: str, chunks: Iterable[bytes], *,
                   sha256: str | None = None) -> StoredBlob:
        """Store ``chunks`` under ``key`` without holding them all; return size and SHA-256.

        With ``sha256``, the blob is kept only if the bytes have that hash (else
        :class:`DigestMismatch`, and any previous blob under ``key`` is left as it was). If
        ``chunks`` raises, nothing is stored either.
        """
    def open(self, key: str, offset: int = 0) -> BlobReader:
        """The blob to read in chunks from byte ``offset`` (below its size), its ``size``
        counting what is left; :class:`BlobNotFound` if there is none."""
    def size(self, key: str) -> int:
        """The blob's length in bytes, without reading it; :class:`BlobNotFound` if none."""
    def delete(self, key: str) -> None:
        """Remove ``key``; removing a missing key is not an error (deletes are retried)."""
    def ping(self) -> None:
        """Raise if the store cannot be reached: what ``/readyz`` asks."""


class FileBlobStore:
    """Blobs as files under one folder; the embedded default."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes) -> None:
        self._write(key, lambda out: out.write(data))

    def put_stream(self, key: str, chunks: Iterable[bytes], *,
                   sha256: str | None = None) -> StoredBlob:
        digest = _Digest()

        def write(out: Any) -> StoredBlob:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            return digest.result(sha256)

        return self._write(key, write)

    def _write(self, key: str, write: Callable[[Any], T]) -> T:
        """Write a temporary file beside ``key`` and move it in place once complete and synced;
        if ``write`` raises, the temporary file goes and ``key`` is untouched."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                result = write(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return result

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(key) from None

    def open(self, key: str, offset: int = 0) -> BlobReader:
        try:
            file = self._path(key).open("rb", buffering=0)
        except FileNotFoundError:
            raise BlobNotFound(key) from None
        file.seek(offset)
        return BlobReader(os.fstat(file.fileno()).st_size - offset, file)

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def ping(self) -> None:
        if not os.access(self.root, os.W_OK):
            raise OSError(f"blob folder {self.root} is not writable")


class S3BlobStore:
    """Blobs as objects in one bucket under a prefix (AWS S3, SeaweedFS, MinIO, …)."""

    def __init__(self, bucket: str, prefix: str, *, endpoint_url: str | None, region: str) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/")
        # botocore's defaults (60 s to connect, 60 s per read, retried up to 5 times in
        # standard mode) let a stuck store pin a request's worker thread for minutes, and with it
        # the client waiting on it. A store on the same network connects in milliseconds, so 3 s
        # means it is down; 30 s bounds one socket read, not a whole transfer, so a long release
        # download still flows as long as bytes keep coming. Three attempts ride out a blip.
        self.client = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            config=Config(connect_timeout=3, read_timeout=30,
                          retries={"max_attempts": 3, "mode": "standard"},
                          s3={"addressing_style": "path"},
                          max_pool_connections=32),
        )

    def _key(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    def put_stream(self, key: str, chunks: Iterable[bytes], *,
                   sha256: str | None = None) -> StoredBlob:
        """Bodies up to one part go in one ``put_object`` once hashed; longer ones as a
        multipart upload, completed only once the hash is known to be right and aborted
        otherwise, so the object appears whole or not at all."""
        upload = _MultipartUpload(self.client, self.bucket, self._key(key))
        digest, buffered = _Digest(), 0
        pending: list[bytes] = []
        try:
            for chunk in chunks:
                digest.update(chunk)
                pending.append(chunk)
                buffered += len(chunk)
                if buffered >= PART_BYTES:
                    upload.add_part(b"".join(pending))
                    pending, buffered = [], 0
            stored = digest.result(sha256)
            upload.finish(b"".join(pending))
        except BaseException:
            upload.abort()
            raise
        return stored

    def get(self, key: str) -> bytes:
        return self._get_object(key)["Body"].read()

    def open(self, key: str, offset: int = 0) -> BlobReader:
        response = self._get_object(key, offset)
        return BlobReader(response["ContentLength"], response["Body"])

    def _get_object(self, key: str, offset: int = 0) -> dict[str, Any]:
        ranged = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key), **ranged)
        except self.client.exceptions.NoSuchKey:
            raise BlobNotFound(key) from None

    def size(self, key: str) -> int:
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                raise BlobNotFound(key) from None
            raise
        return head["ContentLength"]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def ping(self) -> None:
        self.client.head_bucket(Bucket=self.bucket)


class _MultipartUpload:
    """One object written part by part; the upload is started only when a first part is full."""

    def __init__(self, client: Any, bucket: str, key: str) -> None:
        self.client, self.bucket, self.key = client, bucket, key
        self.upload_id: str | None = None
        self.parts: list[dict[str, Any]] = []

    def add_part(self, data: bytes) -> None:
        if self.upload_id is None:
            self.upload_id = self.client.create_multipart_upload(
                Bucket=self.bucket, Key=self.key, ChecksumAlgorithm="CRC32")["UploadId"]
        number = len(self.parts) + 1
        response = self.client.upload_part(
            Bucket=self.bucket, Key=self.key, Body=data, UploadId=self.upload_id,
            PartNumber=number, ChecksumAlgorithm="CRC32")
        part = {"PartNumber": number, "ETag": response["ETag"]}
        if "ChecksumCRC32" in response:  # AWS wants each part's checksum back on completion
            part["ChecksumCRC32"] = response["ChecksumCRC32"]
        self.parts.append(part)

    def finish(self, rest: bytes) -> None:
        """Write ``rest`` as the last part, or as the whole object if no part was written."""
        if self.upload_id is None:
            self.client.put_object(Bucket=self.bucket, Key=self.key, Body=rest)
            return
        if rest:
            self.add_part(rest)
        self.client.complete_multipart_upload(
            Bucket=self.bucket, Key=self.key, UploadId=self.upload_id,
            MultipartUpload={"Parts": self.parts})
        self.upload_id = None

    def abort(self) -> None:
        """Drop the parts sent so far. If even that fails the store is unwell; the bucket's
        lifecycle rule for incomplete multipart uploads reclaims them later."""
        if self.upload_id is None:
            return
        try:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=self.key,
                                               UploadId=self.upload_id)
        except Exception:
            log.warning("could not abort the multipart upload of %s", self.key, exc_info=True)
        self.upload_id = None


def open_blob_store(url: str, *, endpoint_url: str | None = None,
                    region: str = "us-east-1") -> BlobStore:
    """``file:///path`` or ``s3://bucket/prefix``; anything else is refused with the reason."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FileBlobStore(Path(unquote(parsed.path)))
    if parsed.scheme == "s3":
        if not parsed.netloc:
            raise ValueError(f"blob URL {url!r} names no bucket (s3://bucket/prefix)")
        return S3BlobStore(parsed.netloc, parsed.path, endpoint_url=endpoint_url, region=region)
    raise ValueError(f"blob URL {url!r}: use file:///path or s3://bucket/prefix")
