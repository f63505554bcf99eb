"""SQLite: read without the write lock, take it only to write, and say "busy" if it stays taken.

SQLite has one writer at a time. Until December 2026 every POST began its transaction with
BEGIN IMMEDIATE, so it held the write lock from its first statement (loading the user) until its
commit, parsing and validating included: one slow import check blocked every other save for half a
minute and a save that waited past the busy timeout ended in a 500.

Now every transaction begins deferred (plain BEGIN: a WAL snapshot, no lock). At its first write
statement (INSERT, UPDATE, DELETE, DDL) the read transaction is ended and BEGIN IMMEDIATE taken in
its place, which waits up to the busy timeout for the lock (a deferred transaction that tries to
write while another connection writes fails at once, without waiting: SQLite's deadlock rule). The
read phase wrote nothing, so ending it loses nothing; savepoints opened during it are opened again.
From then on the transaction behaves as before. Reads made before the write may be older than the
write's snapshot, as under PostgreSQL's READ COMMITTED: the versioned records (`version_id_col`,
omtracker/editing.py) and unique constraints catch the edits that overlap.

When the lock does not come within the busy timeout, `WriteBusy` is raised: the journal form and
the generic handler below answer 503 "Het is even druk" with what the user typed kept, never 500.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from omtracker import referrer

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "ANALYZE", "REINDEX")
_STATE = "omtracker_write_lock"  # in the pooled connection's info: "read" or "write"
_SAVEPOINTS = "omtracker_savepoints"
PYSQLITE_DEFAULT_TIMEOUT_MS = 5000
BUSY_TIMEOUT_MS = 10000


class WriteBusy(Exception):
    """The database's write lock stayed taken for the whole busy timeout."""


def busy_message() -> str:
    return _("Het is even druk; probeer het zo nog eens. Wat je hebt ingevuld staat er nog.")


def _is_sqlite(conn: Any) -> bool:
    return conn.dialect.name == "sqlite"


@event.listens_for(Engine, "begin")
def _begin_deferred(conn: Any) -> None:
    """SQLAlchemy emits BEGIN itself for SQLite (the pysqlite recipe in SQLAlchemy's docs)."""
    if _is_sqlite(conn):
        conn.exec_driver_sql("BEGIN")
        conn.info[_STATE] = "read"
        conn.info[_SAVEPOINTS] = []


def _end(conn: Any) -> None:
    conn.info.pop(_STATE, None)
    conn.info.pop(_SAVEPOINTS, None)


event.listen(Engine, "commit", _end)
event.listen(Engine, "rollback", _end)


@event.listens_for(Engine, "before_cursor_execute")
def _take_write_lock(
    conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
) -> None:
    """Before the first write of a deferred transaction: swap it for BEGIN IMMEDIATE."""
    if conn.info.get(_STATE) != "read" or not _is_sqlite(conn):
        return
    words = statement.split(None, 3)
    keyword = words[0].upper() if words else ""
    if keyword == "SAVEPOINT" and len(words) > 1:
        conn.info[_SAVEPOINTS].append(words[1])  # (the event gets no name: SQLAlchemy 2.0)
        return
    if keyword == "RELEASE" and len(words) > 1:
        name = words[-1]
        names = conn.info[_SAVEPOINTS]
        if name in names:
            del names[names.index(name) :]
        return
    if keyword not in _WRITES:
        return
    conn.info[_STATE] = "write"
    raw = cursor.connection
    raw.execute("COMMIT")  # the read phase: nothing written, nothing lost
    try:
        raw.execute("BEGIN IMMEDIATE")
    except Exception as exc:  # sqlite3.OperationalError: database is locked
        # Back to a read transaction with its savepoints, so the caller's rollbacks (to a
        # savepoint, then of the whole) find what they expect.
        raw.execute("BEGIN")
        _reopen_savepoints(raw, conn.info[_SAVEPOINTS])
        conn.info[_STATE] = "read"
        if "locked" in str(exc) or "busy" in str(exc):
            raise WriteBusy(str(exc)) from exc
        raise
    _reopen_savepoints(raw, conn.info[_SAVEPOINTS])


def _reopen_savepoints(raw: Any, names: list[str]) -> None:
    for name in names:
        raw.execute(f"SAVEPOINT {name}")


def busy_timeout_ms(connection_timeout_ms: int) -> int:
    """pysqlite's own default (5 s) becomes ours; a timeout set in connect_args is kept."""
    if connection_timeout_ms == PYSQLITE_DEFAULT_TIMEOUT_MS:
        return BUSY_TIMEOUT_MS
    return connection_timeout_ms


def configure(app: Flask) -> None:
    """SQLITE_BUSY_TIMEOUT_SECONDS becomes the driver's timeout; the 503 page for a busy lock."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("timeout", float(app.config["SQLITE_BUSY_TIMEOUT_SECONDS"]))
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options

    @app.errorhandler(WriteBusy)
    def write_busy(exc: WriteBusy):  # type: ignore[no-untyped-def]
        return busy_page()

    @app.errorhandler(OperationalError)
    def operational_error(exc: OperationalError):  # type: ignore[no-untyped-def]
        if "database is locked" in str(exc.orig):
            return busy_page()
        raise exc


def busy_page():  # type: ignore[no-untyped-def]
    """503 with the submitted fields in a form that sends them again (files cannot be kept)."""
    from omtracker.extensions import db

    db.session.rollback()
    headers = {"Retry-After": "5"}
    if request.path.startswith("/api/"):
        body = {"error": "Service Unavailable", "status": 503, "detail": "database busy"}
        return body, 503, headers
    fields = [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in {"password", "csrf_token"}
    ]
    page = render_template(
        "errors/busy.html",
        message=busy_message(),
        fields=fields,
        action=request.full_path if request.query_string else request.path,
        can_resend=request.method == "POST" and "password" not in request.form,
        had_files=any(f.filename for f in request.files.values()),
        form_page=referrer.form_page(),
    )
    return page, 503, headers
