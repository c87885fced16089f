"""certificates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('regulations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('effective', sa.Date(), nullable=True),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.Column('superseded_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regulations')),
    sa.UniqueConstraint('code', name=op.f('uq_regulations_code'))
    )
    op.create_table('standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('measuring_range', sa.String(length=128), nullable=False),
    sa.Column('accuracy', sa.String(length=128), nullable=False),
    sa.Column('certificate_number', sa.String(length=64), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('inactive_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standards')),
    sa.UniqueConstraint('ref', name=op.f('uq_standards_ref'))
    )
    op.create_table('authorisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('certificate_no', sa.String(length=64), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('revoked_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['instrument_types.id'], name=op.f('fk_authorisations_type_id_instrument_types')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_authorisations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorisations'))
    )
    with op.batch_alter_table('authorisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authorisations_type_id'), ['type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_authorisations_user_id'), ['user_id'], unique=False)

    op.create_table('env_limits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.String(length=32), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['instrument_types.id'], name=op.f('fk_env_limits_type_id_instrument_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_env_limits'))
    )
    with op.batch_alter_table('env_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_env_limits_type_id'), ['type_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('amendment_reason', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('performed', sa.Date(), nullable=True),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('regulation', sa.String(length=64), nullable=False),
    sa.Column('record_number', sa.String(length=64), nullable=False),
    sa.Column('verifier', sa.String(length=64), nullable=False),
    sa.Column('checker', sa.String(length=64), nullable=False),
    sa.Column('approver', sa.String(length=64), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('digest', sa.String(length=16), nullable=False),
    sa.Column('check_seq', sa.Integer(), nullable=False),
    sa.Column('blocking_count', sa.Integer(), nullable=False),
    sa.Column('warning_count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_certificates_created_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_certificates_item_id_items')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['certificates.id'], name=op.f('fk_certificates_supersedes_id_certificates')),
    sa.ForeignKeyConstraint(['voided_by_id'], ['users.id'], name=op.f('fk_certificates_voided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('number', name=op.f('uq_certificates_number'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_issued'), ['issued'], unique=False)
        batch_op.create_index('ix_certificates_item_status', ['item_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_supersedes_id'), ['supersedes_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_valid_until'), ['valid_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_verifier'), ['verifier'], unique=False)

    op.create_table('certificate_defects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('check_seq', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('field', sa.String(length=128), nullable=False),
    sa.Column('message_zh', sa.Text(), nullable=False),
    sa.Column('message_en', sa.Text(), nullable=False),
    sa.Column('clause', sa.String(length=128), nullable=False),
    sa.Column('overridable', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_defects_certificate_id_certificates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_defects'))
    )
    with op.batch_alter_table('certificate_defects', schema=None) as batch_op:
        batch_op.create_index('ix_certificate_defects_certificate_check', ['certificate_id', 'check_seq'], unique=False)

    op.create_table('certificate_pdfs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('digest', sa.String(length=16), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_pdfs_certificate_id_certificates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_pdfs')),
    sa.UniqueConstraint('certificate_id', 'version', name='uq_certificate_pdfs_certificate_version')
    )
    op.create_table('final_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('blocking_keys', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_final_checks_certificate_id_certificates')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_final_checks_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_final_checks'))
    )
    with op.batch_alter_table('final_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_final_checks_certificate_id'), ['certificate_id'], unique=False)

    op.create_table('defect_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('final_check_id', sa.Integer(), nullable=True),
    sa.Column('defect_key', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_defect_overrides_by_id_users')),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_defect_overrides_certificate_id_certificates')),
    sa.ForeignKeyConstraint(['final_check_id'], ['final_checks.id'], name=op.f('fk_defect_overrides_final_check_id_final_checks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_defect_overrides'))
    )
    with op.batch_alter_table('defect_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_defect_overrides_certificate_id'), ['certificate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_defect_overrides_final_check_id'), ['final_check_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('defect_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_defect_overrides_final_check_id'))
        batch_op.drop_index(batch_op.f('ix_defect_overrides_certificate_id'))

    op.drop_table('defect_overrides')
    with op.batch_alter_table('final_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_final_checks_certificate_id'))

    op.drop_table('final_checks')
    op.drop_table('certificate_pdfs')
    with op.batch_alter_table('certificate_defects', schema=None) as batch_op:
        batch_op.drop_index('ix_certificate_defects_certificate_check')

    op.drop_table('certificate_defects')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_verifier'))
        batch_op.drop_index(batch_op.f('ix_certificates_valid_until'))
        batch_op.drop_index(batch_op.f('ix_certificates_supersedes_id'))
        batch_op.drop_index(batch_op.f('ix_certificates_status'))
        batch_op.drop_index('ix_certificates_item_status')
        batch_op.drop_index(batch_op.f('ix_certificates_issued'))

    op.drop_table('certificates')
    with op.batch_alter_table('env_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_env_limits_type_id'))

    op.drop_table('env_limits')
    with op.batch_alter_table('authorisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authorisations_user_id'))
        batch_op.drop_index(batch_op.f('ix_authorisations_type_id'))

    op.drop_table('authorisations')
    op.drop_table('standards')
    op.drop_table('regulations')
