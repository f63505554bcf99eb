"""Writing outcome journals: save with revision, attachments, promoting a change to a marker.

Services flush and never commit; the route commits once. A save never silently overwrites
someone else's: an edit carries the version it was loaded with, and a new entry for a month
someone else just wrote is reported as a conflict, not as a database error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from omtracker.editing import EditConflict, conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.journals import attachments as files
from omtracker.models import (
    Engagement,
    JournalAttachment,
    JournalContributor,
    JournalEntry,
    JournalRevision,
    MarkerRating,
    ProgressMarker,
    Tier,
    User,
)
from omtracker.models.base import utcnow
from omtracker.periods import add_months

TEXT_FIELDS = (
    "change_description",
    "contributing_factors",
    "evidence",
    "unanticipated_change",
    "lessons",
)


@dataclass
class JournalInput:
    """What the user submitted, free of any form or request object."""

    texts: dict[str, str]
    highlight: bool
    # Marker id → (level, note) for rated markers; markers on the form but absent are unrated.
    ratings: dict[int, tuple[int, str]]
    marker_ids: list[int]
    contributor_ids: list[int] = field(default_factory=list)
    # "Geen verandering gezien": the writer looked and confirms nothing changed (rule 5).
    no_change_seen: bool = False


def find_entry(engagement_id: int, period: str) -> JournalEntry | None:
    """THE entry of an engagement for a month, with its ratings and contributors (one query)."""
    return (
        db.session.scalars(
            select(JournalEntry)
            .where(JournalEntry.engagement_id == engagement_id, JournalEntry.period == period)
            .options(joinedload(JournalEntry.ratings), joinedload(JournalEntry.contributors))
        )
        .unique()
        .first()
    )


def snapshot(entry: JournalEntry) -> dict[str, Any]:
    """The entry as a plain dict: what a revision freezes."""
    return {
        "fields": {name: getattr(entry, name) or "" for name in TEXT_FIELDS}
        | {"highlight": bool(entry.highlight), "no_change_seen": bool(entry.no_change_seen)},
        "ratings": {
            str(r.marker_id): {"level": int(r.level), "note": r.note or ""} for r in entry.ratings
        },
        "contributors": sorted(c.partner_id for c in entry.contributors),
    }


@dataclass
class _Plan:
    """The row changes one save makes to an entry's ratings and contributors."""

    upserts: list[dict[str, Any]] = field(default_factory=list)
    deleted_ratings: list[int] = field(default_factory=list)
    added_contributors: list[int] = field(default_factory=list)
    removed_contributors: list[int] = field(default_factory=list)
    after: dict[str, Any] = field(default_factory=dict)


def _plan(entry: JournalEntry, data: JournalInput, existing: bool) -> _Plan:
    """Set the entry's own fields and work out the rating and contributor rows to write."""
    for name in TEXT_FIELDS:
        setattr(entry, name, (data.texts.get(name) or "").strip())
    entry.highlight = bool(data.highlight)
    entry.no_change_seen = bool(data.no_change_seen)
    plan = _Plan()
    stored = {r.marker_id: r for r in entry.ratings} if existing else {}
    ratings = {str(k): {"level": int(r.level), "note": r.note or ""} for k, r in stored.items()}
    for marker_id in data.marker_ids:
        rating = stored.get(marker_id)
        if marker_id in data.ratings:
            level, note = data.ratings[marker_id]
            ratings[str(marker_id)] = {"level": level, "note": note}
            if rating is None or (rating.level, rating.note or "") != (level, note):
                plan.upserts.append({"marker_id": marker_id, "level": level, "note": note})
        elif rating is not None:
            ratings.pop(str(marker_id))
            plan.deleted_ratings.append(rating.id)
    have = {c.partner_id for c in entry.contributors} if existing else set()
    wanted = set(data.contributor_ids)
    plan.added_contributors = sorted(wanted - have)
    plan.removed_contributors = sorted(have - wanted)
    entry.observed = records_observation(entry, ratings)
    plan.after = {
        "fields": {name: getattr(entry, name) for name in TEXT_FIELDS}
        | {"highlight": entry.highlight, "no_change_seen": entry.no_change_seen},
        "ratings": ratings,
        "contributors": sorted(wanted),
    }
    return plan


def records_observation(entry: JournalEntry, ratings: dict[str, dict[str, Any]]) -> bool:
    """Rule 5: a journal counts as written when it records an observation — a text, the
    "geen verandering gezien" confirmation, or a level other than the marker's level before
    this month (a first rating included). Saving last month's levels as they were pre-filled,
    with nothing else, is not an observation."""
    if entry.no_change_seen or any((getattr(entry, name) or "").strip() for name in TEXT_FIELDS):
        return True
    if not ratings:
        return False
    before = previous_levels([int(k) for k in ratings], entry.period)
    return any(before.get(int(k)) != int(r["level"]) for k, r in ratings.items())


def previous_levels(marker_ids: list[int], period: str) -> dict[int, int]:
    """Each marker's level in its latest rating before `period` (rule 1), in one statement."""
    from omtracker.metrics.levels import level_as_of

    stmt = select(ProgressMarker.id, level_as_of(add_months(period, -1))).where(
        ProgressMarker.id.in_(marker_ids)
    )
    return {mid: level for mid, level in db.session.execute(stmt) if level is not None}


def _insert(model: type) -> Any:
    """INSERT with ON CONFLICT support on both databases we run on."""
    if db.session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model.__table__)
    return sqlite.insert(model.__table__)


def _write_rows(entry: JournalEntry, plan: _Plan) -> None:
    """Ratings and contributors in a fixed number of statements, whatever the ladder's size."""
    if plan.upserts:
        stmt = _insert(MarkerRating)
        stmt = stmt.on_conflict_do_update(
            index_elements=["entry_id", "marker_id"],
            set_={"level": stmt.excluded.level, "note": stmt.excluded.note},
        )
        rows = [{"entry_id": entry.id, "period": entry.period, **row} for row in plan.upserts]
        db.session.execute(stmt, rows)
    if plan.deleted_ratings:
        db.session.execute(
            delete(MarkerRating.__table__).where(MarkerRating.id.in_(plan.deleted_ratings))
        )
    if plan.removed_contributors:
        db.session.execute(
            delete(JournalContributor.__table__).where(
                JournalContributor.entry_id == entry.id,
                JournalContributor.partner_id.in_(plan.removed_contributors),
            )
        )
    if plan.added_contributors:
        db.session.execute(
            insert(JournalContributor.__table__),
            [{"entry_id": entry.id, "partner_id": p} for p in plan.added_contributors],
        )
    db.session.expire(entry, ["ratings", "contributors"])


def _write_revisions(rows: list[dict[str, Any]]) -> None:
    """Revision number N is the entry as it was at version N; an existing N is kept as is."""
    stmt = _insert(JournalRevision).on_conflict_do_nothing(index_elements=["entry_id", "number"])
    db.session.execute(stmt, [{"created_at": utcnow(), **row} for row in rows])


def save_journal(
    engagement: Engagement,
    period: str,
    entry: JournalEntry | None,
    data: JournalInput,
    author: User,
    version: Any,
) -> JournalEntry:
    """Create or update THE entry of this engagement and month, and record a revision.

    Raises EditConflict when the entry changed (or was created) since the form was opened.
    Ratings, contributors and revisions are written as a few set-based statements; the
    revision (who, when, the whole entry) is the journal's own audit record of them.
    """
    if entry is None:
        entry = _create(engagement, period, data, author)
        return entry
    ensure_version(entry, version)
    before, previous, previous_at = snapshot(entry), entry.version, entry.updated_at
    plan = _plan(entry, data, existing=True)
    if plan.after == before:
        return entry  # nothing changed: no new revision, no version bump
    entry.updated_at = utcnow()  # every save bumps the version, even a ratings-only change
    with conflict_guard(entry):
        db.session.flush()
    _write_rows(entry, plan)
    _write_revisions(
        [
            # The state before this save, for entries written before revisions were kept.
            {
                "entry_id": entry.id,
                "number": previous,
                "author_id": entry.author_id,
                "data": before,
                "created_at": previous_at,
            },
            {
                "entry_id": entry.id,
                "number": entry.version,
                "author_id": author.id,
                "data": plan.after,
            },
        ]
    )
    return entry


def _create(engagement: Engagement, period: str, data: JournalInput, author: User) -> JournalEntry:
    entry = JournalEntry(engagement_id=engagement.id, period=period, author_id=author.id)
    plan = _plan(entry, data, existing=False)
    try:
        with db.session.begin_nested():
            db.session.add(entry)
            db.session.flush()
    except IntegrityError as exc:
        # Someone else created the entry for this month a moment ago.
        stored = find_entry(engagement.id, period)
        if stored is None:
            raise
        raise EditConflict(stored) from exc
    _write_rows(entry, plan)
    _write_revisions(
        [
            {
                "entry_id": entry.id,
                "number": entry.version,
                "author_id": author.id,
                "data": plan.after,
            }
        ]
    )
    return entry


def add_attachments(
    entry: JournalEntry, uploads: list[files.Upload], uploader: User, directory: Path
) -> list[str]:
    """Store checked files with the entry; returns the stored names (to undo on failure)."""
    stored_names = []
    for upload in uploads:
        stored_name = files.store(directory, upload)
        stored_names.append(stored_name)
        db.session.add(
            JournalAttachment(
                entry_id=entry.id,
                filename=upload.filename,
                stored_name=stored_name,
                content_type=upload.content_type,
                size_bytes=len(upload.content),
                uploaded_by_id=uploader.id,
            )
        )
    db.session.flush()
    return stored_names


def archive_attachment(attachment: JournalAttachment) -> None:
    """Hide an evidence file from the entry; it stays on disk and in the history."""
    attachment.archived = True
    db.session.flush()


def promote_to_marker(
    entry: JournalEntry, tier: Tier, text: str, level: int | None = None
) -> ProgressMarker:
    """A new progress marker, counting from the entry's month, that remembers where it came from.

    It is rated in that entry with the `level` the writer saw (DESIGN.md §3a), so the month
    of the observation gains a reached marker instead of only a marker more to reach.
    Submitting the same text twice from one entry gives back the marker made the first time.
    """
    text = text.strip()
    existing = db.session.scalars(
        select(ProgressMarker).where(
            ProgressMarker.origin_entry_id == entry.id, ProgressMarker.text == text
        )
    ).first()
    if existing is not None:
        return existing
    last_position = db.session.scalar(
        select(func.max(ProgressMarker.position)).where(
            ProgressMarker.engagement_id == entry.engagement_id, ProgressMarker.tier == tier
        )
    )
    marker = ProgressMarker(
        engagement_id=entry.engagement_id,
        tier=tier,
        position=(last_position + 1) if last_position is not None else 0,
        text=text,
        first_period=entry.period,
        origin_entry_id=entry.id,
    )
    db.session.add(marker)
    db.session.flush()
    if level is not None:
        db.session.add(MarkerRating(entry=entry, marker=marker, level=level, period=entry.period))
        db.session.flush()
    return marker
