"""Recording, changing and using quick observations.

Services flush and never commit; the route commits once. An observation is the author's own
until a journal takes it: then it is evidence of that journal and no longer changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask_babel import format_date
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from omtracker import labels
from omtracker.extensions import db
from omtracker.journals import attachments as files
from omtracker.journals.mymonth import user_themes
from omtracker.metrics import Scope
from omtracker.metrics.scope import active_engagements
from omtracker.models import (
    Engagement,
    JournalEntry,
    Level,
    Observation,
    Opgave,
    Partner,
    ProgressMarker,
    Theme,
    User,
)
from omtracker.periods import period_of
from omtracker.permissions import can_write_journal


@dataclass
class ObservationInput:
    """What the user submitted, free of any form or request object."""

    observed_on: date
    text: str
    marker_id: int | None = None
    significance: str | None = None


@dataclass
class Choice:
    """One engagement the user may note something about, for the tappable list of step 1."""

    engagement_id: int
    partner_name: str
    opgave_title: str
    theme_id: int
    theme_name: str


def writable_engagements(user: Any, programme_id: int, period: str) -> list[Choice]:
    """The engagements of the user's theme groups that count this month (coordinators: all)."""
    theme_ids = [t.id for t in user_themes(user, programme_id)]
    if not theme_ids:
        return []
    stmt = active_engagements(
        select(Engagement.id, Partner.name, Opgave.title, Theme.id, Theme.name).join(
            Partner, Partner.id == Engagement.partner_id
        ),
        Scope(programme_id),
        period,
    ).where(Theme.id.in_(theme_ids), Engagement.archived.is_(False))
    rows = db.session.execute(stmt.order_by(Partner.name, Opgave.title))
    return [Choice(*row) for row in rows]


def counting_markers(engagement: Engagement, period: str) -> list[ProgressMarker]:
    """The markers an observation in `period` can be about: those counting in that month."""
    return [m for m in engagement.markers if m.counts_in(period)]


def load(observation_id: int, programme_id: int) -> Observation | None:
    """An observation of this programme (not archived), with its engagement's theme."""
    found = db.session.scalars(
        select(Observation)
        .where(
            Observation.id == observation_id,
            Observation.programme_id == programme_id,
            Observation.archived.is_(False),
        )
        .options(
            joinedload(Observation.engagement).joinedload(Engagement.partner),
            joinedload(Observation.engagement)
            .joinedload(Engagement.opgave)
            .joinedload(Opgave.theme),
        )
    ).first()
    return found


def may_change(user: Any, observation: Observation) -> bool:
    """Its author, while they still write that theme's journals and no journal took it."""
    return (
        observation.created_by_id == getattr(user, "id", None)
        and not observation.used
        and can_write_journal(user, observation.engagement.opgave.theme)
    )


def _apply(observation: Observation, data: ObservationInput) -> None:
    observation.observed_on = data.observed_on
    observation.period = period_of(data.observed_on)
    observation.text = data.text.strip()
    observation.progress_marker_id = data.marker_id
    observation.significance = data.significance or None


def _attach(observation: Observation, upload: files.Upload | None, directory: Path) -> str | None:
    if upload is None:
        return None
    stored_name = files.store(directory, upload)
    observation.filename = upload.filename
    observation.stored_name = stored_name
    observation.content_type = upload.content_type
    observation.size_bytes = len(upload.content)
    return stored_name


def record_observation(
    engagement: Engagement,
    data: ObservationInput,
    author: User,
    upload: files.Upload | None = None,
    directory: Path | None = None,
) -> tuple[Observation, str | None]:
    """A new observation; returns it and the stored file's name (to remove if the commit fails)."""
    observation = Observation(
        programme_id=engagement.opgave.theme.programme_id,
        engagement_id=engagement.id,
        created_by_id=author.id,
    )
    _apply(observation, data)
    stored_name = _attach(observation, upload, directory) if directory else None
    db.session.add(observation)
    db.session.flush()
    return observation, stored_name


def change_observation(
    observation: Observation,
    data: ObservationInput,
    upload: files.Upload | None = None,
    directory: Path | None = None,
) -> str | None:
    """The author's correction; a new file takes the place of the old one (which is kept)."""
    _apply(observation, data)
    stored_name = _attach(observation, upload, directory) if directory else None
    db.session.flush()
    return stored_name


def archive_observation(observation: Observation) -> None:
    """ "Verwijderen" for the user: it disappears from every list but stays in the records."""
    observation.archived = True
    db.session.flush()


def _listed(stmt: Any) -> list[Observation]:
    return list(
        db.session.scalars(
            stmt.where(Observation.archived.is_(False))
            .options(joinedload(Observation.created_by), joinedload(Observation.marker))
            .order_by(Observation.observed_on, Observation.id)
        )
    )


def for_journal_form(
    engagement_id: int, period: str, entry_id: int | None
) -> tuple[list[Observation], list[Observation]]:
    """In one query: the month's open observations, and those the entry already took."""
    taken = Observation.journal_entry_id.is_(None)
    if entry_id is not None:
        taken = or_(taken, Observation.journal_entry_id == entry_id)
    found = _listed(
        select(Observation).where(
            Observation.engagement_id == engagement_id, Observation.period == period, taken
        )
    )
    return [o for o in found if not o.used], [o for o in found if o.used]


def for_entry(entry_id: int) -> list[Observation]:
    """The observations a journal entry took as evidence."""
    return _listed(select(Observation).where(Observation.journal_entry_id == entry_id))


def open_for_engagement(engagement_id: int) -> list[Observation]:
    """Observations of this partner still waiting for their month's journal."""
    return _listed(
        select(Observation).where(
            Observation.engagement_id == engagement_id, Observation.journal_entry_id.is_(None)
        )
    )


def recent_by(user: Any, programme_id: int, limit: int = 10) -> list[Observation]:
    """The user's own latest observations, for the page they add new ones on."""
    return list(
        db.session.scalars(
            select(Observation)
            .where(
                Observation.created_by_id == user.id,
                Observation.programme_id == programme_id,
                Observation.archived.is_(False),
            )
            .options(
                joinedload(Observation.engagement).joinedload(Engagement.partner),
                joinedload(Observation.marker),
            )
            .order_by(Observation.created_at.desc(), Observation.id.desc())
            .limit(limit)
        )
    )


def link_to_entry(entry: JournalEntry, observation_ids: list[int]) -> int:
    """The journal was saved with these observations: they become its evidence.

    Only open observations of the entry's engagement and month are taken, so an id from an
    old form or another partner changes nothing. Returns how many were linked."""
    if not observation_ids:
        return 0
    taken = db.session.scalars(
        select(Observation).where(
            Observation.id.in_(observation_ids),
            Observation.engagement_id == entry.engagement_id,
            Observation.period == entry.period,
            Observation.journal_entry_id.is_(None),
            Observation.archived.is_(False),
        )
    ).all()
    for observation in taken:  # one by one, so the audit trail records each (a handful)
        observation.journal_entry_id = entry.id
    db.session.flush()
    return len(taken)


def line(observation: Observation) -> str:
    """One observation as a line of the journal's starting text."""
    extra = []
    if observation.marker is not None:
        extra.append(observation.marker.text)
    if observation.significance:
        extra.append(str(labels.LEVEL[Level[observation.significance]]).lower())
    who = observation.created_by.display_name if observation.created_by else ""
    head = format_date(observation.observed_on, "d MMM")
    head = f"{head}, {who}" if who else head
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"- {head}: {observation.text}{tail}"


def starting_text(observations: list[Observation]) -> str:
    """The journal's description of change, begun from the month's observations."""
    return "\n".join(line(o) for o in observations)
