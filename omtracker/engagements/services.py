"""Changes to outcome challenges and their progress markers.

Plain functions: they take explicit arguments, flush and never commit, so the route commits once
and tests call them directly. Every edit of an existing record checks the version the form was
loaded with (optimistic locking); the audit hook records each change on its own.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from omtracker.audit import current_actor
from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import (
    AuditEvent,
    Engagement,
    JournalEntry,
    Level,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Tier,
)
from omtracker.periods import add_months, current_period, period_range


class AlreadyEngaged(Exception):
    """The partner already has an outcome challenge in this opgave (archived ones included)."""

    def __init__(self, partner: Partner, engagement_id: int | None) -> None:
        super().__init__(f"partner {partner.id} already engaged")
        self.partner = partner
        self.engagement_id = engagement_id


class RetiredBeforeStart(ValueError):
    """A marker cannot stop counting before the month it started counting."""


def existing_engagement_id(partner_id: int, opgave_id: int) -> int | None:
    return db.session.scalar(
        select(Engagement.id).where(
            Engagement.partner_id == partner_id, Engagement.opgave_id == opgave_id
        )
    )


def create_engagement(
    opgave: Opgave,
    partner: Partner,
    *,
    outcome_challenge: str,
    monitoring_frequency_months: int,
    start_date: date,
) -> Engagement:
    """Engage a registry partner in an opgave. One outcome challenge per partner and opgave."""
    found = existing_engagement_id(partner.id, opgave.id)
    if found is not None:
        raise AlreadyEngaged(partner, found)
    engagement = Engagement(
        partner=partner,
        opgave=opgave,
        outcome_challenge=outcome_challenge.strip(),
        monitoring_frequency_months=monitoring_frequency_months,
        start_date=start_date,
    )
    db.session.add(engagement)
    try:
        with db.session.begin_nested():  # someone engaged the same partner a moment ago
            db.session.flush()
    except IntegrityError:
        raise AlreadyEngaged(partner, existing_engagement_id(partner.id, opgave.id)) from None
    return engagement


def update_engagement(
    engagement: Engagement,
    version: object,
    *,
    outcome_challenge: str,
    monitoring_frequency_months: int,
    start_date: date,
    effective_from: str | None = None,
) -> None:
    """Save the outcome challenge; a new frequency holds from `effective_from` (default this
    month), so the months before keep the monitoring plan they had (DESIGN.md §3a)."""
    ensure_version(engagement, version)
    engagement.outcome_challenge = outcome_challenge.strip()
    engagement.monitoring_frequency_months = monitoring_frequency_months
    engagement.start_date = start_date
    engagement.effective_from = effective_from  # read by engagements.history at the flush
    with conflict_guard(engagement):
        db.session.flush()


def _set_state(
    engagement: Engagement, version: object, effective_from: str | None, **flags: bool
) -> None:
    ensure_version(engagement, version)
    for name, value in flags.items():
        setattr(engagement, name, value)
    engagement.effective_from = effective_from  # read by engagements.history at the flush
    with conflict_guard(engagement):
        db.session.flush()


def set_engagement_active(
    engagement: Engagement, version: object, active: bool, effective_from: str | None = None
) -> None:
    """Stop or resume monitoring from `effective_from` (default this month): a stopped
    engagement is not due and counts in no number of that month or later; earlier months
    keep it."""
    _set_state(engagement, version, effective_from, active=active, paused=False)


def set_engagement_paused(
    engagement: Engagement, version: object, paused: bool, effective_from: str | None = None
) -> None:
    """Pause monitoring from `effective_from`: the ladder still counts, no journal is due."""
    _set_state(engagement, version, effective_from, paused=paused)


def set_engagement_archived(
    engagement: Engagement, version: object, archived: bool, effective_from: str | None = None
) -> None:
    """Archive instead of delete: the page, its markers and its journals stay readable, and
    the months before `effective_from` (default this month) keep counting it."""
    _set_state(engagement, version, effective_from, archived=archived)


def past_months_changed(first_period: str) -> list[str]:
    """The months before this one whose figures a marker counting from `first_period` changes."""
    last = add_months(current_period(), -1)
    return period_range(first_period, last) if first_period <= last else []


def _next_position(engagement_id: int, tier: Tier) -> int:
    highest = db.session.scalar(
        select(func.max(ProgressMarker.position)).where(
            ProgressMarker.engagement_id == engagement_id, ProgressMarker.tier == tier
        )
    )
    return 0 if highest is None else highest + 1


def add_marker(
    engagement: Engagement,
    *,
    tier: Tier,
    text: str,
    first_period: str,
    origin_entry: JournalEntry | None = None,
    level: Level | None = None,
) -> ProgressMarker:
    """Add a rung at the end of its tier.

    Promoted from a journal entry (`origin_entry`): the marker counts from the entry's month
    and is rated there with the `level` the writer saw, so that month gains, never loses.
    A marker counting from a month before this one changes those months' figures on purpose;
    the form has asked for confirmation and the audit trail says which months changed.
    """
    if origin_entry is not None:
        if origin_entry.engagement_id != engagement.id:
            raise ValueError("the journal entry belongs to another engagement")
        first_period = origin_entry.period
    marker = ProgressMarker(
        engagement=engagement,
        tier=tier,
        position=_next_position(engagement.id, tier),
        text=text.strip(),
        first_period=first_period,
        origin_entry_id=origin_entry.id if origin_entry is not None else None,
    )
    db.session.add(marker)
    db.session.flush()
    if origin_entry is not None and level is not None:
        rate_in_origin(marker, origin_entry, level)
    changed = past_months_changed(first_period)
    if changed:
        db.session.add(
            AuditEvent(
                user_id=current_actor(),
                action="backdate",
                entity_type="ProgressMarker",
                entity_id=marker.id,
                before=None,
                after={"first_period": first_period, "changed_months": changed},
            )
        )
        db.session.flush()
    return marker


def rate_in_origin(marker: ProgressMarker, entry: JournalEntry, level: Level) -> None:
    """The promoted marker's rating in the journal entry where the change was seen."""
    db.session.add(MarkerRating(entry=entry, marker=marker, level=int(level), period=entry.period))
    db.session.flush()


def update_marker_text(marker: ProgressMarker, version: object, text: str) -> None:
    ensure_version(marker, version)
    marker.text = text.strip()
    with conflict_guard(marker):
        db.session.flush()


def _active_ladder(marker: ProgressMarker) -> list[ProgressMarker]:
    """The markers of the same engagement and tier that are not retired, in display order."""
    return list(
        db.session.scalars(
            select(ProgressMarker)
            .where(
                ProgressMarker.engagement_id == marker.engagement_id,
                ProgressMarker.tier == marker.tier,
                ProgressMarker.retired_period.is_(None),
            )
            .order_by(ProgressMarker.position, ProgressMarker.id)
        )
    )


def move_marker(marker: ProgressMarker, steps: int) -> bool:
    """Move a marker up (-1) or down (+1) within its tier; False when it is already at the end.

    Positions are renumbered 0..n-1 so gaps and ties (from imports) disappear; only markers
    whose position really changes are written.
    """
    ladder = _active_ladder(marker)
    if marker not in ladder:
        return False
    index = ladder.index(marker)
    target = index + steps
    if not 0 <= target < len(ladder):
        return False
    ladder.insert(target, ladder.pop(index))
    for position, item in enumerate(ladder):
        if item.position != position:
            item.position = position
    db.session.flush()
    return True


def retire_marker(marker: ProgressMarker, version: object, retired_period: str) -> None:
    """Stop counting a marker after `retired_period`; its ratings stay in its history."""
    ensure_version(marker, version)
    if retired_period < marker.first_period:
        raise RetiredBeforeStart(retired_period)
    marker.retired_period = retired_period
    with conflict_guard(marker):
        db.session.flush()


def unretire_marker(marker: ProgressMarker, version: object) -> None:
    """Let a retired marker count again, placed at the end of its tier."""
    ensure_version(marker, version)
    if marker.retired_period is None:
        return
    position = _next_position(marker.engagement_id, marker.tier)
    marker.retired_period = None
    marker.position = position
    with conflict_guard(marker):
        db.session.flush()
