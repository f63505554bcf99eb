"""partner_confirmations: "klopt dit?" one-time links to a partner's contact person

Revision ID: e8c3a5f1b274
Revises: d4b7e19a3c52
Create Date: 2026-12-06 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = "e8c3a5f1b274"
down_revision = "d4b7e19a3c52"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "partner_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("partner_name", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entries.id"],
            name=op.f("fk_partner_confirmations_entry_id_journal_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_partner_confirmations_programme_id_programmes"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_partner_confirmations_requested_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_confirmations")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_partner_confirmations_token_sha256")),
    )
    with op.batch_alter_table("partner_confirmations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partner_confirmations_entry_id"), ["entry_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partner_confirmations_programme_id"), ["programme_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("partner_confirmations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_confirmations_programme_id"))
        batch_op.drop_index(batch_op.f("ix_partner_confirmations_entry_id"))
    op.drop_table("partner_confirmations")
