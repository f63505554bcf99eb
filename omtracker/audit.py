"""Every write is audited: a session hook turns each flushed change into an AuditEvent.

The actor is whoever is logged in for this request (or set explicitly by the CLI and tests);
services stay free of request handling and still cannot forget to audit.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from omtracker.models import AuditEvent, Draft, LoginAttempt, OutgoingMail, PasswordReset
from omtracker.models.base import utcnow

_actor_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("audit_actor", default=None)
_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_suspended", default=False)

# Noise that is not a change to the programme's records.
# Mails and reset links hold one-time links: they stay out of the trail; drafts are not records.
NOT_AUDITED = (AuditEvent, LoginAttempt, Draft, OutgoingMail, PasswordReset)
SKIPPED_COLUMNS = {
    "password_hash",
    "session_epoch",
    "token_sha256",
    "updated_at",
    "created_at",
    "version",
}


def set_actor(user_id: int | None) -> contextvars.Token:
    return _actor_id.set(user_id)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Bulk loads (demo seed, scale generator) are not user writes and are not audited."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def current_actor() -> int | None:
    try:
        from flask import has_request_context
        from flask_login import current_user

        if has_request_context() and current_user and current_user.is_authenticated:
            return current_user.id
    except Exception:  # pragma: no cover - no login manager bound
        pass
    return _actor_id.get()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    out = {}
    for col in state.mapper.column_attrs:
        if col.key in SKIPPED_COLUMNS:
            continue
        out[col.key] = _plain(getattr(obj, col.key))
    return out


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for col in state.mapper.column_attrs:
        if col.key in SKIPPED_COLUMNS:
            continue
        hist = state.attrs[col.key].history
        if hist.has_changes():
            before[col.key] = _plain(hist.deleted[0]) if hist.deleted else None
            after[col.key] = _plain(hist.added[0]) if hist.added else None
    return before, after


_installed: set[type] = set()


def install(session_cls: type) -> None:
    """Attach the audit hooks to a session class (Flask-SQLAlchemy's Session), once."""
    if session_cls in _installed:
        return
    _installed.add(session_cls)

    @event.listens_for(session_cls, "before_flush")
    def _record_updates(session: Session, flush_context: Any, instances: Any) -> None:
        if _suspended.get():
            return
        actor = current_actor()
        for obj in list(session.dirty):
            if isinstance(obj, NOT_AUDITED) or not session.is_modified(obj):
                continue
            before, after = _changes(obj)
            if after:
                session.add(
                    AuditEvent(
                        user_id=actor,
                        action="update",
                        entity_type=type(obj).__name__,
                        entity_id=getattr(obj, "id", None),
                        before=before,
                        after=after,
                    )
                )
        for obj in list(session.deleted):
            if isinstance(obj, NOT_AUDITED):
                continue
            session.add(
                AuditEvent(
                    user_id=actor,
                    action="delete",
                    entity_type=type(obj).__name__,
                    entity_id=getattr(obj, "id", None),
                    before=_snapshot(obj),
                    after=None,
                )
            )
        # New objects get their id only during the flush: recorded in after_flush.
        session.info["audit_new"] = [o for o in session.new if not isinstance(o, NOT_AUDITED)]

    @event.listens_for(session_cls, "after_flush")
    def _record_creates(session: Session, flush_context: Any) -> None:
        new = session.info.pop("audit_new", [])
        if not new or _suspended.get():
            return
        actor = current_actor()
        rows = [
            {
                "user_id": actor,
                "action": "create",
                "entity_type": type(o).__name__,
                "entity_id": getattr(o, "id", None),
                "before": None,
                "after": _snapshot(o),
                "at": utcnow(),
            }
            for o in new
        ]
        session.connection().execute(AuditEvent.__table__.insert(), rows)
