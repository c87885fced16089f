"""certificate PDFs record the font they were drawn with

A stored certificate PDF says which font it was made with (family and a fingerprint of
the font file).  Rows from before have neither: they may have been drawn with a font
that lacked digits, so the app renders them again (keeping the old row as history).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("certificate_pdfs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("font_family", sa.String(length=128), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("font_fingerprint", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("certificate_pdfs", schema=None) as batch_op:
        batch_op.drop_column("font_fingerprint")
        batch_op.drop_column("font_family")
