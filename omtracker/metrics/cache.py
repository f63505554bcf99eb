"""Cached roll-ups for programme-wide numbers, invalidated by per-programme generation tokens.

Programme, building-block and theme numbers are sums over engagements, so one roll-up per
programme and month (per engagement and tier: reached and total markers; which engagements are
active and due) answers every such scope by adding up a few hundred rows in Python.

Correct invalidation: every flush that touches a record a number depends on replaces the token
of that record's programme in `metrics_generations` (row id = programme id; in the same
transaction). A second token, `history_token`, changes only when a write can move a month
before the last three: a journal entry or rating of a recent month moves only months from its
own month on, so the roll-ups of older months (most of a 24-month trend) stay cached while
people write this month's journals. Entries keyed by the history token also carry the current
month, so they expire when the calendar moves on. Roll-ups are cached per process under
(programme, month, token): other workers read the new token on their next request; a rolled-back
write restores the old token and its own cache entries are never read again. Writes in one
programme neither invalidate nor lock another programme's row. Bulk loaders that bypass the ORM
call `invalidate_all()`.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    EngagementState,
    JournalEntry,
    MarkerRating,
    MetricsGeneration,
    Opgave,
    Programme,
    ProgressMarker,
    Theme,
)
from omtracker.periods import add_months, current_period

DEPENDENCIES = (
    MarkerRating,
    JournalEntry,
    ProgressMarker,
    Engagement,
    EngagementState,
    Opgave,
    Theme,
)
SESSION_KEY = "metrics_generations"
RECENT_MONTHS = 3  # this month and the two before it
MAX_ENTRIES = 512

_lock = threading.Lock()
_entries: OrderedDict[tuple, Any] = OrderedDict()


def _tokens(session: Session) -> dict[int, tuple[str, str]]:
    return session.info.setdefault(SESSION_KEY, {})


def history_boundary() -> str:
    """The first month still counted as recent: writes from here on leave history alone."""
    return add_months(current_period(), -(RECENT_MONTHS - 1))


def _both(programme_id: int) -> tuple[str, str]:
    session = db.session()
    tokens = _tokens(session)
    if programme_id not in tokens:
        row = db.session.execute(
            select(MetricsGeneration.token, MetricsGeneration.history_token).where(
                MetricsGeneration.id == programme_id
            )
        ).first()
        tokens[programme_id] = (row[0], row[1]) if row else ("none", "none")
    return tokens[programme_id]


def generation(programme_id: int) -> str:
    """The programme's token, read once per session and kept in step with its writes."""
    return _both(programme_id)[0]


def _set_token(session: Session, key: int, token: str, history: str | None) -> None:
    connection = session.connection()
    values = {"token": token} if history is None else {"token": token, "history_token": history}
    where = MetricsGeneration.id == key
    result = connection.execute(update(MetricsGeneration).where(where).values(**values))
    if result.rowcount == 0:  # first write of a programme created outside the ORM
        try:
            with connection.begin_nested():
                connection.execute(
                    insert(MetricsGeneration).values(
                        id=key, token=token, history_token=history or token
                    )
                )
        except IntegrityError:  # someone else created it at the same moment
            connection.execute(update(MetricsGeneration).where(where).values(**values))
    # Forget what this session knew; the next read sees this transaction's values.
    _tokens(session).pop(key, None)


def invalidate(
    programme_ids: Iterable[int], session: Session | None = None, recent_only: Iterable[int] = ()
) -> None:
    """New tokens for these programmes (in the caller's transaction); the history token too,
    except for programmes in `recent_only` (only recent months changed)."""
    session = session or db.session()
    recent = set(recent_only)
    for key in sorted(set(programme_ids)):  # fixed order: no lock-order deadlocks
        token = str(uuid.uuid4())
        _set_token(session, key, token, None if key in recent else token)


def invalidate_all(session: Session | None = None) -> None:
    """Every programme's numbers may have changed (bulk loads that bypass the ORM)."""
    session = session or db.session()
    invalidate(session.scalars(select(Programme.id)).all(), session)


def cached(
    key: tuple, compute: Callable[[], Any], programme_id: int, period: str | None = None
) -> Any:
    """compute() once per key and data version. A result about months up to `period` only,
    older than the recent months, is versioned by the history token (and this month)."""
    token, history = _both(programme_id)
    if period is not None and period < history_boundary():
        version: tuple = ("history", history, current_period())
    else:
        version = ("all", token)
    full_key = (*key, programme_id, *version)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()


def _lookup(session: Session, model: type, ident: int | None) -> Any:
    """A parent by primary key: from the identity map when loaded (no SQL), else one query."""
    if ident is None:
        return None
    return session.get(model, ident)


def programme_of(session: Session, obj: Any) -> int | None:
    """Walk rating → entry → engagement → opgave → theme → programme, cheaply."""
    if isinstance(obj, Theme):
        return obj.programme_id
    if isinstance(obj, Opgave):
        theme = obj.theme or _lookup(session, Theme, obj.theme_id)
        return theme.programme_id if theme else None
    if isinstance(obj, Engagement):
        opgave = obj.opgave or _lookup(session, Opgave, obj.opgave_id)
        return programme_of(session, opgave) if opgave else None
    if isinstance(obj, ProgressMarker | JournalEntry | EngagementState):
        engagement = obj.engagement or _lookup(session, Engagement, obj.engagement_id)
        return programme_of(session, engagement) if engagement else None
    if isinstance(obj, MarkerRating):
        entry = obj.entry or _lookup(session, JournalEntry, obj.entry_id)
        return programme_of(session, entry) if entry else None
    return None


def _period_of(session: Session, obj: Any) -> str | None:
    """The month a journal entry or rating is about; None for structural records."""
    if isinstance(obj, JournalEntry):
        return obj.period
    if isinstance(obj, MarkerRating):
        if obj.period:
            return obj.period
        entry = obj.entry or _lookup(session, JournalEntry, obj.entry_id)
        return entry.period if entry else None
    return None


_installed: set[type] = set()


def install(session_cls: type) -> None:
    """Replace the tokens of the programmes a flush touches (all of them if unknown)."""
    if session_cls in _installed:
        return
    _installed.add(session_cls)

    @event.listens_for(session_cls, "before_flush")
    def _bump(session: Session, flush_context: Any, instances: Any) -> None:
        changed = [
            obj
            for obj in (*session.new, *session.dirty, *session.deleted)
            if isinstance(obj, DEPENDENCIES)
        ]
        if not changed:
            return
        boundary = history_boundary()
        programmes: set[int | None] = set()
        history: set[int | None] = set()
        with session.no_autoflush:
            for obj in changed:
                programme = programme_of(session, obj)
                programmes.add(programme)
                period = _period_of(session, obj)
                if period is None or period < boundary:
                    history.add(programme)
        if None in programmes:
            invalidate_all(session)
        else:
            invalidate(programmes, session, recent_only=programmes - history)

    @event.listens_for(session_cls, "after_transaction_end")
    def _forget(session: Session, transaction: Any) -> None:
        # After a commit or any rollback (savepoints too) read the tokens afresh.
        session.info.pop(SESSION_KEY, None)
