"""The SHA-256 of each chunk's bytes, so that a re-upload under the same id is checked.

Chunks stored before this revision keep NULL: their bytes were never hashed, and a re-upload of
one is compared by size alone. The table's row-level security policy covers the new column as it
covers the others.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("chunk", sa.Column("sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chunk") as batch:
        batch.drop_column("sha256")
