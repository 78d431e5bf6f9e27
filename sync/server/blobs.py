"""Where the service keeps opaque bytes: a local folder, or an S3-compatible bucket.

Backup chunks, snapshot manifests and release files are blobs; the database holds only their keys
and sizes. Keys are ``/``-separated, made by the service itself (never taken from a request
unchecked). Writes are whole-object and atomic on both stores: a reader sees the old object, the
new one, or none, never a torn one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

_KEY = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


class BlobNotFound(KeyError):
    pass


def check_key(key: str) -> str:
    if not _KEY.match(key) or any(part in (".", "..") for part in key.split("/")):
        raise ValueError(f"invalid blob key {key!r}")
    return key


class BlobStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
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
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
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
        self.client = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            config=Config(retries={"max_attempts": 5, "mode": "standard"},
                          s3={"addressing_style": "path"},
                          max_pool_connections=32),
        )

    def _key(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    def get(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except self.client.exceptions.NoSuchKey:
            raise BlobNotFound(key) from None
        return response["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def ping(self) -> None:
        self.client.head_bucket(Bucket=self.bucket)


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
