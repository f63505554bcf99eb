"""national_stored_counts: per-programme counts behind the national pages, kept by flask national-warm

Revision ID: b17e5c0a7d93
Revises: a16c0b5e7d41
Create Date: 2026-12-06 17:35:51.262516

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b17e5c0a7d93'
down_revision = 'a16c0b5e7d41'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('national_stored_counts',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('version', sa.String(length=200), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_national_stored_counts_programme_id_programmes')),
    sa.PrimaryKeyConstraint('kind', 'programme_id', 'period', name=op.f('pk_national_stored_counts'))
    )


def downgrade():
    op.drop_table('national_stored_counts')
