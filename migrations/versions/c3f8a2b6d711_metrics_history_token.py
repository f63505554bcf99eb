"""metrics_generations.history_token: past months stay cached across journal saves

Revision ID: c3f8a2b6d711
Revises: b7e2c1d4f905
Create Date: 2026-11-24 06:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = "c3f8a2b6d711"
down_revision = "b7e2c1d4f905"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("metrics_generations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("history_token", sa.String(length=36), nullable=False,
                      server_default="none")
        )


def downgrade():
    with op.batch_alter_table("metrics_generations", schema=None) as batch_op:
        batch_op.drop_column("history_token")
