"""statistics: saved report definitions, and the indexes the statistics count with

Items by department and time, compulsory items by use, type and time, final checks
passed by time (and by certificate, for "passed before?").

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_saved_reports_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_reports")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_reports_name")),
    )
    op.create_index(
        "ix_items_stats_received",
        "items",
        ["department_id", "created_at", "status", "order_id"],
    )
    op.create_index(
        "ix_items_stats_compulsory",
        "items",
        ["compulsory", "use", "type_id", "created_at", "status"],
    )
    op.create_index(
        "ix_final_checks_stats_at",
        "final_checks",
        ["outcome", "at", "certificate_id", "revision"],
    )
    op.create_index(
        "ix_final_checks_stats_certificate", "final_checks", ["certificate_id", "outcome", "at"]
    )


def downgrade() -> None:
    op.drop_index("ix_final_checks_stats_certificate", table_name="final_checks")
    op.drop_index("ix_final_checks_stats_at", table_name="final_checks")
    op.drop_index("ix_items_stats_compulsory", table_name="items")
    op.drop_index("ix_items_stats_received", table_name="items")
    op.drop_table("saved_reports")
