"""`flask search-reindex`: rebuild the search index from the records (all programmes, or one)."""

from __future__ import annotations

import time

import click
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import Programme
from omtracker.search import schema
from omtracker.search.index import rebuild


@click.command("search-reindex")
@click.option("--programme", "programme_id", type=int, default=None, help="Only this programme.")
def search_reindex(programme_id: int | None) -> None:
    """Rebuild the full-text search index (after a restore, or loading data outside the app)."""
    started = time.perf_counter()
    ids = [programme_id] if programme_id else db.session.scalars(select(Programme.id)).all()
    connection = db.session.connection()
    total = rebuild(connection, ids)
    if connection.dialect.name == "sqlite" and not programme_id:
        connection.exec_driver_sql(schema.SQLITE_REBUILD)  # the FTS index afresh, too
    db.session.commit()
    seconds = time.perf_counter() - started
    click.echo(f"Zoekindex opnieuw opgebouwd: {total} documenten in {seconds:.1f} s")
