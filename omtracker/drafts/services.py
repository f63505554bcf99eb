"""Keeping, finding and discarding a user's drafts. Services flush; the routes commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from omtracker.extensions import db
from omtracker.models import Draft
from omtracker.models.base import utcnow

MAX_KEY_LENGTH = 300
MAX_FIELDS = 400  # a journal has a level and a note per marker
MAX_FIELD_CHARS = 100_000
MAX_TOTAL_CHARS = 400_000
MAX_AGE = timedelta(days=30)


def form_key(value: Any) -> str | None:
    """A form is named by its address on this site: a local path, nothing else."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    if len(value) > MAX_KEY_LENGTH or "\\" in value or any(ord(c) < 32 for c in value):
        return None
    return value


def clean_fields(raw: Any) -> dict[str, str | list[str]] | None:
    """The fields as the browser sent them (name → text, or a list for multiple choices), or
    None when they are not that shape or too large to be anything typed by hand."""
    if not isinstance(raw, dict) or len(raw) > MAX_FIELDS:
        return None
    fields: dict[str, str | list[str]] = {}
    total = 0
    for name, value in raw.items():
        if not isinstance(name, str) or len(name) > 200 or name in {"csrf_token", "password"}:
            return None
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and len(v) <= MAX_FIELD_CHARS for v in values):
            return None
        total += sum(len(v) for v in values)
        fields[name.replace("\x00", "")] = (
            [v.replace("\x00", "") for v in values]
            if isinstance(value, list)
            else value.replace("\x00", "")
        )
    return fields if total <= MAX_TOTAL_CHARS else None


def find_draft(user_id: int, key: str) -> Draft | None:
    return db.session.scalar(select(Draft).where(Draft.user_id == user_id, Draft.form_key == key))


def keep_draft(user_id: int, key: str, fields: dict[str, Any]) -> Draft:
    """Store the form's fields as the user's draft of it (one per user and form)."""
    draft = find_draft(user_id, key)
    if draft is None:
        draft = Draft(user_id=user_id, form_key=key, fields=fields, saved_at=utcnow())
        try:
            with db.session.begin_nested():  # two autosaves of one form at once
                db.session.add(draft)
        except IntegrityError:
            draft = find_draft(user_id, key)
            assert draft is not None
    draft.fields = fields
    draft.saved_at = utcnow()
    db.session.execute(
        delete(Draft).where(Draft.user_id == user_id, Draft.saved_at < utcnow() - MAX_AGE)
    )
    db.session.flush()
    return draft


def discard_draft(user_id: int, key: str) -> bool:
    """Remove the user's draft of this form; True when there was one."""
    draft = find_draft(user_id, key)
    if draft is None:
        return False
    db.session.delete(draft)
    db.session.flush()
    return True
