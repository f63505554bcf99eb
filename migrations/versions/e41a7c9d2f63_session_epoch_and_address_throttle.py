"""users.session_epoch (revocable sessions) and an index for per-address login throttling

Revision ID: e41a7c9d2f63
Revises: c3f8a2b6d711
Create Date: 2026-12-06 13:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = "e41a7c9d2f63"
down_revision = "c3f8a2b6d711"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_remote_addr_at", ["remote_addr", "at"])


def downgrade():
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_remote_addr_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")
