"""The service's tables, as SQLAlchemy Core metadata.

Every table that holds a customer's data carries ``tenant_id``, and every query of the data layer
filters on it. On PostgreSQL the migration also turns on row-level security for these tables
(:data:`TENANT_TABLES`), so a query that forgot its filter still sees one tenant only. The release
tables hold the vendor's own data, shared by all tenants, and have no ``tenant_id``.

Migrations in ``migrations/versions`` are frozen copies written by hand; a test checks that
migrating an empty database yields exactly these tables.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both engines (SQLite itself keeps no time zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


def _tenant_fk() -> sa.Column[object]:
    return sa.Column(
        "tenant_id", sa.Uuid, sa.ForeignKey("tenant.tenant_id", ondelete="CASCADE"),
        nullable=False,
    )


tenant = sa.Table(
    "tenant", metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("quota_bytes", sa.BigInteger, nullable=False),
    sa.Column("used_bytes", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("keep_daily", sa.Integer, nullable=False, server_default="7"),
    sa.Column("keep_weekly", sa.Integer, nullable=False, server_default="4"),
    sa.Column("keep_monthly", sa.Integer, nullable=False, server_default="12"),
)

# Bearer credentials: tenant admin tokens and device tokens, stored as SHA-256 of the token.
credential = sa.Table(
    "credential", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    _tenant_fk(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("subject_id", sa.Uuid, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.CheckConstraint("kind IN ('admin', 'device')", name="kind"),
)

licence = sa.Table(
    "licence", metadata,
    sa.Column("licence_id", sa.Uuid, primary_key=True),
    _tenant_fk(),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("key_hint", sa.String(8), nullable=False),
    sa.Column("edition", sa.String(40), nullable=False),
    sa.Column("seats", sa.Integer, nullable=False),
    sa.Column("features", sa.JSON, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.CheckConstraint("seats >= 1", name="seats"),
)

device = sa.Table(
    "device", metadata,
    sa.Column("device_id", sa.Uuid, primary_key=True),
    _tenant_fk(),
    sa.Column("licence_id", sa.Uuid, sa.ForeignKey("licence.licence_id"), nullable=False),
    sa.Column("fingerprint", sa.String(128), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("app_version", sa.String(40), nullable=True),
    sa.Column("public_key", sa.String(64), nullable=True),
    sa.Column("activated_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=False),
    sa.Column("lease_end", UTCDateTime, nullable=False),
    sa.Column("deactivated_at", UTCDateTime, nullable=True),
    sa.UniqueConstraint("licence_id", "fingerprint"),
)

chunk = sa.Table(
    "chunk", metadata,
    _tenant_fk(),
    sa.Column("chunk_id", sa.String(64), nullable=False),
    sa.Column("blob_key", sa.String(300), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # Last time a client uploaded this chunk or was told the server has it: the GC keeps an
    # unreferenced chunk until this is older than its grace period.
    sa.Column("touched_at", UTCDateTime, nullable=False),
    # SHA-256 of the stored bytes: the id is the client's keyed hash, which the server cannot
    # check, so a re-upload is compared with this. NULL for chunks stored before revision 0003.
    sa.Column("sha256", sa.String(64), nullable=True),
    sa.PrimaryKeyConstraint("tenant_id", "chunk_id"),
)

snapshot = sa.Table(
    "snapshot", metadata,
    _tenant_fk(),
    sa.Column("snapshot_id", sa.Uuid, nullable=False),
    sa.Column("backup_set", sa.String(64), nullable=False),
    sa.Column("device_id", sa.Uuid, nullable=True),
    sa.Column("taken_at", UTCDateTime, nullable=False),
    sa.Column("stored_at", UTCDateTime, nullable=False),
    sa.Column("manifest_key", sa.String(300), nullable=False),
    sa.Column("manifest_sha256", sa.String(64), nullable=False),
    sa.Column("manifest_size", sa.BigInteger, nullable=False),
    sa.Column("chunk_count", sa.Integer, nullable=False),
    sa.Column("total_size", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "snapshot_id"),
    sa.Index(None, "tenant_id", "backup_set", "taken_at"),
)

snapshot_chunk = sa.Table(
    "snapshot_chunk", metadata,
    _tenant_fk(),
    sa.Column("snapshot_id", sa.Uuid, nullable=False),
    sa.Column("chunk_id", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "snapshot_id", "chunk_id"),
    sa.ForeignKeyConstraint(
        ["tenant_id", "snapshot_id"], ["snapshot.tenant_id", "snapshot.snapshot_id"],
        ondelete="CASCADE",
    ),
    sa.Index(None, "tenant_id", "chunk_id"),
)

usage_batch = sa.Table(
    "usage_batch", metadata,
    _tenant_fk(),
    sa.Column("device_id", sa.Uuid, nullable=False),
    sa.Column("batch_id", sa.String(64), nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "device_id", "batch_id"),
)

usage_counter = sa.Table(
    "usage_counter", metadata,
    _tenant_fk(),
    sa.Column("device_id", sa.Uuid, nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("value", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "device_id", "day", "name"),
)

writer_lease = sa.Table(
    "writer_lease", metadata,
    _tenant_fk(),
    sa.Column("backup_set", sa.String(64), nullable=False),
    sa.Column("holder_device_id", sa.Uuid, nullable=True),
    sa.Column("holder_name", sa.String(200), nullable=False),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("taken_at", UTCDateTime, nullable=False),
    sa.Column("lease_end", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "backup_set"),
)

# The vendor's releases: shared by all tenants, no tenant_id.
release = sa.Table(
    "release", metadata,
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("version", sa.String(40), nullable=False),
    sa.Column("target_path", sa.String(300), nullable=False),
    sa.Column("length", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("rollout_percent", sa.Integer, nullable=False),
    sa.Column("published_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("channel", "version"),
    sa.CheckConstraint("rollout_percent BETWEEN 0 AND 100", name="rollout"),
)

# A release's patches: each rebuilds the release from one earlier version's files, published in
# the same signed targets as the release's full archive.
release_patch = sa.Table(
    "release_patch", metadata,
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("version", sa.String(40), nullable=False),
    sa.Column("from_version", sa.String(40), nullable=False),
    sa.Column("target_path", sa.String(300), nullable=False),
    sa.Column("length", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("channel", "version", "from_version"),
    sa.ForeignKeyConstraint(["channel", "version"], ["release.channel", "release.version"],
                            ondelete="CASCADE"),
)

# TUF metadata documents as served: "root.1", "targets.3", "snapshot.7", "timestamp".
tuf_metadata = sa.Table(
    "tuf_metadata", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)

TENANT_TABLES: tuple[str, ...] = (
    "tenant", "credential", "licence", "device", "chunk", "snapshot", "snapshot_chunk",
    "usage_batch", "usage_counter", "writer_lease",
)
