"""drafts: unsaved form fields per user and form

Revision ID: b13a28c64986
Revises: c3f8a2b6d711
Create Date: 2026-12-06 13:28:52

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13a28c64986'
down_revision = 'c3f8a2b6d711'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=300), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('user_id', 'form_key', name=op.f('uq_drafts_user_id_form_key'))
    )
    # The unique constraint's index (user_id first) serves the lookups by user.


def downgrade():
    op.drop_table('drafts')
