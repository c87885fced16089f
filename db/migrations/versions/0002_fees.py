"""fees

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('fee_schedule_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('source_filename', sa.String(length=256), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_fee_schedule_versions_imported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_schedule_versions')),
    sa.UniqueConstraint('effective_from', name=op.f('uq_fee_schedule_versions_effective_from'))
    )
    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('customer_name', sa.String(length=128), nullable=False),
    sa.Column('customer_code', sa.String(length=18), nullable=False),
    sa.Column('customer_contact', sa.String(length=128), nullable=False),
    sa.Column('account_customer', sa.Boolean(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('total_capitals', sa.String(length=128), nullable=False),
    sa.Column('payment_details', sa.Text(), nullable=False),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('replace_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_statements_clerk_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_statements_customer_id_customers')),
    sa.ForeignKeyConstraint(['replaces_id'], ['statements.id'], name=op.f('fk_statements_replaces_id_statements')),
    sa.ForeignKeyConstraint(['voided_by_id'], ['users.id'], name=op.f('fk_statements_voided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statements')),
    sa.UniqueConstraint('number', name=op.f('uq_statements_number'))
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statements_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_replaces_id'), ['replaces_id'], unique=False)

    op.create_table('fee_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('tier', sa.String(length=128), nullable=False),
    sa.Column('measuring_range', sa.String(length=128), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('addons', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['fee_schedule_versions.id'], name=op.f('fk_fee_rows_version_id_fee_schedule_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_rows')),
    sa.UniqueConstraint('version_id', 'code', 'tier', 'measuring_range', name='uq_fee_rows_version_code_tier')
    )
    with op.batch_alter_table('fee_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_rows_version_id'), ['version_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_payments_clerk_id_users')),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_payments_statement_id_statements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_statement_id'), ['statement_id'], unique=False)

    op.create_table('statement_orders',
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_statement_orders_order_id_orders')),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_statement_orders_statement_id_statements')),
    sa.PrimaryKeyConstraint('statement_id', 'order_id', name=op.f('pk_statement_orders'))
    )
    with op.batch_alter_table('statement_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_orders_order_id'), ['order_id'], unique=False)

    op.create_table('statement_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('line_group', sa.String(length=16), nullable=False),
    sa.Column('order_number', sa.String(length=32), nullable=False),
    sa.Column('item_number', sa.String(length=40), nullable=False),
    sa.Column('instrument', sa.String(length=128), nullable=False),
    sa.Column('model', sa.String(length=128), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('fee_version_id', sa.Integer(), nullable=True),
    sa.Column('fee_code', sa.String(length=64), nullable=False),
    sa.Column('tier', sa.String(length=128), nullable=False),
    sa.Column('fee_range', sa.String(length=128), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('base_fen', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('addon_rules', sa.Text(), nullable=False),
    sa.Column('line_date', sa.Date(), nullable=True),
    sa.Column('compulsory', sa.Boolean(), nullable=False),
    sa.Column('turnaround_hours', sa.Integer(), nullable=True),
    sa.Column('promise_missed', sa.Boolean(), nullable=False),
    sa.Column('working_days_late', sa.Integer(), nullable=False),
    sa.Column('reverification_after_own_repair', sa.Boolean(), nullable=False),
    sa.Column('measured', sa.String(length=32), nullable=False),
    sa.Column('extra_points', sa.Integer(), nullable=False),
    sa.Column('extra_ranges', sa.Integer(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('manual_change_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['fee_version_id'], ['fee_schedule_versions.id'], name=op.f('fk_statement_lines_fee_version_id_fee_schedule_versions')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_statement_lines_item_id_items')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_statement_lines_order_id_orders')),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_statement_lines_statement_id_statements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_lines'))
    )
    with op.batch_alter_table('statement_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_lines_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_lines_statement_id'), ['statement_id'], unique=False)

    op.create_table('statement_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['statement_lines.id'], name=op.f('fk_statement_adjustments_line_id_statement_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_adjustments'))
    )
    with op.batch_alter_table('statement_adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_adjustments_line_id'), ['line_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('statement_adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_adjustments_line_id'))

    op.drop_table('statement_adjustments')
    with op.batch_alter_table('statement_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_lines_statement_id'))
        batch_op.drop_index(batch_op.f('ix_statement_lines_item_id'))

    op.drop_table('statement_lines')
    with op.batch_alter_table('statement_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_orders_order_id'))

    op.drop_table('statement_orders')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_statement_id'))

    op.drop_table('payments')
    with op.batch_alter_table('fee_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_rows_version_id'))

    op.drop_table('fee_rows')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_replaces_id'))
        batch_op.drop_index(batch_op.f('ix_statements_customer_id'))

    op.drop_table('statements')
    op.drop_table('fee_schedule_versions')
