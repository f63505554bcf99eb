"""Reminder mails: users.reminder_frequency and the reminder_logs table

Revision ID: d4b7e19a3c52
Revises: e5a1c9d3f820
Create Date: 2026-12-06 14:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = "d4b7e19a3c52"
down_revision = "e5a1c9d3f820"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reminder_frequency", sa.String(length=10), nullable=False, server_default="due"
            )
        )
    op.create_table(
        "reminder_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("slot", sa.String(length=10), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("due_count", sa.Integer(), nullable=False),
        sa.Column("overdue_count", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reminder_logs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_logs")),
        sa.UniqueConstraint("user_id", "slot", name="uq_reminder_logs_user_slot"),
    )
    with op.batch_alter_table("reminder_logs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reminder_logs_programme_id"), ["programme_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("reminder_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_logs_programme_id"))
    op.drop_table("reminder_logs")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("reminder_frequency")
