"""engagement_states: state and monitoring plan per month; paused; journal observed flags

Back-fills one row per engagement holding its current state from its start month, so every
figure stays what it was; later changes add rows from the month they take effect.

Revision ID: e5a1c9d3f820
Revises: 400090cd7488
Create Date: 2026-12-06 13:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = "e5a1c9d3f820"
down_revision = "400090cd7488"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade():
    op.create_table(
        "engagement_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(length=7), nullable=False),
        sa.Column("valid_until", sa.String(length=7), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active", "paused", "stopped", "archived", name="engagement_status",
                native_enum=False, create_constraint=True, length=32,
            ),
            nullable=False,
        ),
        sa.Column("monitoring_frequency_months", sa.Integer(), nullable=False),
        sa.Column("schedule_from", sa.String(length=7), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "monitoring_frequency_months BETWEEN 1 AND 12",
            name=op.f("ck_engagement_states_monitoring_frequency"),
        ),
        sa.CheckConstraint(
            "valid_from LIKE '____-__'", name=op.f("ck_engagement_states_valid_from_format")
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until > valid_from",
            name=op.f("ck_engagement_states_valid_until_after_from"),
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"], ["engagements.id"],
            name=op.f("fk_engagement_states_engagement_id_engagements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_states")),
        sa.UniqueConstraint(
            "engagement_id", "valid_from", name=op.f("uq_engagement_states_engagement_id_valid_from")
        ),
    )
    # Plain ADD COLUMN (no batch copy): SQLite recreating `engagements` would DROP a table that
    # journals and markers point at, which foreign keys refuse on a database with data.
    op.add_column(
        "engagements",
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "journal_entries",
        sa.Column("no_change_seen", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # Entries saved before this rule counted as written: they keep counting (the past stays).
    op.add_column(
        "journal_entries",
        sa.Column("observed", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    _backfill()


def _backfill():
    """Each engagement's current state, valid from its start month."""
    bind = op.get_bind()
    meta = sa.MetaData()
    engagements = sa.Table("engagements", meta, autoload_with=bind)
    opgaven = sa.Table("opgaven", meta, autoload_with=bind)
    themes = sa.Table("themes", meta, autoload_with=bind)
    states = sa.Table("engagement_states", meta, autoload_with=bind)
    rows = bind.execute(
        sa.select(
            engagements.c.id,
            engagements.c.start_date,
            engagements.c.active,
            engagements.c.archived,
            engagements.c.monitoring_frequency_months,
            opgaven.c.archived,
            themes.c.archived,
        )
        .join(opgaven, opgaven.c.id == engagements.c.opgave_id)
        .join(themes, themes.c.id == opgaven.c.theme_id)
        .order_by(engagements.c.id)
    ).all()
    batch = []
    for eid, start, active, archived, frequency, opgave_archived, theme_archived in rows:
        month = start.strftime("%Y-%m") if hasattr(start, "strftime") else str(start)[:7]
        status = "archived" if archived else ("active" if active else "stopped")
        batch.append(
            {
                "engagement_id": eid,
                "valid_from": month,
                "valid_until": None,
                "status": status,
                "monitoring_frequency_months": frequency or 1,
                "schedule_from": month,
                "hidden": bool(opgave_archived or theme_archived),
            }
        )
        if len(batch) >= BATCH:
            bind.execute(states.insert(), batch)
            batch = []
    if batch:
        bind.execute(states.insert(), batch)


def downgrade():
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_column("observed")
        batch_op.drop_column("no_change_seen")
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_column("paused")
    op.drop_table("engagement_states")
