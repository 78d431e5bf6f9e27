"""The first schema: tenants, credentials, licences, devices, backups, usage, releases.

On PostgreSQL it also turns on row-level security, forced even for the tables' owner, for every
table holding a tenant's rows. (Grants to the application role are made by ``db.migrate`` after
every upgrade, so tables added later are covered too.)

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "tenant", "credential", "licence", "device", "chunk", "snapshot", "snapshot_chunk",
    "usage_batch", "usage_counter",
)

# A row is visible when it belongs to the transaction's tenant, or in the operator's all-tenants
# scope. Credential and licence rows are also visible to a transaction resolving their hash.
TENANT_RULE = "tenant_id = daftar_tenant() OR current_setting('daftar.scope', true) = 'all'"
LOOKUP_RULE = {
    "credential": "token_hash = current_setting('daftar.token_hash', true)",
    "licence": "key_hash = current_setting('daftar.token_hash', true)",
}


def _tenant_fk() -> sa.Column:
    return sa.Column(
        "tenant_id", sa.Uuid,
        sa.ForeignKey("tenant.tenant_id", name=None, ondelete="CASCADE"), nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "tenant",
        sa.Column("tenant_id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("quota_bytes", sa.BigInteger, nullable=False),
        sa.Column("used_bytes", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("keep_daily", sa.Integer, nullable=False, server_default="7"),
        sa.Column("keep_weekly", sa.Integer, nullable=False, server_default="4"),
        sa.Column("keep_monthly", sa.Integer, nullable=False, server_default="12"),
    )
    op.create_table(
        "credential",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _tenant_fk(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Uuid, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.CheckConstraint("kind IN ('admin', 'device')", name="ck_credential_kind"),
    )
    op.create_table(
        "licence",
        sa.Column("licence_id", sa.Uuid, primary_key=True),
        _tenant_fk(),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("key_hint", sa.String(8), nullable=False),
        sa.Column("edition", sa.String(40), nullable=False),
        sa.Column("seats", sa.Integer, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.CheckConstraint("seats >= 1", name="ck_licence_seats"),
        sa.UniqueConstraint("key_hash", name="uq_licence_key_hash"),
    )
    op.create_table(
        "device",
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
        sa.UniqueConstraint("licence_id", "fingerprint", name="uq_device_licence_id_fingerprint"),
    )
    op.create_table(
        "chunk",
        _tenant_fk(),
        sa.Column("chunk_id", sa.String(64), nullable=False),
        sa.Column("blob_key", sa.String(300), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("touched_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "chunk_id"),
    )
    op.create_table(
        "snapshot",
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
    )
    op.create_index("ix_snapshot_tenant_id_backup_set_taken_at", "snapshot",
                    ["tenant_id", "backup_set", "taken_at"])
    op.create_table(
        "snapshot_chunk",
        _tenant_fk(),
        sa.Column("snapshot_id", sa.Uuid, nullable=False),
        sa.Column("chunk_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "snapshot_id", "chunk_id"),
        sa.ForeignKeyConstraint(
            ["tenant_id", "snapshot_id"], ["snapshot.tenant_id", "snapshot.snapshot_id"],
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_snapshot_chunk_tenant_id_chunk_id", "snapshot_chunk",
                    ["tenant_id", "chunk_id"])
    op.create_table(
        "usage_batch",
        _tenant_fk(),
        sa.Column("device_id", sa.Uuid, nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("received_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "device_id", "batch_id"),
    )
    op.create_table(
        "usage_counter",
        _tenant_fk(),
        sa.Column("device_id", sa.Uuid, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "device_id", "day", "name"),
    )
    op.create_table(
        "release",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("target_path", sa.String(300), nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rollout_percent", sa.Integer, nullable=False),
        sa.Column("published_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("channel", "version"),
        sa.CheckConstraint("rollout_percent BETWEEN 0 AND 100", name="ck_release_rollout"),
    )
    op.create_table(
        "tuf_metadata",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _row_level_security()


def _row_level_security() -> None:
    op.execute(
        "CREATE FUNCTION daftar_tenant() RETURNS uuid LANGUAGE sql STABLE AS "
        "$$ SELECT nullif(current_setting('daftar.tenant_id', true), '')::uuid $$"
    )
    for table in TENANT_TABLES:
        rule = TENANT_RULE
        if table in LOOKUP_RULE:
            rule = f"{rule} OR {LOOKUP_RULE[table]}"
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tenant_isolation ON {table} USING ({rule}) WITH CHECK ({rule})")
