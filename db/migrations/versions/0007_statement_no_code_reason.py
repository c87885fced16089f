"""statements: the reason chargeable lines carry no fee-standard code; orders: 部分领取

An order some of whose items were handed back while others were not is shown
as partly released (``partly_released``) instead of its least advanced item.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("no_code_reason", sa.Text(), server_default="", nullable=False)
        )
    op.execute(
        "UPDATE orders SET status = 'partly_released' "
        "WHERE status NOT IN ('released', 'voided', 'on_hold') AND EXISTS "
        "(SELECT 1 FROM items WHERE items.order_id = orders.id AND items.status = 'released')"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE orders SET status = (SELECT items.status FROM items "
        "WHERE items.order_id = orders.id AND items.status NOT IN ('released', 'voided') "
        "ORDER BY items.id LIMIT 1) WHERE status = 'partly_released'"
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_column("no_code_reason")
