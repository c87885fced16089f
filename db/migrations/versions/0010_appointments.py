"""appointments: sectors and their booking catalogue, half-day slot capacity, closures,
slot loads (the concurrency-safe booked counter), appointments and their items, customer
preferences (weekdays, blocked dates) for the planner

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("sectors",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=32), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("name_en", sa.String(length=64), nullable=False),
    sa.Column("sort", sa.Integer(), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_sectors")),
    sa.UniqueConstraint("code", name=op.f("uq_sectors_code")),
    sa.UniqueConstraint("name", name=op.f("uq_sectors_name"))
    )
    op.create_table("slot_capacities",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("half", sa.String(length=2), nullable=False),
    sa.Column("type_key", sa.Integer(), nullable=False),
    sa.Column("items", sa.Integer(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("updated_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_slot_capacities_department_id_departments")),
    sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_slot_capacities_updated_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_capacities")),
    sa.UniqueConstraint("department_id", "half", "type_key", name="uq_slot_capacities_department_half")
    )
    op.create_table("slot_closures",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=True),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("half", sa.String(length=4), nullable=False),
    sa.Column("items", sa.Integer(), nullable=True),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("lifted_reason", sa.Text(), nullable=False),
    sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_slot_closures_created_by_id_users")),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_slot_closures_department_id_departments")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_closures"))
    )
    with op.batch_alter_table("slot_closures", schema=None) as batch_op:
        batch_op.create_index("ix_slot_closures_day_active", ["day", "active"], unique=False)

    op.create_table("slot_loads",
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("half", sa.String(length=2), nullable=False),
    sa.Column("type_key", sa.Integer(), nullable=False),
    sa.Column("booked", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_slot_loads_department_id_departments")),
    sa.PrimaryKeyConstraint("department_id", "day", "half", "type_key", name=op.f("pk_slot_loads"))
    )
    op.create_table("customer_appointment_prefs",
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("weekdays", sa.String(length=16), nullable=False),
    sa.Column("half", sa.String(length=2), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("updated_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_customer_appointment_prefs_customer_id_customers")),
    sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_customer_appointment_prefs_updated_by_id_users")),
    sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_appointment_prefs"))
    )
    op.create_table("customer_blocked_dates",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("first", sa.Date(), nullable=False),
    sa.Column("last", sa.Date(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_customer_blocked_dates_created_by_id_users")),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_customer_blocked_dates_customer_id_customers")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_blocked_dates"))
    )
    with op.batch_alter_table("customer_blocked_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_blocked_dates_customer_id"), ["customer_id"], unique=False)

    op.create_table("sector_catalogue",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("sector_id", sa.Integer(), nullable=False),
    sa.Column("type_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("time_segments", sa.String(length=128), nullable=False),
    sa.Column("contact_name", sa.String(length=64), nullable=False),
    sa.Column("phone", sa.String(length=32), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("updated_by_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_sector_catalogue_department_id_departments")),
    sa.ForeignKeyConstraint(["sector_id"], ["sectors.id"], name=op.f("fk_sector_catalogue_sector_id_sectors")),
    sa.ForeignKeyConstraint(["type_id"], ["instrument_types.id"], name=op.f("fk_sector_catalogue_type_id_instrument_types")),
    sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_sector_catalogue_updated_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_sector_catalogue")),
    sa.UniqueConstraint("sector_id", "type_id", name="uq_sector_catalogue_sector_type")
    )
    with op.batch_alter_table("sector_catalogue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sector_catalogue_sector_id"), ["sector_id"], unique=False)

    op.create_table("appointments",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("number", sa.String(length=32), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("half", sa.String(length=2), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("status_reason", sa.Text(), nullable=False),
    sa.Column("status_at", UTCDateTime(timezone=True), nullable=True),
    sa.Column("status_by_id", sa.Integer(), nullable=True),
    sa.Column("source", sa.String(length=16), nullable=False),
    sa.Column("wait", sa.Boolean(), nullable=False),
    sa.Column("contact_name", sa.String(length=64), nullable=False),
    sa.Column("contact_phone", sa.String(length=32), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("order_id", sa.Integer(), nullable=True),
    sa.Column("moved_from", sa.String(length=32), nullable=False),
    sa.Column("booked_message_id", sa.Integer(), nullable=True),
    sa.Column("reminder_message_id", sa.Integer(), nullable=True),
    sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["booked_message_id"], ["outbox_messages.id"], name=op.f("fk_appointments_booked_message_id_outbox_messages")),
    sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_appointments_created_by_id_users")),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_appointments_customer_id_customers")),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_appointments_department_id_departments")),
    sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_appointments_order_id_orders")),
    sa.ForeignKeyConstraint(["reminder_message_id"], ["outbox_messages.id"], name=op.f("fk_appointments_reminder_message_id_outbox_messages")),
    sa.ForeignKeyConstraint(["status_by_id"], ["users.id"], name=op.f("fk_appointments_status_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    sa.UniqueConstraint("number", name=op.f("uq_appointments_number"))
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointments_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_appointments_day_status", ["day", "status"], unique=False)
        batch_op.create_index("ix_appointments_department_day", ["department_id", "day"], unique=False)

    op.create_table("appointment_items",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("appointment_id", sa.Integer(), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("instrument_id", sa.Integer(), nullable=True),
    sa.Column("type_id", sa.Integer(), nullable=False),
    sa.Column("quantity", sa.Integer(), nullable=False),
    sa.Column("wait", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["appointment_id"], ["appointments.id"], name=op.f("fk_appointment_items_appointment_id_appointments")),
    sa.ForeignKeyConstraint(["instrument_id"], ["instruments.id"], name=op.f("fk_appointment_items_instrument_id_instruments")),
    sa.ForeignKeyConstraint(["type_id"], ["instrument_types.id"], name=op.f("fk_appointment_items_type_id_instrument_types")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_items")),
    sa.UniqueConstraint("appointment_id", "seq", name="uq_appointment_items_seq")
    )
    with op.batch_alter_table("appointment_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_items_instrument_id"), ["instrument_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("appointment_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_items_instrument_id"))

    op.drop_table("appointment_items")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_department_day")
        batch_op.drop_index("ix_appointments_day_status")
        batch_op.drop_index(batch_op.f("ix_appointments_customer_id"))

    op.drop_table("appointments")
    with op.batch_alter_table("sector_catalogue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sector_catalogue_sector_id"))

    op.drop_table("sector_catalogue")
    with op.batch_alter_table("customer_blocked_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_blocked_dates_customer_id"))

    op.drop_table("customer_blocked_dates")
    op.drop_table("customer_appointment_prefs")
    op.drop_table("slot_loads")
    with op.batch_alter_table("slot_closures", schema=None) as batch_op:
        batch_op.drop_index("ix_slot_closures_day_active")

    op.drop_table("slot_closures")
    op.drop_table("slot_capacities")
    op.drop_table("sectors")
