"""Patches of a release: an update from one earlier version that carries only what changed.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "release_patch",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("from_version", sa.String(40), nullable=False),
        sa.Column("target_path", sa.String(300), nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("channel", "version", "from_version",
                                name="pk_release_patch"),
        sa.ForeignKeyConstraint(["channel", "version"], ["release.channel", "release.version"],
                                name="fk_release_patch_channel_release", ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("release_patch")
