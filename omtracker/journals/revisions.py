"""The history of a journal entry: each saved revision and what changed since the one before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from omtracker.extensions import db
from omtracker.models import JournalEntry, JournalRevision, Partner, ProgressMarker

FIELD_LABELS = {
    "change_description": _l("Beschrijving van de verandering"),
    "contributing_factors": _l("Overige factoren en actoren"),
    "evidence": _l("Bronnen van bewijs"),
    "unanticipated_change": _l("Onverwachte verandering"),
    "lessons": _l("Lessen en benodigde aanpassingen"),
    "highlight": _l("Hoogtepunt van deze maand"),
}


@dataclass
class FieldChange:
    label: Any
    before: Any
    after: Any


@dataclass
class RatingChange:
    marker: ProgressMarker | None
    before: int | None
    after: int | None
    note_before: str = ""
    note_after: str = ""


@dataclass
class RevisionView:
    revision: JournalRevision
    fields: list[FieldChange] = field(default_factory=list)
    ratings: list[RatingChange] = field(default_factory=list)
    contributors_added: list[str] = field(default_factory=list)
    contributors_removed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (
            self.fields or self.ratings or self.contributors_added or self.contributors_removed
        )


EMPTY: dict[str, Any] = {"fields": {}, "ratings": {}, "contributors": []}


def diff(
    before: dict[str, Any],
    after: dict[str, Any],
    markers: dict[int, ProgressMarker],
    partner_names: dict[int, str],
    view: RevisionView,
) -> RevisionView:
    """Fill `view` with the field, rating and contributor changes from `before` to `after`."""
    old_fields, new_fields = before.get("fields", {}), after.get("fields", {})
    for name, label in FIELD_LABELS.items():
        old, new = old_fields.get(name, False if name == "highlight" else ""), new_fields.get(name)
        if new is None:
            continue
        if old != new:
            view.fields.append(FieldChange(label, old, new))
    old_ratings, new_ratings = before.get("ratings", {}), after.get("ratings", {})
    for key in sorted(set(old_ratings) | set(new_ratings), key=int):
        old, new = old_ratings.get(key), new_ratings.get(key)
        if old == new:
            continue
        view.ratings.append(
            RatingChange(
                marker=markers.get(int(key)),
                before=old["level"] if old else None,
                after=new["level"] if new else None,
                note_before=old["note"] if old else "",
                note_after=new["note"] if new else "",
            )
        )
    view.ratings.sort(key=lambda c: (c.marker.tier, c.marker.position) if c.marker else ("~", 0))
    old_people, new_people = set(before.get("contributors", [])), set(after.get("contributors", []))
    view.contributors_added = sorted(partner_names.get(p, "?") for p in new_people - old_people)
    view.contributors_removed = sorted(partner_names.get(p, "?") for p in old_people - new_people)
    return view


def revision_history(entry: JournalEntry) -> list[RevisionView]:
    """Every revision, newest first, each with what changed since the previous one."""
    revisions = list(
        db.session.scalars(
            select(JournalRevision)
            .where(JournalRevision.entry_id == entry.id)
            .order_by(JournalRevision.number)
            .options(joinedload(JournalRevision.author))
        )
    )
    markers = {
        m.id: m
        for m in db.session.scalars(
            select(ProgressMarker).where(ProgressMarker.engagement_id == entry.engagement_id)
        )
    }
    partner_ids = {p for r in revisions for p in r.data.get("contributors", [])}
    partner_names: dict[int, str] = {}
    if partner_ids:
        stmt = select(Partner.id, Partner.name).where(Partner.id.in_(partner_ids))
        partner_names = {pid: name for pid, name in db.session.execute(stmt)}
    views = []
    previous = EMPTY
    for revision in revisions:
        views.append(diff(previous, revision.data, markers, partner_names, RevisionView(revision)))
        previous = revision.data
    return list(reversed(views))
