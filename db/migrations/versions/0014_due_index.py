"""the due list's index also holds the customer: the recall screen's per-customer counts
are read from the index alone

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain index statements (no batch): a rebuilt table would lose 0005's search triggers
    op.create_index("ix_instruments_due", "instruments", ["status", "next_due", "customer_id"])
    op.drop_index("ix_instruments_status_next_due", table_name="instruments")


def downgrade() -> None:
    op.create_index("ix_instruments_status_next_due", "instruments", ["status", "next_due"])
    op.drop_index("ix_instruments_due", table_name="instruments")
