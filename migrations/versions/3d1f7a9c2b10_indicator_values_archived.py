"""indicator values can be archived (never deleted)

Revision ID: 3d1f7a9c2b10
Revises: aef0076a70c2
Create Date: 2026-11-24 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "3d1f7a9c2b10"
down_revision = "aef0076a70c2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.drop_column("archived")
