"""Per-request server time and SQL statement count, for benchmarks and query-count checks.

Enabled with OMTRACKER_INSTRUMENT=true: responses then carry `Server-Timing: app;dur=<ms>`
and `X-Query-Count: <n>`. Off by default; it costs one event hook per statement when on.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _count_statement(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
    # SQLite's explicit BEGIN (see omtracker/__init__.py) is transaction control, not a query.
    if has_request_context() and "query_count" in g and not statement.startswith("BEGIN"):
        g.query_count += 1


def install(app: Flask) -> None:
    if not app.config.get("INSTRUMENT"):
        return
    if not event.contains(Engine, "before_cursor_execute", _count_statement):
        event.listen(Engine, "before_cursor_execute", _count_statement)

    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()
        g.query_count = 0

    @app.after_request
    def add_headers(response):  # type: ignore[no-untyped-def]
        if "request_started" in g:
            elapsed = (time.perf_counter() - g.request_started) * 1000
            response.headers["Server-Timing"] = f"app;dur={elapsed:.2f}"
            response.headers["X-Query-Count"] = str(g.query_count)
        return response
