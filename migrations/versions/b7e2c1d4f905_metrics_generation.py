"""metrics_generations: the token cached roll-ups are keyed by

Revision ID: b7e2c1d4f905
Revises: ac9563295a03
Create Date: 2026-11-24 05:40:00

"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = "b7e2c1d4f905"
down_revision = "ac9563295a03"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "metrics_generations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metrics_generations")),
    )
    op.bulk_insert(table, [{"id": 1, "token": str(uuid.uuid4())}])


def downgrade():
    op.drop_table("metrics_generations")
