"""prefix indexes for PostgreSQL databases whose collation does not order text by code
point: `varchar_pattern_ops` indexes on the customer columns searched by prefix

Under C / C.UTF-8 (the default of the tests and the benchmarks) a prefix is a range of
the plain index and nothing is added.  Under any other collation (en_US.UTF-8,
zh_CN.UTF-8, ICU) LIKE 'q%' could only scan every customer; these indexes answer it.
The collation is fixed when the database is created, so the choice made here holds.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db.collation import PATTERN_INDEXES, orders_by_code_point

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or orders_by_code_point(bind):
        return
    for name, table, column in PATTERN_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} ({column} varchar_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _column in PATTERN_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
