"""Keeping the search index in step: a session hook rewrites the documents of every record a
flush adds, changes or removes, in the same transaction (a rollback takes both back).

Renaming a partner or an opgave, or moving or archiving an engagement or strategy, also
rewrites the documents that show that name or state (see index.dependents).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from omtracker.search.index import KINDS, MODEL_KIND, dependents, refresh

# Changes that show in other records' documents.
CASCADING = {
    "partner": {"name"},
    "opgave": {"title", "theme_id"},
    "engagement": {"archived", "partner_id", "opgave_id"},
    "strategy": {"title", "archived", "opgave_id"},
}

_installed: set[type] = set()


def _changed(obj: Any, names: set[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def touched_records(session: Session) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """The records this flush wrote, by kind, and those whose change reaches other documents."""
    touched: dict[str, set[int]] = {}
    cascade: dict[str, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = MODEL_KIND.get(type(obj))
        if kind is None or obj.id is None:
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        touched.setdefault(kind, set()).add(obj.id)
        if obj in session.dirty and kind in CASCADING and _changed(obj, CASCADING[kind]):
            cascade.setdefault(kind, set()).add(obj.id)
    return touched, cascade


def install(session_cls: type) -> None:
    """Attach the hook to a session class (Flask-SQLAlchemy's Session), once."""
    if session_cls in _installed:
        return
    _installed.add(session_cls)

    @event.listens_for(session_cls, "after_flush")
    def _refresh_search_documents(session: Session, flush_context: Any) -> None:
        touched, cascade = touched_records(session)
        if not touched:
            return
        connection = session.connection()
        for kind, ids in cascade.items():
            for other, other_ids in dependents(connection, kind, sorted(ids)).items():
                touched.setdefault(other, set()).update(other_ids)
        for kind in KINDS:
            if touched.get(kind):
                refresh(connection, kind, touched[kind])
