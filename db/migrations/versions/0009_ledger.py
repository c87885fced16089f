"""the customer"s file and the instrument ledger: ledger columns on instruments, the customer"s
owner department and division code, reminder rules, message templates, the outbox, file notes

`instruments` become ledger entries (e-CQS columns, status, last verification,
next due date); existing entries take their name from their type and their use
from their latest item.  Columns are added in place (no table rebuild), so the
customer search triggers of 0005 stay.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

from db.models import UTCDateTime


def _customer_search() -> ModuleType:
    """Revision 0005, whose SQLite search triggers a rebuilt customers table must get back."""
    path = Path(__file__).with_name("0005_customer_search.py")
    spec = importlib.util.spec_from_file_location("customer_search_0005", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("message_templates",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("subject", sa.String(length=128), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("updated_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_message_templates_updated_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
    sa.UniqueConstraint("kind", "channel", name="uq_message_templates_kind")
    )
    op.create_table("reminder_rules",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("sector", sa.String(length=32), nullable=False),
    sa.Column("lead_days", sa.Integer(), nullable=False),
    sa.Column("grace_days", sa.Integer(), nullable=False),
    sa.Column("escalate_after_days", sa.Integer(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("updated_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_reminder_rules_updated_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_rules")),
    sa.UniqueConstraint("sector", name=op.f("uq_reminder_rules_sector"))
    )
    op.create_table("customer_notes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("pinned", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_customer_notes_customer_id_customers")),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_customer_notes_user_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_notes"))
    )
    with op.batch_alter_table("customer_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_notes_customer_id"), ["customer_id"], unique=False)

    op.create_table("outbox_messages",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("order_id", sa.Integer(), nullable=True),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("recipient", sa.String(length=256), nullable=False),
    sa.Column("recipient_name", sa.String(length=128), nullable=False),
    sa.Column("subject", sa.String(length=128), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("status_reason", sa.Text(), nullable=False),
    sa.Column("batch", sa.String(length=64), nullable=False),
    sa.Column("answer", sa.Text(), nullable=False),
    sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=False),
    sa.Column("sent_at", UTCDateTime(timezone=True), nullable=True),
    sa.Column("answered_at", UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_outbox_messages_created_by_id_users")),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_outbox_messages_customer_id_customers")),
    sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_outbox_messages_order_id_orders")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages"))
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_messages_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_messages_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_messages_status"), ["status"], unique=False)

    op.create_table("outbox_message_instruments",
    sa.Column("message_id", sa.Integer(), nullable=False),
    sa.Column("instrument_id", sa.Integer(), nullable=False),
    sa.Column("due", sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(["instrument_id"], ["instruments.id"], name=op.f("fk_outbox_message_instruments_instrument_id_instruments")),
    sa.ForeignKeyConstraint(["message_id"], ["outbox_messages.id"], name=op.f("fk_outbox_message_instruments_message_id_outbox_messages")),
    sa.PrimaryKeyConstraint("message_id", "instrument_id", name=op.f("pk_outbox_message_instruments"))
    )
    with op.batch_alter_table("outbox_message_instruments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_message_instruments_instrument_id"), ["instrument_id"], unique=False)

    fk = "fk_customers_owner_department_id_departments"
    if op.get_bind().dialect.name == "sqlite":  # in place: batch mode would rebuild the table
        op.execute(
            "ALTER TABLE customers ADD COLUMN owner_department_id INTEGER "
            f"CONSTRAINT {fk} REFERENCES departments (id)"
        )
    else:
        op.add_column("customers", sa.Column("owner_department_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk, "customers", "departments", ["owner_department_id"], ["id"])
    op.add_column(
        "customers",
        sa.Column("division_code", sa.String(length=6), server_default="", nullable=False),
    )

    with op.batch_alter_table("instruments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=128), server_default="", nullable=False))
        batch_op.add_column(sa.Column("category", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("kind", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("origin", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("location", sa.String(length=256), server_default="", nullable=False))
        batch_op.add_column(sa.Column("division_code", sa.String(length=6), server_default="", nullable=False))
        batch_op.add_column(sa.Column("quantity", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("use", sa.String(length=16), server_default="", nullable=False))
        batch_op.add_column(sa.Column("verify_mode", sa.String(length=16), server_default="bring", nullable=False))
        batch_op.add_column(sa.Column("regulator_number", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("compulsory", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("status", sa.String(length=16), server_default="in_use", nullable=False))
        batch_op.add_column(sa.Column("status_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("status_reason", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("last_verified", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_result", sa.String(length=8), server_default="", nullable=False))
        batch_op.add_column(sa.Column("last_certificate", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("next_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=16), server_default="intake", nullable=False))
        batch_op.add_column(sa.Column("updated_at", UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_instruments_status_next_due", ["status", "next_due"], unique=False)
    op.execute(
        "UPDATE instruments SET name = "
        "(SELECT instrument_types.name FROM instrument_types WHERE instrument_types.id = instruments.type_id)"
    )
    latest = (
        "(SELECT items.{col} FROM items WHERE items.instrument_id = instruments.id "
        "ORDER BY items.id DESC LIMIT 1)"
    )
    op.execute(
        f"UPDATE instruments SET use = COALESCE({latest.format(col='use')}, ''), "
        f"compulsory = COALESCE({latest.format(col='compulsory')}, compulsory)"
    )



def downgrade() -> None:
    with op.batch_alter_table("instruments", schema=None) as batch_op:
        batch_op.drop_index("ix_instruments_status_next_due")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("source")
        batch_op.drop_column("next_due")
        batch_op.drop_column("valid_until")
        batch_op.drop_column("last_certificate")
        batch_op.drop_column("last_result")
        batch_op.drop_column("last_verified")
        batch_op.drop_column("status_reason")
        batch_op.drop_column("status_date")
        batch_op.drop_column("status")
        batch_op.drop_column("compulsory")
        batch_op.drop_column("regulator_number")
        batch_op.drop_column("verify_mode")
        batch_op.drop_column("use")
        batch_op.drop_column("quantity")
        batch_op.drop_column("division_code")
        batch_op.drop_column("location")
        batch_op.drop_column("origin")
        batch_op.drop_column("kind")
        batch_op.drop_column("category")
        batch_op.drop_column("name")

    sqlite = op.get_bind().dialect.name == "sqlite"
    search = _customer_search() if sqlite else None
    for statement in search.SQLITE_DOWN if search else ():
        op.execute(statement)  # a rebuilt table would lose the search triggers
    with op.batch_alter_table("customers", schema=None) as batch_op:
        if not sqlite:  # SQLite reflects the key unnamed; the rebuild drops it with its column
            batch_op.drop_constraint(
                "fk_customers_owner_department_id_departments", type_="foreignkey"
            )
        batch_op.drop_column("division_code")
        batch_op.drop_column("owner_department_id")
    for statement in search.SQLITE_UP if search else ():
        op.execute(statement)

    with op.batch_alter_table("outbox_message_instruments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_instruments_instrument_id"))

    op.drop_table("outbox_message_instruments")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_status"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_customer_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_created_at"))

    op.drop_table("outbox_messages")
    with op.batch_alter_table("customer_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_notes_customer_id"))

    op.drop_table("customer_notes")
    op.drop_table("reminder_rules")
    op.drop_table("message_templates")
