"""Read models for the engagement and marker pages, each built in a fixed number of queries.

Levels, attainment and stage come from `omtracker.metrics` (DESIGN.md §3); this module only
loads records and arranges them for display, so a page costs the same with 4 markers or 40.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from omtracker import labels
from omtracker.engagements.history import state_in
from omtracker.extensions import db
from omtracker.metrics import (
    Attainment,
    Scope,
    current_levels,
    marker_history,
    stage_of,
    tier_attainment,
)
from omtracker.metrics.scope import COUNTING
from omtracker.models import (
    AuditEvent,
    Engagement,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Tier,
    User,
)
from omtracker.models.enums import TIER_ORDER
from omtracker.periods import add_months, format_period, is_period, months_phrase

GRID_MONTHS = 12
# Outcome Mapping's usual ladder (Earl, Carden & Smutylo 2001; DESIGN.md §2).
TYPICAL_COUNTS = {Tier.expect: (3, 5), Tier.like: (4, 8), Tier.love: (2, 4)}


def load_engagement(engagement_id: int, programme_id: int) -> Engagement | None:
    """The engagement with its partner, opgave and theme, only when it is in the programme."""
    engagement = db.session.scalar(
        select(Engagement)
        .where(Engagement.id == engagement_id)
        .options(
            joinedload(Engagement.partner), joinedload(Engagement.opgave).joinedload(Opgave.theme)
        )
    )
    if engagement is None or engagement.opgave.theme.programme_id != programme_id:
        return None
    return engagement


def load_marker(marker_id: int, programme_id: int) -> ProgressMarker | None:
    marker = db.session.scalar(
        select(ProgressMarker)
        .where(ProgressMarker.id == marker_id)
        .options(
            joinedload(ProgressMarker.engagement).joinedload(Engagement.partner),
            joinedload(ProgressMarker.engagement)
            .joinedload(Engagement.opgave)
            .joinedload(Opgave.theme),
        )
    )
    if marker is None or marker.engagement.opgave.theme.programme_id != programme_id:
        return None
    return marker


def available_partners(programme_id: int, opgave_id: int) -> list[Partner]:
    """Registry partners that can still be engaged in the opgave (not archived, not merged)."""
    engaged = select(Engagement.partner_id).where(Engagement.opgave_id == opgave_id)
    return list(
        db.session.scalars(
            select(Partner)
            .where(
                Partner.programme_id == programme_id,
                Partner.archived.is_(False),
                Partner.merged_into_id.is_(None),
                Partner.id.not_in(engaged),
            )
            .order_by(Partner.name)
        )
    )


def counts_in_numbers(engagement: Engagement, period: str) -> bool:
    """Whether the engagement is pooled in attainment in `period`, under the state valid then
    (metrics scope rules: active or paused, opgave and theme not archived)."""
    state = state_in(engagement, period)
    return state is not None and state.status in COUNTING and not state.hidden


@dataclass
class Cell:
    period: str
    level: int | None  # the level given in that month's journal, None when not rated
    counts: bool  # the marker counted in that month


@dataclass
class MarkerRow:
    marker: ProgressMarker
    level: int | None  # current level; for a retired marker the last level it had
    started: bool
    cells: list[Cell]
    last_rated: str | None


@dataclass
class LadderHint:
    tier: Tier
    count: int
    low: int
    high: int


@dataclass
class EngagementPage:
    engagement: Engagement
    period: str
    months: list[str]
    ladder: dict[Tier, list[MarkerRow]]
    retired: list[MarkerRow]
    attainment: dict[Tier, Attainment]
    stage: str
    counted: bool
    entries: list[JournalEntry]
    current_entry: JournalEntry | None
    hints: list[LadderHint] = field(default_factory=list)
    changes: list[AuditRow] = field(default_factory=list)

    @property
    def marker_total(self) -> int:
        return sum(len(rows) for rows in self.ladder.values())


def _last_level(history: list[tuple[str, int]], period: str) -> tuple[int | None, str | None]:
    """The level of the latest rating up to `period` and its month (None, None when unrated)."""
    for month, level in reversed(history):
        if month <= period:
            return level, month
    return None, None


def engagement_page(engagement: Engagement, period: str) -> EngagementPage:
    """Everything the engagement page shows, as of month `period`."""
    scope = Scope(engagement.opgave.theme.programme_id, engagement_id=engagement.id)
    markers = list(
        db.session.scalars(
            select(ProgressMarker)
            .where(ProgressMarker.engagement_id == engagement.id)
            .order_by(ProgressMarker.position, ProgressMarker.id)
        )
    )
    history = marker_history(engagement.id)
    counted = counts_in_numbers(engagement, period)
    levels = current_levels(scope, period) if counted else {}
    attainment = tier_attainment(scope, period)
    entries = list(
        db.session.scalars(
            select(JournalEntry)
            .where(JournalEntry.engagement_id == engagement.id)
            .options(joinedload(JournalEntry.author))
            .order_by(JournalEntry.period.desc())
        )
    )
    end = max([period] + [e.period for e in entries[:1]])
    months = [add_months(end, -i) for i in range(GRID_MONTHS - 1, -1, -1)]

    ladder: dict[Tier, list[MarkerRow]] = {tier: [] for tier in TIER_ORDER}
    retired: list[MarkerRow] = []
    for marker in markers:
        rated = dict(history.get(marker.id, []))
        last_level, last_rated = _last_level(history.get(marker.id, []), period)
        level = levels.get(marker.id, last_level)
        cells = [Cell(m, rated.get(m), marker.counts_in(m)) for m in months]
        row = MarkerRow(marker, level, marker.first_period <= period, cells, last_rated)
        if marker.retired_period is None:
            ladder[Tier(marker.tier)].append(row)
        else:
            retired.append(row)
    retired.sort(key=lambda r: (TIER_ORDER.index(r.marker.tier), r.marker.retired_period or ""))

    page = EngagementPage(
        engagement=engagement,
        period=period,
        months=months,
        ladder=ladder,
        retired=retired,
        attainment=attainment,
        stage=stage_of(attainment),
        counted=counted,
        entries=entries,
        current_entry=next((e for e in entries if e.period == period), None),
        changes=audit_trail("Engagement", engagement.id),
    )
    if page.marker_total:
        for tier in TIER_ORDER:
            low, high = TYPICAL_COUNTS[tier]
            if not low <= len(ladder[tier]) <= high:
                page.hints.append(LadderHint(tier, len(ladder[tier]), low, high))
    return page


@dataclass
class HistoryRow:
    period: str
    level: int
    note: str
    entry_id: int


@dataclass
class AuditRow:
    at: Any
    who: str | None
    action: str
    changes: list[tuple[str, str, str]]


@dataclass
class MarkerPage:
    marker: ProgressMarker
    engagement: Engagement
    period: str
    level: int | None
    counts_now: bool
    history: list[HistoryRow]
    changes: list[AuditRow]
    origin_period: str | None


def marker_page(marker: ProgressMarker, period: str) -> MarkerPage:
    engagement = marker.engagement
    rows = db.session.execute(
        select(MarkerRating.level, MarkerRating.note, JournalEntry.id, JournalEntry.period)
        .join(JournalEntry, JournalEntry.id == MarkerRating.entry_id)
        .where(MarkerRating.marker_id == marker.id)
        .order_by(JournalEntry.period.desc())
    )
    history = [HistoryRow(p, level, note or "", entry_id) for level, note, entry_id, p in rows]
    counts_now = marker.counts_in(period) and counts_in_numbers(engagement, period)
    if counts_now:
        scope = Scope(engagement.opgave.theme.programme_id, engagement_id=engagement.id)
        level = current_levels(scope, period).get(marker.id)
    else:
        level = next((h.level for h in history if h.period <= period), None)
    origin_period = None
    if marker.origin_entry_id is not None:
        origin_period = db.session.scalar(
            select(JournalEntry.period).where(JournalEntry.id == marker.origin_entry_id)
        )
    return MarkerPage(
        marker=marker,
        engagement=engagement,
        period=period,
        level=level,
        counts_now=counts_now,
        history=history,
        changes=audit_trail("ProgressMarker", marker.id),
        origin_period=origin_period,
    )


# Fields shown in the audit trail, with the vocabulary that names their values (None: as is).
AUDITED_FIELDS: dict[str, dict[str, Any]] = {
    "ProgressMarker": {
        "text": None,
        "tier": labels.TIER,
        "first_period": None,
        "retired_period": None,
        "position": None,
        "changed_months": None,  # a back-dated marker: the past months it changed on purpose
    },
    "Engagement": {
        "outcome_challenge": None,
        "monitoring_frequency_months": labels.MONITORING_FREQUENCY,
        "start_date": None,
        "active": None,
        "archived": None,
    },
}
# On creation these are defaults, not choices anyone made.
NOT_SHOWN_ON_CREATE = {"position", "active", "archived", "retired_period"}


def _field_label(name: str) -> str:
    return {
        "tier": _("Niveau van de ladder"),
        "text": _("Markering"),
        "first_period": _("Telt mee vanaf"),
        "retired_period": _("Laatste maand"),
        "position": _("Plaats in de ladder"),
        "changed_months": _("Verandert de cijfers van"),
        "outcome_challenge": _("Uitkomstuitdaging"),
        "monitoring_frequency_months": _("Hoe vaak een logboek"),
        "start_date": _("Startdatum"),
        "active": _("Actief"),
        "archived": _("Gearchiveerd"),
    }[name]


def _display(entity: str, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "changed_months":
        return months_phrase(list(value))
    vocabulary = AUDITED_FIELDS[entity][name]
    if vocabulary is not None:
        key = Tier(value) if name == "tier" else value
        return str(vocabulary.get(key, value))
    if name in {"first_period", "retired_period"} and is_period(str(value)):
        return format_period(value)
    if name == "start_date":
        return format_date(date.fromisoformat(value), "d MMMM yyyy")
    if name == "position":
        return str(int(value) + 1)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def audit_trail(entity: str, entity_id: int) -> list[AuditRow]:
    """Who changed the record and how, newest first, in the words of the form."""
    stmt = (
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.entity_type == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    out = []
    for event, who in db.session.execute(stmt):
        before, after = event.before or {}, event.after or {}
        changes = []
        for name in AUDITED_FIELDS[entity]:
            if name not in after:
                continue
            if event.action == "create" and (name in NOT_SHOWN_ON_CREATE or not after[name]):
                continue
            changes.append(
                (
                    _field_label(name),
                    _display(entity, name, before.get(name)),
                    _display(entity, name, after[name]),
                )
            )
        out.append(AuditRow(event.at, who, event.action, changes))
    return out
