"""search_documents: one full-text search over a programme (FTS5 on SQLite, GIN on PostgreSQL)

Creates the table, the database's full-text index over its `terms` (see
omtracker/search/schema.py) and fills it from the records already there, with the same code
the app and `flask search-reindex` use.

Revision ID: e7a4d2c9b130
Revises: c3f8a2b6d711
Create Date: 2026-12-06 13:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = "e7a4d2c9b130"
down_revision = "c3f8a2b6d711"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=7), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("subtitle", sa.String(length=420), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"],
            name=op.f("fk_search_documents_programme_id_programmes"),
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_search_documents_theme_id_themes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("kind", "record_id", name=op.f("uq_search_documents_kind_record_id")),
    )
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_documents_programme_kind", ["programme_id", "kind"], unique=False
        )

    from omtracker.search import index, schema

    bind = op.get_bind()
    for statement in schema.create_statements(bind.dialect.name):
        op.execute(statement)
    programme_ids = bind.execute(sa.text("SELECT id FROM programmes")).scalars().all()
    index.rebuild(bind, programme_ids)


def downgrade():
    from omtracker.search import schema

    for statement in schema.drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_search_documents_programme_kind")
    op.drop_table("search_documents")
