"""Marker levels, tier attainment, stages and movement (DESIGN.md §3 rules 1–4 and 6) in SQL.

Each function runs one or two statements whatever the size of the scope: the latest rating of
every marker up to a month is picked with a window function, then pooled with GROUP BY.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from omtracker.extensions import db
from omtracker.metrics import rollups
from omtracker.metrics.rules import REACHED_LEVEL, Attainment, Movement, stage_of
from omtracker.metrics.scope import Scope, active_engagements, group_column
from omtracker.models import Engagement, JournalEntry, MarkerRating, ProgressMarker, Tier


def level_as_of(period: str) -> Any:
    """Correlated scalar: the marker's level in its latest rating up to `period` (NULL if none).

    One seek on ix_marker_ratings_marker_period per marker, whatever the length of its history.
    """
    return (
        select(MarkerRating.level)
        .where(MarkerRating.marker_id == ProgressMarker.id, MarkerRating.period <= period)
        .order_by(MarkerRating.period.desc())
        .limit(1)
        .correlate(ProgressMarker)
        .scalar_subquery()
    )


def latest_levels(scope: Scope, period: str) -> Any:
    """Subquery (marker_id, level): each scoped marker's level in its latest rating up to
    `period`; markers never rated have level 0."""
    stmt = markers_in_scope(
        [
            ProgressMarker.id.label("marker_id"),
            func.coalesce(level_as_of(period), 0).label("level"),
        ],
        scope,
        period,
    )
    return stmt.subquery(f"latest_{period.replace('-', '_')}")


def counting_in(period: str) -> Any:
    """SQL condition: the marker counts in `period` (started, not yet retired)."""
    return and_(
        ProgressMarker.first_period <= period,
        or_(ProgressMarker.retired_period.is_(None), ProgressMarker.retired_period >= period),
    )


def markers_in_scope(
    columns: list[Any], scope: Scope, period: str, until: str | None = None
) -> Any:
    """The markers of the engagements counting in `period` (or in some month up to `until`,
    see `active_engagements`)."""
    stmt = (
        select(*columns)
        .select_from(ProgressMarker)
        .join(Engagement, Engagement.id == ProgressMarker.engagement_id)
    )
    return active_engagements(stmt, scope, period, until)


def current_levels(scope: Scope, period: str) -> dict[int, int | None]:
    """Rule 1: marker id → current level (None: not yet rated) for markers counting in
    `period`."""
    stmt = markers_in_scope([ProgressMarker.id, level_as_of(period)], scope, period).where(
        counting_in(period)
    )
    return {marker_id: level for marker_id, level in db.session.execute(stmt)}


def attainment_by_sql(scope: Scope, period: str, by: str) -> dict[Any, dict[Tier, Attainment]]:
    """Rule 3 per group straight from SQL: reached ÷ counting markers per tier, pooled."""
    key = group_column(by)
    reached = func.sum(case((level_as_of(period) >= int(REACHED_LEVEL), 1), else_=0))
    stmt = (
        markers_in_scope(
            [key, ProgressMarker.tier, func.count(ProgressMarker.id), reached], scope, period
        )
        .where(counting_in(period))
        .group_by(key, ProgressMarker.tier)
    )
    out: dict[Any, dict[Tier, Attainment]] = defaultdict(dict)
    for group, tier, total, hits in db.session.execute(stmt):
        out[group][Tier(tier)] = Attainment(int(hits or 0), int(total))
    return dict(out)


def attainment_by(scope: Scope, period: str, by: str) -> dict[Any, dict[Tier, Attainment]]:
    """Rule 3 per group: reached ÷ counting markers per tier, pooled within each group."""
    group_column(by)  # validates `by`
    if not rollups.uses_rollup(scope):
        return attainment_by_sql(scope, period, by)
    return rollups.month_rollup(scope.programme_id, period).attainment(scope, by)


def tier_attainment(scope: Scope, period: str) -> dict[Tier, Attainment]:
    """Rule 3 for the whole scope: one Attainment per tier (zero totals included)."""
    if rollups.uses_rollup(scope):
        pooled = rollups.month_rollup(scope.programme_id, period).attainment(scope, "engagement")
        sums = {tier: [0, 0] for tier in Tier}
        for per_tier in pooled.values():
            for tier, value in per_tier.items():
                sums[tier][0] += value.reached
                sums[tier][1] += value.total
        return {tier: Attainment(r, t) for tier, (r, t) in sums.items()}
    result = {tier: Attainment() for tier in Tier}
    for per_tier in attainment_by_sql(scope, period, "engagement").values():
        for tier, value in per_tier.items():
            result[tier] = result[tier] + value
    return result


def stages(scope: Scope, period: str) -> dict[int, str]:
    """Rule 4 per active engagement in the scope; engagements without markers: not started."""
    per_engagement = attainment_by(scope, period, "engagement")
    if rollups.uses_rollup(scope):
        ids = [
            row.engagement_id
            for row in rollups.month_rollup(scope.programme_id, period).rows(scope)
        ]
    else:
        ids = list(db.session.scalars(active_engagements(select(Engagement.id), scope, period)))
    return {eid: stage_of(per_engagement.get(eid, {})) for eid in ids}


def stage_distribution(stage_by_engagement: dict[int, str]) -> dict[str, int]:
    counts = {"not_started": 0, "expect": 0, "like": 0, "love": 0}
    for stage in stage_by_engagement.values():
        counts[stage] += 1
    return counts


def level_changes(
    columns: list[Any], scope: Scope, from_period: str, to_period: str
) -> tuple[Any, list[Any]]:
    """Rule 6's pieces: the markers counting in `to_period` with `columns` and their level in
    both months (subquery "levels"), and the sums of those that rose, fell and stayed. A marker
    not yet rated in one of the months has a NULL level there and lands in none of the sums."""
    levels = (
        markers_in_scope(
            [
                *columns,
                level_as_of(from_period).label("old"),
                level_as_of(to_period).label("new"),
            ],
            scope,
            to_period,
        )
        .where(counting_in(to_period))
        # OFFSET 0 keeps the subquery whole: flattened into the sums below, each level lookup
        # ran once per CASE that reads it (six index seeks per marker on PostgreSQL, not two).
        .offset(0)
        .subquery("levels")
    )
    counts = [
        func.sum(case((levels.c.new > levels.c.old, 1), else_=0)),
        func.sum(case((levels.c.new < levels.c.old, 1), else_=0)),
        func.sum(case((levels.c.new == levels.c.old, 1), else_=0)),
    ]
    return levels, counts


def movement(scope: Scope, from_period: str, to_period: str) -> Movement:
    """Rule 6: markers counting in `to_period` whose current level rose, fell or stayed."""
    if rollups.uses_rollup(scope):
        per_engagement = rollups.movement_rollup(scope.programme_id, from_period, to_period)
        wanted = {
            row.engagement_id
            for row in rollups.month_rollup(scope.programme_id, to_period).rows(scope)
        }
        total = Movement()
        for eid, value in per_engagement.items():
            if eid in wanted:
                total = Movement(
                    total.up + value.up, total.down + value.down, total.same + value.same
                )
        return total
    _levels, counts = level_changes([], scope, from_period, to_period)
    up, down, same = db.session.execute(select(*counts)).one()
    return Movement(int(up or 0), int(down or 0), int(same or 0))


def marker_history(engagement_id: int) -> dict[int, list[tuple[str, int]]]:
    """Every rating of the engagement's markers, per marker in month order."""
    stmt = (
        select(MarkerRating.marker_id, JournalEntry.period, MarkerRating.level)
        .join(JournalEntry, JournalEntry.id == MarkerRating.entry_id)
        .where(JournalEntry.engagement_id == engagement_id)
        .order_by(MarkerRating.marker_id, JournalEntry.period)
    )
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for marker_id, period, level in db.session.execute(stmt):
        history[marker_id].append((period, level))
    return dict(history)
