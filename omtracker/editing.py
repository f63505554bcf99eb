"""No lost work: optimistic locking for every edit form, shared by all areas.

A form carries the `version` it was loaded with. The service calls `ensure_version` before
changing anything; when someone else saved in between, `EditConflict` is raised and the route
answers 409 with the user's input still in the form and the stored version shown beside it.
The database's own version check (SQLAlchemy `version_id_col`) catches the last-instant race.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField

from omtracker.extensions import db


class EditConflict(Exception):
    """Someone else saved this record after the form was opened."""

    def __init__(self, current: Any, stored: dict[str, Any] | None = None) -> None:
        super().__init__(f"{type(current).__name__} {getattr(current, 'id', '?')} changed")
        self.current = current
        self.stored = stored or {}


class VersionedForm(FlaskForm):
    """Base for edit forms of versioned records: carries the version it was loaded with."""

    version = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_submitted():
            # Only what was posted counts: a POST without a version must end in a conflict,
            # never fall back to the stored record's version through `obj=`.
            raw = self.version.raw_data
            self.version.data = raw[0] if raw else None


def ensure_version(obj: Any, submitted: Any) -> None:
    """Raise EditConflict unless the submitted version is the one stored now."""
    try:
        number = int(submitted)
    except (TypeError, ValueError):
        number = None
    if number != obj.version:
        raise EditConflict(obj)


@contextmanager
def conflict_guard(obj: Any) -> Iterator[None]:
    """Turn the database's last-instant version check into an EditConflict."""
    try:
        yield
    except StaleDataError as exc:
        db.session.rollback()
        fresh = db.session.get(type(obj), obj.id)
        raise EditConflict(fresh) from exc


def stored_values(obj: Any, form: FlaskForm, fields: list[str]) -> list[tuple[str, Any, Any]]:
    """(label, stored value, your value) for each field: what the conflict panel shows."""
    rows = []
    for name in fields:
        field = getattr(form, name)
        stored = getattr(obj, name, None)
        stored = getattr(stored, "value", stored)
        rows.append((str(field.label.text), stored, field.data))
    return rows


@dataclass
class Submission:
    """What became of a submitted edit form (see `submit_versioned`)."""

    saved: bool
    status: int = 200
    conflict: list[tuple[str, Any, Any]] | None = None
    current: Any = None  # on a conflict: the record as it is stored now


def submit_versioned(
    form: VersionedForm,
    save: Callable[[], Any],
    conflict_fields: list[str] | Callable[[Any], list[tuple[str, Any, Any]]],
    refused: Mapping[type[Exception], Callable[[Any], None]] | None = None,
) -> Submission:
    """The edit-form flow in one place: validate, save, and on a stale version prepare the
    conflict panel (the user's input stays in the form).

    `conflict_fields` names the fields the conflict panel compares, or is a function that
    makes the panel's rows from the stored record. `refused` maps an exception the save may
    raise for input it will not take to a handler that puts the message on the form.

    The status is 200 for a form to show, 400 for invalid or refused input, 409 for a
    conflict. When saved is True the caller commits and redirects.
    """
    if not form.validate_on_submit():
        return Submission(False, 400 if form.is_submitted() else 200)
    refused = refused or {}
    try:
        save()
    except EditConflict as exc:
        current = exc.current
        if callable(conflict_fields):
            rows = conflict_fields(current)
        else:
            rows = stored_values(current, form, conflict_fields)
        form.version.data = current.version
        return Submission(False, 409, rows, current)
    except tuple(refused) as exc:
        next(handle for kind, handle in refused.items() if isinstance(exc, kind))(exc)
        return Submission(False, 400)
    return Submission(True)
