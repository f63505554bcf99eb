"""Loading a theme, opgave or strategy by id for the current programme, and the write check.

Another programme's record answers 404 (its existence is not disclosed); a record of this
programme the user may not change answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from omtracker.context import current_programme
from omtracker.editing import EditConflict, stored_values
from omtracker.extensions import db
from omtracker.models import Engagement, Opgave, Strategy, Theme
from omtracker.periods import requested_month
from omtracker.permissions import can_edit_theme


def load_theme(theme_id: int) -> Theme:
    programme = current_programme()
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.programme_id != programme.id:
        abort(404)
    return theme


def load_opgave(opgave_id: int) -> Opgave:
    """The opgave with its theme, in one query."""
    programme = current_programme()
    opgave = db.session.scalar(
        select(Opgave)
        .join(Opgave.theme)
        .options(contains_eager(Opgave.theme))
        .where(Opgave.id == opgave_id, Theme.programme_id == programme.id)
    )
    if opgave is None:
        abort(404)
    return opgave


def load_strategy(strategy_id: int) -> Strategy:
    """The strategy with its opgave and theme, in one query."""
    programme = current_programme()
    strategy = db.session.scalar(
        select(Strategy)
        .join(Strategy.opgave)
        .join(Opgave.theme)
        .options(contains_eager(Strategy.opgave).contains_eager(Opgave.theme))
        .where(Strategy.id == strategy_id, Theme.programme_id == programme.id)
    )
    if strategy is None:
        abort(404)
    return strategy


def load_engagement(engagement_id: int) -> Engagement:
    """An engagement with its opgave and theme, in one query (its strategy map lives here)."""
    programme = current_programme()
    engagement = db.session.scalar(
        select(Engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .options(contains_eager(Engagement.opgave).contains_eager(Opgave.theme))
        .where(Engagement.id == engagement_id, Theme.programme_id == programme.id)
    )
    if engagement is None:
        abort(404)
    return engagement


def require_edit(theme: Theme) -> None:
    """Theme leaders of this theme, coordinators and administrators; everyone else 403."""
    if not can_edit_theme(current_user, theme):
        abort(403)


def month_arg(value: str | None, code: int = 404) -> str:
    """A month from the URL: absent means this month; malformed or in the future is refused
    the way every page refuses it (periods.requested_month)."""
    return requested_month(value, in_path=code == 404)


def conflict_rows(stored: Any, form: FlaskForm) -> list[tuple[str, Any, Any]]:
    """The conflict panel's rows; choice fields show their label ("Actief", not "active")."""
    rows = []
    for (label, theirs, mine), name in zip(
        stored_values(stored, form, list(form.FIELDS)), form.FIELDS, strict=True
    ):
        choices = getattr(getattr(form, name), "choices", None)
        if isinstance(choices, dict):
            theirs = choices.get(str(theirs), theirs)
            mine = choices.get(str(mine), mine)
        rows.append((label, theirs, mine))
    return rows


def toggle_archived(
    record: Any, theme: Theme, archived: bool, done: str, already: str, back: str
) -> Any:
    """Archive or restore an opgave or strategy (never delete) and go back to its page."""
    from omtracker.themes import services

    return apply_change(theme, lambda: services.set_archived(record, archived), done, already, back)


def apply_change(
    theme: Theme, change: Callable[[], bool], done: str, already: str, back: str
) -> Any:
    """A one-click change from a button (close, reopen, archive, restore): `change` says
    whether anything changed; someone else's save in between only warns. Then go `back`."""
    require_edit(theme)
    try:
        changed = change()
    except EditConflict:
        flash(
            _("Iemand anders wijzigde dit net; bekijk de pagina en probeer het opnieuw."), "warning"
        )
        changed = None
    if changed:
        db.session.commit()
        flash(done, "success")
    elif changed is False:
        flash(already, "info")
    return redirect(back)
