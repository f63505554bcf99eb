"""Every count behind the national figures, per programme and theme, in one grouped statement.

Per programme and theme for a month: engagements counting then (under the state valid in that
month), reached and total markers per tier, engagements per stage (rule 4, decided in SQL from
each engagement's tier sums), journals written and due (rule 5, the due rule in SQL month
arithmetic), and markers that rose, fell or stayed since the month before (rule 6). The
statement takes any number of programmes; its cost per programme is that of one programme's
own roll-up.

Each programme's counts are cached under its own generation (metrics.cache tokens, read for
all listed programmes in one statement): a journal saved in one programme recomputes that
programme's counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select

from omtracker.extensions import db
from omtracker.metrics.cache import history_boundary
from omtracker.metrics.levels import counting_in, level_as_of
from omtracker.metrics.rules import REACHED_LEVEL
from omtracker.metrics.scope import COUNTING, state_holds
from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    JournalEntry,
    MetricsGeneration,
    Opgave,
    ProgressMarker,
    Theme,
)
from omtracker.models.enums import TIER_ORDER, Tier
from omtracker.national import stored
from omtracker.periods import add_months, current_period, parse_period

STAGES = ("not_started", "expect", "like", "love")


@dataclass(frozen=True)
class ThemeRow:
    programme_id: int
    theme_id: int
    building_block: BuildingBlock
    engagements: int
    tiers: dict[Tier, tuple[int, int]]
    stages: dict[str, int]
    coverage: tuple[int, int, int]  # written, due, unchanged
    movement: tuple[int, int, int]  # up, down, same


def _month_number(column: Any) -> Any:
    """SQL: a 'YYYY-MM' column as year * 12 + month (SQLite and PostgreSQL alike)."""
    return cast(func.substr(column, 1, 4), Integer) * 12 + cast(func.substr(column, 6, 2), Integer)


def _per_engagement_markers(programme_ids: list[int], period: str, previous: str) -> Any:
    """Subquery per engagement of the listed programmes: total and reached markers per tier
    counting in `period`, and markers that rose, fell or stayed since `previous` (rule 6)."""
    now, before = level_as_of(period), level_as_of(previous)
    levels = (
        select(
            ProgressMarker.engagement_id.label("engagement_id"),
            ProgressMarker.tier.label("tier"),
            now.label("now"),
            before.label("before"),
        )
        .join(Engagement, Engagement.id == ProgressMarker.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id.in_(programme_ids), counting_in(period))
        .subquery("levels")
    )
    columns = []
    for tier in TIER_ORDER:
        is_tier = levels.c.tier == tier
        columns.append(func.sum(case((is_tier, 1), else_=0)).label(f"{tier.value}_total"))
        reached = and_(is_tier, levels.c.now >= int(REACHED_LEVEL))
        columns.append(func.sum(case((reached, 1), else_=0)).label(f"{tier.value}_reached"))
    columns += [
        func.sum(case((levels.c.now > levels.c.before, 1), else_=0)).label("up"),
        func.sum(case((levels.c.now < levels.c.before, 1), else_=0)).label("down"),
        func.sum(case((levels.c.now == levels.c.before, 1), else_=0)).label("same"),
    ]
    return (
        select(levels.c.engagement_id, *columns)
        .group_by(levels.c.engagement_id)
        .subquery("per_engagement")
    )


def _stage(marks: Any) -> Any:
    """SQL: rule 4 per engagement from its per-tier sums (a tier without markers neither
    blocks nor earns a stage)."""
    total = {t: func.coalesce(getattr(marks.c, f"{t.value}_total"), 0) for t in TIER_ORDER}
    hits = {t: func.coalesce(getattr(marks.c, f"{t.value}_reached"), 0) for t in TIER_ORDER}
    attained = {t: and_(total[t] > 0, 2 * hits[t] >= total[t]) for t in TIER_ORDER}
    passes = {t: or_(total[t] == 0, 2 * hits[t] >= total[t]) for t in TIER_ORDER}
    expect, like, love = TIER_ORDER
    return case(
        (and_(attained[love], passes[like], passes[expect]), "love"),
        (and_(attained[like], passes[expect]), "like"),
        (attained[expect], "expect"),
        else_="not_started",
    )


def theme_rows(programme_ids: list[int], period: str) -> list[ThemeRow]:
    """One statement: per programme and theme, every count behind the figures of `period`,
    under the engagement state valid in that month (DESIGN.md §3a)."""
    previous = add_months(period, -1)
    marks = _per_engagement_markers(programme_ids, period, previous)
    entry_flag = (
        select(func.max(case((JournalEntry.no_change_seen.is_(True), 1), else_=0)))
        .where(
            JournalEntry.engagement_id == Engagement.id,
            JournalEntry.period == period,
            JournalEntry.observed.is_(True),
        )
        .correlate(Engagement)
        .scalar_subquery()
    )
    year, month = parse_period(period)
    frequency = case(
        (EngagementState.monitoring_frequency_months < 1, 1),
        else_=EngagementState.monitoring_frequency_months,
    )
    due = and_(
        EngagementState.status == "active",
        EngagementState.schedule_from <= period,
        (literal(year * 12 + month) - _month_number(EngagementState.schedule_from)) % frequency
        == 0,
    )
    stage = _stage(marks)
    columns = [
        Theme.programme_id,
        Theme.id,
        Theme.building_block,
        func.count(Engagement.id),
    ]
    for tier in TIER_ORDER:
        for what in ("reached", "total"):
            column = getattr(marks.c, f"{tier.value}_{what}")
            columns.append(func.coalesce(func.sum(column), 0))
    columns += [func.sum(case((stage == name, 1), else_=0)) for name in STAGES]
    columns += [
        func.sum(case((and_(due, entry_flag.is_not(None)), 1), else_=0)),
        func.sum(case((due, 1), else_=0)),
        func.sum(case((and_(due, entry_flag == 1), 1), else_=0)),
        func.coalesce(func.sum(marks.c.up), 0),
        func.coalesce(func.sum(marks.c.down), 0),
        func.coalesce(func.sum(marks.c.same), 0),
    ]
    stmt = (
        select(*columns)
        .select_from(Engagement)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .join(EngagementState, state_holds(period))
        .outerjoin(marks, marks.c.engagement_id == Engagement.id)
        .where(
            Theme.programme_id.in_(programme_ids),
            EngagementState.status.in_(COUNTING),
            EngagementState.hidden.is_(False),
        )
        .group_by(Theme.programme_id, Theme.id, Theme.building_block)
    )
    out = []
    for row in db.session.execute(stmt):
        values = [int(v or 0) for v in row[3:]]
        tiers = {tier: (values[1 + 2 * i], values[2 + 2 * i]) for i, tier in enumerate(TIER_ORDER)}
        stages = dict(zip(STAGES, values[7:11], strict=True))
        out.append(
            ThemeRow(
                programme_id=row[0],
                theme_id=row[1],
                building_block=BuildingBlock(row[2]),
                engagements=values[0],
                tiers=tiers,
                stages=stages,
                coverage=(values[11], values[12], values[13]),
                movement=(values[14], values[15], values[16]),
            )
        )
    return out


# -- cache: each programme's counts, keyed on its own generation -------------------------


def _versions(programme_ids: list[int], period: str) -> dict[int, tuple]:
    """One statement: each programme's data version for `period`. A month before the recent
    ones depends on the history token only (and on this month, as in metrics.cache)."""
    historic = period < history_boundary()
    column = MetricsGeneration.history_token if historic else MetricsGeneration.token
    stmt = select(MetricsGeneration.id, column).where(MetricsGeneration.id.in_(programme_ids))
    tokens = dict(db.session.execute(stmt).all())
    extra = ("history", current_period()) if historic else ("all",)
    return {pid: (tokens.get(pid, "none"), *extra) for pid in programme_ids}


def encode(row: ThemeRow) -> list:
    """A row as JSON for the stored copy (omtracker.national.stored)."""
    return [
        row.programme_id,
        row.theme_id,
        row.building_block.value,
        row.engagements,
        {tier.value: list(pair) for tier, pair in row.tiers.items()},
        row.stages,
        list(row.coverage),
        list(row.movement),
    ]


def decode(value: list) -> ThemeRow:
    pid, theme_id, block, engagements, tiers, stages, coverage, movement = value
    return ThemeRow(
        programme_id=pid,
        theme_id=theme_id,
        building_block=BuildingBlock(block),
        engagements=engagements,
        tiers={Tier(tier): (pair[0], pair[1]) for tier, pair in tiers.items()},
        stages=dict(stages),
        coverage=tuple(coverage),
        movement=tuple(movement),
    )


KIND = "month"


def cached_theme_rows(programme_ids: list[int], period: str) -> list[ThemeRow]:
    """The counts of every listed programme: cached or stored ones as they are, the others
    (changed since, or never asked) from one grouped statement over just those programmes."""
    found = stored.rows_per_programme(
        KIND,
        period,
        _versions(programme_ids, period),
        lambda missing: theme_rows(missing, period),
        decode,
    )
    return [row for pid in programme_ids for row in found[pid]]


def store_theme_rows(programme_ids: list[int], period: str) -> int:
    """Keep the listed programmes' counts for `period` in the database (flask national-warm)."""
    versions = _versions(programme_ids, period)
    found = stored.rows_per_programme(
        KIND, period, versions, lambda missing: theme_rows(missing, period), decode
    )
    return stored.store(KIND, period, versions, found, encode)


def clear_cache() -> None:
    stored.clear()
