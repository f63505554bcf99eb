"""marker_ratings.period: the latest rating per marker by one index seek

Revision ID: ac9563295a03
Revises: 3d1f7a9c2b10
Create Date: 2026-11-24 05:32:16

"""
from alembic import op
import sqlalchemy as sa


revision = "ac9563295a03"
down_revision = "3d1f7a9c2b10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("marker_ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period", sa.String(length=7), nullable=True))
    # Backfill from the entry each rating belongs to (a journal entry's month never changes).
    op.execute(
        "UPDATE marker_ratings SET period = (SELECT journal_entries.period FROM journal_entries "
        "WHERE journal_entries.id = marker_ratings.entry_id)"
    )
    with op.batch_alter_table("marker_ratings", schema=None) as batch_op:
        batch_op.alter_column("period", existing_type=sa.String(length=7), nullable=False)
        batch_op.create_check_constraint("period_format", "period LIKE '____-__'")
        batch_op.drop_index(batch_op.f("ix_marker_ratings_marker_entry"))
        batch_op.create_index("ix_marker_ratings_entry", ["entry_id"], unique=False)
        batch_op.create_index(
            "ix_marker_ratings_marker_period", ["marker_id", "period"], unique=False
        )


def downgrade():
    with op.batch_alter_table("marker_ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_marker_ratings_marker_period")
        batch_op.drop_index("ix_marker_ratings_entry")
        batch_op.create_index(
            batch_op.f("ix_marker_ratings_marker_entry"), ["marker_id", "entry_id"], unique=False
        )
        batch_op.drop_constraint("period_format", type_="check")
        batch_op.drop_column("period")
