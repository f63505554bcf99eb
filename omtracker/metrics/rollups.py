"""Per-programme, per-month roll-ups behind the programme, building-block and theme numbers.

Built with three statements on a cache miss (see cache.py for invalidation); every wider
scope is then a sum over the programme's engagements in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.metrics import cache
from omtracker.metrics.rules import Attainment, Movement
from omtracker.metrics.scope import Scope, active_engagements
from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    JournalEntry,
    Opgave,
    Theme,
)
from omtracker.models.enums import Tier

KEY_ATTRIBUTE = {
    "building_block": "building_block",
    "theme": "theme_id",
    "opgave": "opgave_id",
    "engagement": "engagement_id",
}


@dataclass(frozen=True)
class EngagementRow:
    engagement_id: int
    opgave_id: int
    theme_id: int
    building_block: BuildingBlock
    status: str  # the state valid in the roll-up's month
    schedule_from: str
    frequency: int

    @property
    def schedule(self) -> tuple[str, str, int]:
        return (self.status, self.schedule_from, self.frequency)

    def key(self, by: str) -> Any:
        return getattr(self, KEY_ATTRIBUTE[by])

    def in_scope(self, scope: Scope) -> bool:
        return (
            (scope.building_block is None or self.building_block == scope.building_block)
            and (scope.theme_id is None or self.theme_id == scope.theme_id)
            and (scope.opgave_id is None or self.opgave_id == scope.opgave_id)
            and (scope.engagement_id is None or self.engagement_id == scope.engagement_id)
        )


@dataclass(frozen=True)
class MonthRollup:
    engagements: tuple[EngagementRow, ...]
    tiers: dict[int, dict[Tier, Attainment]] = field(default_factory=dict)
    written: frozenset[int] = frozenset()
    unchanged: frozenset[int] = frozenset()

    def rows(self, scope: Scope) -> list[EngagementRow]:
        return [row for row in self.engagements if row.in_scope(scope)]

    def attainment(self, scope: Scope, by: str) -> dict[Any, dict[Tier, Attainment]]:
        """Pooled per group: plain integer sums, Attainment objects made once per group."""
        attribute = KEY_ATTRIBUTE[by]
        sums: dict[Any, dict[Tier, list[int]]] = {}
        for row in self.rows(scope):
            per_tier = self.tiers.get(row.engagement_id)
            if not per_tier:
                continue
            group = sums.setdefault(getattr(row, attribute), {})
            for tier, value in per_tier.items():
                slot = group.setdefault(tier, [0, 0])
                slot[0] += value.reached
                slot[1] += value.total
        return {
            key: {tier: Attainment(r, t) for tier, (r, t) in group.items()}
            for key, group in sums.items()
        }


def uses_rollup(scope: Scope) -> bool:
    """Narrow scopes (one opgave or engagement) are cheaper straight from SQL."""
    return scope.opgave_id is None and scope.engagement_id is None


def month_rollup(programme_id: int, period: str) -> MonthRollup:
    """Two statements: the engagements counting in the month under the state valid then (with
    whether the month's journal records an observation), and reached/total markers per
    engagement and tier."""
    from omtracker.metrics.levels import attainment_by_sql

    def compute() -> MonthRollup:
        # NULL: no journal recording an observation; else its "geen verandering gezien" flag.
        entry_flag = (
            select(JournalEntry.no_change_seen)
            .where(
                JournalEntry.engagement_id == Engagement.id,
                JournalEntry.period == period,
                JournalEntry.observed.is_(True),
            )
            .correlate(Engagement)
            .scalar_subquery()
        )
        stmt = active_engagements(
            select(
                Engagement.id,
                Opgave.id,
                Theme.id,
                Theme.building_block,
                EngagementState.status,
                EngagementState.schedule_from,
                EngagementState.monitoring_frequency_months,
                entry_flag,
            ),
            Scope(programme_id),
            period,
        ).order_by(Engagement.id)
        rows = db.session.execute(stmt).all()
        return MonthRollup(
            engagements=tuple(EngagementRow(*row[:7]) for row in rows),
            tiers=attainment_by_sql(Scope(programme_id), period, "engagement"),
            written=frozenset(row[0] for row in rows if row[7] is not None),
            unchanged=frozenset(row[0] for row in rows if row[7]),
        )

    return cache.cached(("month", programme_id, period), compute, programme_id, period)


def movement_rollup(programme_id: int, from_period: str, to_period: str) -> dict[int, Movement]:
    from omtracker.metrics.levels import level_changes

    def compute() -> dict[int, Movement]:
        levels, counts = level_changes(
            [Engagement.id.label("engagement_id")], Scope(programme_id), from_period, to_period
        )
        stmt = select(levels.c.engagement_id, *counts).group_by(levels.c.engagement_id)
        return {
            eid: Movement(int(up or 0), int(down or 0), int(same or 0))
            for eid, up, down, same in db.session.execute(stmt)
        }

    return cache.cached(
        ("movement", programme_id, from_period, to_period), compute, programme_id, to_period
    )
