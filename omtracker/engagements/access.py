"""Loading an opgave, engagement or marker for the current programme, and the write check.

A record of another programme answers 404 (its existence is not disclosed); a record of this
programme the user may not change answers 403. Reading is open to everyone in the programme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from omtracker.context import current_programme
from omtracker.editing import EditConflict, VersionedForm
from omtracker.engagements import queries
from omtracker.extensions import db
from omtracker.models import Engagement, Opgave, ProgressMarker, Theme
from omtracker.permissions import can_edit_theme


def opgave_or_404(opgave_id: int) -> Opgave:
    opgave = db.session.scalar(
        select(Opgave)
        .join(Opgave.theme)
        .options(contains_eager(Opgave.theme))
        .where(Opgave.id == opgave_id, Theme.programme_id == current_programme().id)
    )
    if opgave is None:
        abort(404)
    return opgave


def engagement_or_404(engagement_id: int) -> Engagement:
    engagement = queries.load_engagement(engagement_id, current_programme().id)
    if engagement is None:
        abort(404)
    return engagement


def marker_or_404(marker_id: int) -> ProgressMarker:
    marker = queries.load_marker(marker_id, current_programme().id)
    if marker is None:
        abort(404)
    return marker


def require_edit(theme: Theme) -> None:
    """Leads of this theme, coordinators and administrators; members, board and others 403."""
    if not can_edit_theme(current_user, theme):
        abort(403)


def versioned_button(
    record: Any,
    change: Callable[[Any], Any],
    render: Callable[[Any, int, str], Any],
    conflict_message: str,
) -> Any | None:
    """A button that changes `record` (stop, archive, restore), posting the version the page
    was loaded with: `change` gets that version. None when the change is made (the caller
    commits and redirects); otherwise the record's page, through `render(record, status,
    message)`: 400 for an expired form, 409 with `conflict_message` when someone else saved."""
    form = VersionedForm()
    if not form.validate_on_submit():
        return render(record, 400, _("Het formulier was verlopen. Probeer opnieuw."))
    try:
        change(form.version.data)
    except EditConflict as exc:
        return render(exc.current, 409, conflict_message)
    return None
