"""Every setting of the companion service, read from ``DAFTAR_*`` environment variables.

One place lists them so that ``daftar-server --help`` can document each one and the command line
can override any of them; several workers or instances then share the same settings through the
environment. The defaults make a single machine work with nothing installed: a SQLite file and a
blob folder under the platform's data directory.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("daftar-server", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DAFTAR_", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder for the embedded database, local blobs and generated keys.",
    )
    host: str = Field("127.0.0.1", description="Address to listen on.")
    port: int = Field(8400, ge=0, le=65535, description="TCP port to listen on.")
    workers: int = Field(1, ge=1, description="Worker processes (uvicorn).")
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For is "
        "believed (the client address that per-IP limits count); '*' trusts any. Default: "
        "none, so a client cannot pick the address it is limited by.",
    )
    metrics_token: SecretStr | None = Field(
        None,
        description="Bearer token Prometheus sends for /metrics (the admin token works too). "
        "With neither set, /metrics answers 404 on the service's port.",
    )
    metrics_port: int | None = Field(
        None, ge=1, le=65535,
        description="Serve /metrics on this port of --metrics-host instead of the service's "
        "port (which then answers 404); it asks for the metrics token only when one is set.",
    )
    metrics_host: str = Field("127.0.0.1", description="Address of the metrics port.")
    header_timeout_seconds: float = Field(
        10.0, gt=0,
        description="A connection whose request line and headers are not all in after this "
        "long is closed (408), so slow clients cannot hold connections open.",
    )
    body_timeout_seconds: float = Field(
        30.0, gt=0,
        description="Longest wait for the next piece of a request body before answering 408.",
    )
    max_connections: int = Field(
        1000, ge=1,
        description="Connections one worker holds at once; past that, requests get 503.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the database; default: a SQLite file in the data dir. "
        "postgresql://… switches to PostgreSQL with row-level security.",
    )
    migrate_database_url: str | None = Field(
        None,
        description="URL of the role that owns the tables, used only to run migrations "
        "(PostgreSQL). When set, the service migrates at start-up with it.",
    )
    blob_url: str | None = Field(
        None,
        description="Where blobs live: file:///path (default: blobs/ in the data dir) or "
        "s3://bucket/prefix for S3-compatible storage (credentials from AWS_* variables).",
    )
    s3_endpoint_url: str | None = Field(
        None, description="Endpoint of the S3-compatible store (e.g. http://127.0.0.1:8333)."
    )
    s3_region: str = Field("us-east-1", description="Region name sent to the S3 store.")
    redis_url: str | None = Field(
        None,
        description="redis://… shares rate limits among instances; default: per-process limits.",
    )
    admin_token: SecretStr | None = Field(
        None,
        description="Operator token for the admin API (all tenants). Unset: the admin API "
        "accepts tenant admin tokens only; the admin CLI works without it.",
    )
    licence_signing_key: Path | None = Field(
        None,
        description="Ed25519 private key (PEM) that signs licences; default: "
        "keys/licence-ed25519.pem in the data dir, generated on first start.",
    )
    tuf_online_key: Path | None = Field(
        None,
        description="Ed25519 private key (PEM) of the online TUF roles (snapshot, timestamp); "
        "default: keys/tuf-online-ed25519.pem in the data dir, generated on first start.",
    )
    lease_days: int = Field(30, ge=1, description="Days a check-in extends a licence lease.")
    writer_lease_days: int = Field(
        30, ge=1, description="Days a company's writer lease stands without a backup from its "
        "PC; after that another PC may take the company without --force.")
    grace_days: int = Field(
        14, ge=0, description="Days after lease end before the desktop turns read-only."
    )
    offline_lease_days: int = Field(
        365, ge=1, description="Lease given by an offline activation (the PC never checks in)."
    )
    timestamp_expiry_hours: int = Field(
        24, ge=1, description="Lifetime of TUF timestamp metadata; re-signed at half-life."
    )
    snapshot_expiry_days: int = Field(7, ge=1, description="Lifetime of TUF snapshot metadata.")
    default_quota_bytes: int = Field(
        10 * 1024**3, ge=0, description="Backup quota given to a new tenant."
    )
    gc_grace_hours: float = Field(
        24.0,
        ge=0,
        description="An unreferenced chunk is kept this long after it was last uploaded or "
        "confirmed, so a backup still being uploaded never loses one.",
    )
    gc_interval_minutes: float = Field(
        60.0, ge=0, description="Minutes between retention and garbage-collection runs; 0: never."
    )
    max_request_bytes: int = Field(
        16 * 1024**2, ge=1024, description="Largest request body accepted."
    )
    max_chunk_bytes: int = Field(8 * 1024**2, ge=1, description="Largest backup chunk accepted.")
    snapshot_uploads_per_device: int = Field(
        2, ge=1, description="Backup snapshot uploads one device may have in progress at once "
        "(per process); more are answered 429 with Retry-After. A PC sends one at a time.")
    snapshot_upload_budget_bytes: int = Field(
        128 * 1024**2, ge=1, description="Bytes of snapshot upload bodies one process holds at "
        "once (each also needs about as much again while it is decoded); uploads past it are "
        "answered 429 with Retry-After. One upload is always let in alone, even a larger one.")
    max_release_bytes: int = Field(
        512 * 1024**2, ge=1, description="Largest release file the operator may upload."
    )
    rate_activation_per_minute: int = Field(
        10, ge=1, description="Activation attempts allowed per IP address per minute."
    )
    rate_device_per_minute: int = Field(
        600, ge=1, description="Requests allowed per device per minute."
    )
    rate_chunks_per_minute: int = Field(
        6000, ge=1, description="Backup chunk transfers (upload, download, existence checks) "
        "allowed per device per minute, counted apart from its other requests.")
    rate_ip_per_minute: int = Field(
        6000, ge=1, description="Requests allowed per IP address per minute."
    )
    usage_retention_days: int = Field(
        730, ge=0, description="Days usage counters are kept (pruned with the backup "
        "maintenance, every gc_interval_minutes); 0 keeps them for ever.")
    log_level: str = Field("info", description="debug, info, warning or error.")
    log_json: bool = Field(True, description="Log one JSON object per line.")

    @field_validator("data_dir", "licence_signing_key", "tuf_online_key")
    @classmethod
    def _absolute(cls, path: Path | None) -> Path | None:
        """Relative to the folder the command ran in, then fixed: blob URLs need an absolute
        path, and the workers must find the same files."""
        return None if path is None else path.expanduser().absolute()

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'daftar-server.sqlite3'}"

    @property
    def resolved_blob_url(self) -> str:
        return self.blob_url or (self.data_dir / "blobs").as_uri()

    @property
    def licence_key_path(self) -> Path:
        return self.licence_signing_key or self.data_dir / "keys" / "licence-ed25519.pem"

    @property
    def tuf_online_key_path(self) -> Path:
        return self.tuf_online_key or self.data_dir / "keys" / "tuf-online-ed25519.pem"
