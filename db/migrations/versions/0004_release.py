"""release and dispatch

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('way', sa.String(length=16), nullable=False),
    sa.Column('collector_name', sa.String(length=64), nullable=False),
    sa.Column('collector_phone', sa.String(length=32), nullable=False),
    sa.Column('collector_id_digits', sa.String(length=8), nullable=False),
    sa.Column('signature_png', sa.LargeBinary(), nullable=True),
    sa.Column('paper_slip', sa.Boolean(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('request_token', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['clerk_id'], ['users.id'], name=op.f('fk_releases_clerk_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_releases_customer_id_customers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_releases_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_releases')),
    sa.UniqueConstraint('number', name=op.f('uq_releases_number')),
    sa.UniqueConstraint('request_token', name=op.f('uq_releases_request_token'))
    )
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_releases_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_releases_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_releases_order_id'), ['order_id'], unique=False)

    op.create_table('mail_dispatches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('courier', sa.String(length=32), nullable=False),
    sa.Column('tracking_number', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_mail_dispatches_release_id_releases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_dispatches')),
    sa.UniqueConstraint('release_id', name=op.f('uq_mail_dispatches_release_id'))
    )
    with op.batch_alter_table('mail_dispatches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_dispatches_tracking_number'), ['tracking_number'], unique=False)

    op.create_table('release_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('certificate_number', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_release_items_item_id_items')),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_release_items_release_id_releases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release_items')),
    sa.UniqueConstraint('item_id', name=op.f('uq_release_items_item_id'))
    )
    with op.batch_alter_table('release_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_items_release_id'), ['release_id'], unique=False)

    op.create_table('unpaid_release_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_unpaid_release_approvals_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_unpaid_release_approvals_item_id_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unpaid_release_approvals')),
    sa.UniqueConstraint('item_id', name=op.f('uq_unpaid_release_approvals_item_id'))
    )
    op.create_table('unprocessed_returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('customer_note', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_unprocessed_returns_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_unprocessed_returns_item_id_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unprocessed_returns')),
    sa.UniqueConstraint('item_id', name=op.f('uq_unprocessed_returns_item_id'))
    )


def downgrade() -> None:
    op.drop_table('unprocessed_returns')
    op.drop_table('unpaid_release_approvals')
    with op.batch_alter_table('release_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_release_items_release_id'))

    op.drop_table('release_items')
    with op.batch_alter_table('mail_dispatches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_dispatches_tracking_number'))

    op.drop_table('mail_dispatches')
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_releases_order_id'))
        batch_op.drop_index(batch_op.f('ix_releases_customer_id'))
        batch_op.drop_index(batch_op.f('ix_releases_at'))

    op.drop_table('releases')
