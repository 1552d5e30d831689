"""Job heartbeats and progress: a job whose replica stops beating is reported lost.

Revision ID: 0003
Revises: 0002

Jobs that were running before this upgrade get their creation time as last heartbeat:
the replica that ran them was stopped to upgrade, so the first reader reports them lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("progress", sa.Float(), nullable=True))
    op.execute("UPDATE jobs SET heartbeat = created")


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("progress")
        batch.drop_column("heartbeat")
