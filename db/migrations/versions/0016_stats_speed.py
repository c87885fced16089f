"""items carry their finished date and turnaround (working days), set by the first passed
final check, with covering indexes: the statistics count finished items and the
turnaround histogram as index ranges instead of joining every final check

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain statements (no batch): a rebuilt table would lose 0005's search triggers
    op.add_column("items", sa.Column("finished_on", sa.Date(), nullable=True))
    op.add_column("items", sa.Column("turnaround_days", sa.Integer(), nullable=True))
    op.create_index(
        "ix_items_stats_finished", "items", ["department_id", "finished_on", "order_id"]
    )
    op.create_index(
        "ix_items_stats_turnaround", "items", ["turnaround_days", "finished_on", "promised_date"]
    )
    # the items finished before: after the indexes, so each (received, finished) day pair
    # is an index range (turnaround_days IS NULL, finished_on = the day)
    from counter.statistics.finished import backfill_finished

    backfill_finished(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_index("ix_items_stats_turnaround", table_name="items")
    op.drop_index("ix_items_stats_finished", table_name="items")
    op.drop_column("items", "turnaround_days")
    op.drop_column("items", "finished_on")
