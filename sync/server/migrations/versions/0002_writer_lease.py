"""Writer leases: which PC keeps a company's books when a company moves between PCs.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TENANT_RULE = "tenant_id = daftar_tenant() OR current_setting('daftar.scope', true) = 'all'"


def upgrade() -> None:
    op.create_table(
        "writer_lease",
        sa.Column("tenant_id", sa.Uuid,
                  sa.ForeignKey("tenant.tenant_id", name=None, ondelete="CASCADE"), nullable=False),
        sa.Column("backup_set", sa.String(64), nullable=False),
        sa.Column("holder_device_id", sa.Uuid, nullable=True),
        sa.Column("holder_name", sa.String(200), nullable=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("taken_at", UTCDateTime, nullable=False),
        sa.Column("lease_end", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "backup_set"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE writer_lease ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE writer_lease FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tenant_isolation ON writer_lease USING ({TENANT_RULE}) "
                   f"WITH CHECK ({TENANT_RULE})")


def downgrade() -> None:
    op.drop_table("writer_lease")
