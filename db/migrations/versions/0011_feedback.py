"""customer feedback (好差评) and complaints: ratings with their departments, the short
codes printed on handover slips, complaints with their life cycle

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("complaints",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("number", sa.String(length=32), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=True),
    sa.Column("complainant", sa.String(length=128), nullable=False),
    sa.Column("phone", sa.String(length=32), nullable=False),
    sa.Column("object", sa.String(length=16), nullable=False),
    sa.Column("object_department_id", sa.Integer(), nullable=True),
    sa.Column("object_user_id", sa.Integer(), nullable=True),
    sa.Column("object_text", sa.String(length=128), nullable=False),
    sa.Column("order_id", sa.Integer(), nullable=True),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("priority", sa.String(length=16), nullable=False),
    sa.Column("owner_department_id", sa.Integer(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("received_on", sa.Date(), nullable=False),
    sa.Column("received_by_id", sa.Integer(), nullable=False),
    sa.Column("planned_date", sa.Date(), nullable=False),
    sa.Column("handling", sa.Text(), nullable=False),
    sa.Column("answered_on", sa.Date(), nullable=True),
    sa.Column("handling_days", sa.Integer(), nullable=True),
    sa.Column("callback_kind", sa.String(length=16), nullable=False),
    sa.Column("callback_note", sa.Text(), nullable=False),
    sa.Column("called_back_at", UTCDateTime(timezone=True), nullable=True),
    sa.Column("final_level", sa.String(length=16), nullable=False),
    sa.Column("final_stars", sa.Integer(), nullable=True),
    sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
    sa.Column("closed_by_id", sa.Integer(), nullable=True),
    sa.Column("withdraw_reason", sa.Text(), nullable=False),
    sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["closed_by_id"], ["users.id"], name=op.f("fk_complaints_closed_by_id_users")),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_complaints_customer_id_customers")),
    sa.ForeignKeyConstraint(["object_department_id"], ["departments.id"], name=op.f("fk_complaints_object_department_id_departments")),
    sa.ForeignKeyConstraint(["object_user_id"], ["users.id"], name=op.f("fk_complaints_object_user_id_users")),
    sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_complaints_order_id_orders")),
    sa.ForeignKeyConstraint(["owner_department_id"], ["departments.id"], name=op.f("fk_complaints_owner_department_id_departments")),
    sa.ForeignKeyConstraint(["received_by_id"], ["users.id"], name=op.f("fk_complaints_received_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    sa.UniqueConstraint("number", name=op.f("uq_complaints_number"))
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_object"), ["object"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_owner_department_id"), ["owner_department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_received_on"), ["received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_status"), ["status"], unique=False)

    op.create_table("rating_codes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("order_id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=16), nullable=False),
    sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_rating_codes_order_id_orders")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_codes")),
    sa.UniqueConstraint("code", name=op.f("uq_rating_codes_code")),
    sa.UniqueConstraint("order_id", name=op.f("uq_rating_codes_order_id"))
    )
    op.create_table("ratings",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("order_id", sa.Integer(), nullable=False),
    sa.Column("customer_id", sa.Integer(), nullable=False),
    sa.Column("level", sa.String(length=16), nullable=False),
    sa.Column("stars", sa.Integer(), nullable=True),
    sa.Column("comment", sa.Text(), nullable=False),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("at", UTCDateTime(timezone=True), nullable=False),
    sa.Column("rated_on", sa.Date(), nullable=False),
    sa.Column("recorded_by_id", sa.Integer(), nullable=True),
    sa.Column("live", sa.Boolean(), nullable=True),
    sa.Column("replaces_id", sa.Integer(), nullable=True),
    sa.Column("voided_at", UTCDateTime(timezone=True), nullable=True),
    sa.Column("voided_by_id", sa.Integer(), nullable=True),
    sa.Column("void_reason", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_ratings_customer_id_customers")),
    sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_ratings_order_id_orders")),
    sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_ratings_recorded_by_id_users")),
    sa.ForeignKeyConstraint(["replaces_id"], ["ratings.id"], name=op.f("fk_ratings_replaces_id_ratings")),
    sa.ForeignKeyConstraint(["voided_by_id"], ["users.id"], name=op.f("fk_ratings_voided_by_id_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
    sa.UniqueConstraint("order_id", "channel", "live", name="uq_ratings_order_channel_live")
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratings_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ratings_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_ratings_rated_on_level", ["rated_on", "level"], unique=False)

    op.create_table("rating_departments",
    sa.Column("rating_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["department_id"], ["departments.id"], name=op.f("fk_rating_departments_department_id_departments")),
    sa.ForeignKeyConstraint(["rating_id"], ["ratings.id"], name=op.f("fk_rating_departments_rating_id_ratings")),
    sa.PrimaryKeyConstraint("rating_id", "department_id", name=op.f("pk_rating_departments"))
    )
    with op.batch_alter_table("rating_departments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_departments_department_id"), ["department_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("rating_departments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_departments_department_id"))

    op.drop_table("rating_departments")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_ratings_rated_on_level")
        batch_op.drop_index(batch_op.f("ix_ratings_order_id"))
        batch_op.drop_index(batch_op.f("ix_ratings_customer_id"))

    op.drop_table("ratings")
    op.drop_table("rating_codes")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_status"))
        batch_op.drop_index(batch_op.f("ix_complaints_received_on"))
        batch_op.drop_index(batch_op.f("ix_complaints_owner_department_id"))
        batch_op.drop_index(batch_op.f("ix_complaints_object"))
        batch_op.drop_index(batch_op.f("ix_complaints_customer_id"))

    op.drop_table("complaints")
