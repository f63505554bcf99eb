"""Writes of Outcome Mapping's plans, practices, rubrics and harvested outcomes.

Every function changes state and flushes; the route commits once. Edits of existing records
check the version the form was loaded with, so the second person to save gets a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from omtracker import clock
from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    JournalEntry,
    LadderRubric,
    MonitoringPlan,
    Opgave,
    Partner,
    PartnerType,
    PerformanceJournalEntry,
    Practice,
    PracticeNote,
    Programme,
    ProgressMarker,
    Theme,
    User,
)


def _assign(obj: Any, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def _flush(obj: Any) -> None:
    with conflict_guard(obj):
        db.session.flush()


# --- harvested outcomes -------------------------------------------------------------------


def _markers(ids: list[int], allowed: set[int]) -> list[ProgressMarker]:
    wanted = [i for i in ids if i in allowed]
    if not wanted:
        return []
    return list(db.session.scalars(select(ProgressMarker).where(ProgressMarker.id.in_(wanted))))


def create_outcome(
    programme: Programme,
    values: Mapping[str, Any],
    marker_ids: list[int],
    allowed_markers: set[int],
    author: User,
    origin: JournalEntry | None = None,
) -> HarvestedOutcome:
    """Record a harvested outcome; from a journal entry it keeps the link back to it."""
    outcome = HarvestedOutcome(programme_id=programme.id, author_id=author.id)
    _assign(outcome, values)
    if outcome.partner_id:
        outcome.actor_name = ""
    outcome.origin_entry_id = origin.id if origin else None
    outcome.markers = _markers(marker_ids, allowed_markers)
    db.session.add(outcome)
    db.session.flush()
    return outcome


def update_outcome(
    outcome: HarvestedOutcome,
    values: Mapping[str, Any],
    marker_ids: list[int],
    allowed_markers: set[int],
    version: Any,
) -> HarvestedOutcome:
    ensure_version(outcome, version)
    _assign(outcome, values)
    if outcome.partner_id:
        outcome.actor_name = ""
    outcome.markers = _markers(marker_ids, allowed_markers)
    _flush(outcome)
    return outcome


def make_partner(outcome: HarvestedOutcome, partner_type: PartnerType, version: Any) -> Partner:
    """Turn the outcome's free-text actor into a boundary partner and link it.

    A partner of that name already in the registry is linked instead of creating a second one.
    """
    ensure_version(outcome, version)
    name = outcome.actor_name.strip()
    partner = db.session.scalar(
        select(Partner).where(
            Partner.programme_id == outcome.programme_id,
            func.lower(Partner.name) == name.lower(),
            Partner.merged_into_id.is_(None),
        )
    )
    if partner is None:
        partner = Partner(programme_id=outcome.programme_id, name=name, type=partner_type)
        db.session.add(partner)
        db.session.flush()
    outcome.partner_id = partner.id
    outcome.partner = partner
    outcome.actor_name = ""
    _flush(outcome)
    return partner


def set_outcome_archived(outcome: HarvestedOutcome, archived: bool) -> bool:
    if outcome.archived == archived:
        return False
    outcome.archived = archived
    _flush(outcome)
    return True


# --- monitoring plan ----------------------------------------------------------------------


def plan_for(programme_id: int, theme: Theme | None, valid_from: str) -> MonitoringPlan | None:
    return db.session.scalar(
        select(MonitoringPlan).where(
            MonitoringPlan.programme_id == programme_id,
            MonitoringPlan.theme_id == theme.id if theme else MonitoringPlan.theme_id.is_(None),
            MonitoringPlan.valid_from == valid_from,
        )
    )


def save_monitoring_plan(
    programme: Programme,
    theme: Theme | None,
    values: Mapping[str, Any],
    author: User,
    version: Any,
) -> MonitoringPlan:
    """A plan valid from a month: a new month adds a plan (earlier ones stay), the same month
    edits that month's plan."""
    plan = plan_for(programme.id, theme, values["valid_from"])
    if plan is None:
        plan = MonitoringPlan(
            programme_id=programme.id, theme_id=theme.id if theme else None, author_id=author.id
        )
        _assign(plan, values)
        db.session.add(plan)
        db.session.flush()
    else:
        ensure_version(plan, version)
        _assign(plan, values)
        plan.author_id = author.id
        _flush(plan)
    apply_plan_rhythm(plan)
    return plan


def apply_plan_rhythm(plan: MonitoringPlan) -> int:
    """The plan's journal rhythm becomes the due schedule of the partners it covers, from the
    plan's first month on (effective-dated, DESIGN.md §3a: no earlier month's coverage changes).

    A theme's plan covers the theme's outcome challenges; the programme's plan those of themes
    without a rhythm of their own by then. A plan without a rhythm leaves each partner's own.
    Returns how many outcome challenges changed rhythm.
    """
    rhythm = plan.journal_frequency_months
    if rhythm is None:
        return 0
    stmt = (
        select(Engagement)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id == plan.programme_id, Engagement.archived.is_(False))
    )
    if plan.theme_id is not None:
        stmt = stmt.where(Opgave.theme_id == plan.theme_id)
    else:
        own_rhythm = select(MonitoringPlan.theme_id).where(
            MonitoringPlan.programme_id == plan.programme_id,
            MonitoringPlan.theme_id.is_not(None),
            MonitoringPlan.journal_frequency_months.is_not(None),
            MonitoringPlan.valid_from <= plan.valid_from,
        )
        stmt = stmt.where(Opgave.theme_id.not_in(own_rhythm))
    changed = 0
    for engagement in db.session.scalars(stmt):
        if engagement.monitoring_frequency_months != rhythm:
            engagement.effective_from = plan.valid_from  # read by engagements.history
            engagement.monitoring_frequency_months = rhythm
            changed += 1
    db.session.flush()
    return changed


# --- evaluation plan ----------------------------------------------------------------------


def create_evaluation_item(programme: Programme, values: Mapping[str, Any]) -> EvaluationPlanItem:
    item = EvaluationPlanItem(programme_id=programme.id)
    _assign(item, values)
    db.session.add(item)
    db.session.flush()
    return item


def update_evaluation_item(
    item: EvaluationPlanItem, values: Mapping[str, Any], version: Any
) -> EvaluationPlanItem:
    ensure_version(item, version)
    _assign(item, values)
    _flush(item)
    return item


def set_evaluation_archived(item: EvaluationPlanItem, archived: bool) -> bool:
    """Archive or restore an evaluation (never delete); False when nothing changed."""
    if item.archived == archived:
        return False
    item.archived = archived
    _flush(item)
    return True


# --- performance journal ------------------------------------------------------------------


def performance_entry_for(
    programme_id: int, theme: Theme | None, period: str
) -> PerformanceJournalEntry | None:
    theme_clause = (
        PerformanceJournalEntry.theme_id == theme.id
        if theme
        else PerformanceJournalEntry.theme_id.is_(None)
    )
    return db.session.scalar(
        select(PerformanceJournalEntry).where(
            PerformanceJournalEntry.programme_id == programme_id,
            theme_clause,
            PerformanceJournalEntry.period == period,
        )
    )


def save_performance_entry(
    programme: Programme,
    theme: Theme | None,
    period: str,
    notes: Mapping[Practice, Mapping[str, Any]],
    author: User,
    version: Any,
) -> PerformanceJournalEntry:
    """One performance journal per scope and period; each practice keeps one note."""
    entry = performance_entry_for(programme.id, theme, period)
    if entry is None:
        entry = PerformanceJournalEntry(
            programme_id=programme.id,
            theme_id=theme.id if theme else None,
            period=period,
            author_id=author.id,
        )
        db.session.add(entry)
    else:
        ensure_version(entry, version)
        entry.author_id = author.id
        # Touch the entry so its version moves even when only notes change.
        entry.updated_at = clock.utcnow()
    existing = {note.practice: note for note in entry.notes}
    for practice, values in notes.items():
        note = existing.get(practice)
        if note is None:
            note = PracticeNote(practice=practice)
            entry.notes.append(note)
        _assign(note, values)
    _flush(entry)
    return entry


# --- L/M/H rubric -------------------------------------------------------------------------


def rubric_for(engagement: Engagement) -> LadderRubric | None:
    return db.session.scalar(
        select(LadderRubric).where(LadderRubric.engagement_id == engagement.id)
    )


def save_rubric(engagement: Engagement, values: Mapping[str, Any], version: Any) -> LadderRubric:
    rubric = rubric_for(engagement)
    if rubric is None:
        rubric = LadderRubric(engagement_id=engagement.id)
        _assign(rubric, {k: v or "" for k, v in values.items()})
        db.session.add(rubric)
        db.session.flush()
        return rubric
    ensure_version(rubric, version)
    _assign(rubric, {k: v or "" for k, v in values.items()})
    _flush(rubric)
    return rubric
