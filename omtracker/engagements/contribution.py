"""Month by month for one engagement: what the theme group did (strategy journal), what changed
(outcome journal) and how it worked as an organisation (performance journal), side by side.

The raw material of a contribution story (Outcome Mapping steps 9–11). Three queries, one per
journal, over a window of months; no per-row queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    HarvestedOutcome,
    JournalEntry,
    PerformanceJournalEntry,
    PracticeNote,
    Strategy,
    StrategyJournalEntry,
)
from omtracker.models.outcome_mapping import harvested_outcome_markers, strategy_markers
from omtracker.periods import add_months


@dataclass
class StrategyUse:
    strategy_id: int
    title: str
    type: str
    for_partner: bool  # aimed at this partner, not the whole opgave
    activities: str


@dataclass
class PerformanceNote:
    theme_level: bool
    rated: int
    practices_noted: int


@dataclass
class MonthRow:
    period: str
    outcome_entry_id: int | None = None
    change: str = ""
    unanticipated: str = ""
    strategies: list[StrategyUse] = field(default_factory=list)
    performance: list[PerformanceNote] = field(default_factory=list)


def month_by_month(
    engagement: Engagement,
    until: str,
    months: int = 12,
    entries: list[JournalEntry] | None = None,
) -> list[MonthRow]:
    """The months (newest first, within `months` up to `until`) in which any journal was written.

    `entries`: the engagement's journal entries when the caller already loaded them (the
    engagement page does), which saves reading them again."""
    start = add_months(until, -(months - 1))
    rows: dict[str, MonthRow] = {}

    def row(period: str) -> MonthRow:
        return rows.setdefault(period, MonthRow(period))

    if entries is None:
        found = db.session.execute(
            select(
                JournalEntry.id,
                JournalEntry.period,
                JournalEntry.change_description,
                JournalEntry.unanticipated_change,
            ).where(
                JournalEntry.engagement_id == engagement.id,
                JournalEntry.period.between(start, until),
            )
        )
    else:
        found = [
            (e.id, e.period, e.change_description, e.unanticipated_change)
            for e in entries
            if start <= e.period <= until
        ]
    for entry_id, period, change, unanticipated in found:
        r = row(period)
        r.outcome_entry_id, r.change, r.unanticipated = entry_id, change, unanticipated

    for strategy_id, title, type_, for_id, period, activities in db.session.execute(
        select(
            Strategy.id,
            Strategy.title,
            Strategy.type,
            Strategy.engagement_id,
            StrategyJournalEntry.period,
            StrategyJournalEntry.activities,
        )
        .join(StrategyJournalEntry, StrategyJournalEntry.strategy_id == Strategy.id)
        .where(
            Strategy.opgave_id == engagement.opgave_id,
            or_(Strategy.engagement_id == engagement.id, Strategy.engagement_id.is_(None)),
            StrategyJournalEntry.period.between(start, until),
        )
        .order_by(Strategy.engagement_id.is_(None), Strategy.title)
    ):
        row(period).strategies.append(
            StrategyUse(strategy_id, title, type_.value, for_id is not None, activities)
        )

    theme = engagement.opgave.theme
    for theme_id, period, rated, noted in db.session.execute(
        select(
            PerformanceJournalEntry.theme_id,
            PerformanceJournalEntry.period,
            func.count(PracticeNote.rating),
            func.count(PracticeNote.id),
        )
        .join(PracticeNote, PracticeNote.entry_id == PerformanceJournalEntry.id)
        .where(
            PerformanceJournalEntry.programme_id == theme.programme_id,
            or_(
                PerformanceJournalEntry.theme_id == theme.id,
                PerformanceJournalEntry.theme_id.is_(None),
            ),
            PerformanceJournalEntry.period.between(start, until),
        )
        .group_by(PerformanceJournalEntry.id, PerformanceJournalEntry.theme_id)
    ):
        row(period).performance.append(PerformanceNote(theme_id is not None, rated, noted))

    return [rows[p] for p in sorted(rows, reverse=True)]


@dataclass
class MarkerLinks:
    """What points at one marker: strategies aimed at it and harvested outcomes about it."""

    strategies: list[tuple[int, str, str]]  # id, title, type
    outcomes: list[tuple[int, str, str]]  # id, period, change


def marker_links(marker_id: int) -> MarkerLinks:
    strategies = db.session.execute(
        select(Strategy.id, Strategy.title, Strategy.type)
        .join(strategy_markers, strategy_markers.c.strategy_id == Strategy.id)
        .where(strategy_markers.c.marker_id == marker_id, Strategy.archived.is_(False))
        .order_by(Strategy.type, Strategy.title)
    ).all()
    outcomes = db.session.execute(
        select(HarvestedOutcome.id, HarvestedOutcome.period, HarvestedOutcome.change)
        .join(
            harvested_outcome_markers,
            harvested_outcome_markers.c.outcome_id == HarvestedOutcome.id,
        )
        .where(
            harvested_outcome_markers.c.marker_id == marker_id,
            HarvestedOutcome.archived.is_(False),
        )
        .order_by(HarvestedOutcome.period.desc())
    ).all()
    return MarkerLinks(
        [(i, title, type_.value) for i, title, type_ in strategies],
        [(i, period, change) for i, period, change in outcomes],
    )
