"""What the 409 page shows: the stored journal entry beside what the user typed.

Text fields are always listed; markers and contributors only where the two versions differ,
so the comparison stays readable on a ladder of fifteen markers.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from omtracker import labels
from omtracker.extensions import db
from omtracker.journals.forms import JournalForm
from omtracker.journals.queries import Ladder
from omtracker.journals.revisions import FIELD_LABELS
from omtracker.journals.services import TEXT_FIELDS
from omtracker.models import JournalEntry, JournalRevision, Level


def _level_text(level: int | None, note: str) -> str:
    text = str(labels.LEVEL[Level(level)]) if level is not None else _("Niet beoordeeld")
    return f"{text} — {note}" if note else text


def conflict_rows(
    stored: JournalEntry, form: JournalForm, ladder: Ladder, partner_names: dict[int, str]
) -> list[tuple[Any, Any, Any]]:
    rows: list[tuple[Any, Any, Any]] = []
    for name in TEXT_FIELDS:
        rows.append((FIELD_LABELS[name], getattr(stored, name) or "", form[name].data or ""))
    yes, no = _("Ja"), _("Nee")
    rows.append(
        (
            FIELD_LABELS["highlight"],
            yes if stored.highlight else no,
            yes if form.highlight.data else no,
        )
    )
    stored_people = sorted(partner_names.get(c.partner_id, "?") for c in stored.contributors)
    your_people = sorted(partner_names.get(p, "?") for p in form.contributors.data or [])
    if stored_people != your_people:
        rows.append((_("Bijdragende partners"), ", ".join(stored_people), ", ".join(your_people)))
    stored_ratings = {r.marker_id: (r.level, r.note or "") for r in stored.ratings}
    yours = form.ratings()
    for row in ladder.rows:
        marker_id = row.marker.id
        before = stored_ratings.get(marker_id, (None, ""))
        after = yours.get(marker_id, (None, ""))
        if before != after:
            rows.append((row.marker.text, _level_text(*before), _level_text(*after)))
    return rows


def last_editor(entry: JournalEntry) -> str | None:
    """Display name of whoever saved the entry last (its latest revision, else its author)."""
    revision = db.session.scalars(
        select(JournalRevision)
        .where(JournalRevision.entry_id == entry.id)
        .order_by(JournalRevision.number.desc())
        .options(joinedload(JournalRevision.author))
        .limit(1)
    ).first()
    if revision is not None and revision.author is not None:
        return revision.author.display_name
    return entry.author.display_name if entry.author else None
