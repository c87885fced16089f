"""audit log hash chain and append-only triggers

Every audit row gets a sequence number, the previous row's hash and its own
hash (see db.models_audit); existing rows are chained in id order.  Triggers
then refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on audit_log.

A later migration that rebuilds audit_log on SQLite (batch mode copies the
table) must drop and re-create these triggers around the rebuild.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models import UTCDateTime
from db.models_audit import (
    GENESIS,
    HEAD_ID,
    PG_TRIGGERS_DOWN,
    PG_TRIGGERS_UP,
    SQLITE_TRIGGERS_DOWN,
    SQLITE_TRIGGERS_UP,
    canonical,
    chain_hash,
)

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_log = sa.table(
    "audit_log",
    sa.column("id", sa.Integer),
    sa.column("seq", sa.BigInteger),
    sa.column("prev_hash", sa.String),
    sa.column("row_hash", sa.String),
    sa.column("at", UTCDateTime()),
    sa.column("user_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_key", sa.String),
    sa.column("before", sa.Text),
    sa.column("after", sa.Text),
    sa.column("reason", sa.Text),
)


def _chain_existing_rows() -> tuple[int, str]:
    bind = op.get_bind()
    seq, prev = 0, GENESIS
    rows = bind.execute(sa.select(_log).order_by(_log.c.id)).mappings().all()
    for row in rows:
        seq += 1
        digest = chain_hash(
            canonical(
                seq=seq,
                at=row["at"],
                user_id=row["user_id"],
                action=row["action"],
                entity=row["entity"],
                entity_key=row["entity_key"],
                before=row["before"],
                after=row["after"],
                reason=row["reason"],
                prev_hash=prev,
            )
        )
        bind.execute(
            sa.update(_log)
            .where(_log.c.id == row["id"])
            .values(seq=seq, prev_hash=prev, row_hash=digest)
        )
        prev = digest
    return seq, prev


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    chain = op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
    )
    seq, head = _chain_existing_rows()
    op.bulk_insert(chain, [{"id": HEAD_ID, "seq": seq, "row_hash": head}])
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(batch.f("uq_audit_log_seq"), ["seq"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS_UP if sqlite else PG_TRIGGERS_UP:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS_DOWN if sqlite else PG_TRIGGERS_DOWN:
        op.execute(statement)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(batch.f("uq_audit_log_seq"), type_="unique")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    op.drop_table("audit_chain")
