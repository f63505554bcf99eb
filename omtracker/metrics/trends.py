"""The same numbers for a run of months, or grouped, in one statement each — for the dashboard.

A 24-month chart built from `attainment_by` would cost 24 queries; these functions answer every
month of a window at once and give exactly the numbers the single-month functions give (the
tests compare them month by month). They reuse this package's rules and scope filters: the
database returns small grouped rows, and the rules themselves (`marker_counts_in`, `is_due`,
`stage_of`) decide per month in Python, so no rule is written twice.

How the attainment trend works: every rating holds from its month until the marker's next
rating (LEAD over the marker's ratings); a marker is reached in month m when the rating holding
in m is medium or high (rules 1–2) and the marker counts in m (rule 3).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    String,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)

from omtracker.extensions import db
from omtracker.metrics import cache, rollups
from omtracker.metrics.levels import (
    attainment_by,
    level_changes,
    markers_in_scope,
)
from omtracker.metrics.rules import (
    REACHED_LEVEL,
    Attainment,
    Coverage,
    Movement,
    due_under,
    marker_counts_in,
    stage_of,
)
from omtracker.metrics.scope import Scope, active_engagements, group_column
from omtracker.models import (
    Engagement,
    EngagementState,
    JournalEntry,
    MarkerRating,
    ProgressMarker,
    Tier,
)
from omtracker.periods import add_months, period_range

STAGES = ("not_started", "expect", "like", "love")


def _kind(name: str) -> Any:
    """A constant first column telling apart the parts of a UNION ALL."""
    return literal_column(f"'{name}'", String).label("kind")


def _nothing() -> Any:
    return null().cast(String)


def _rating_spans(scope: Scope, start: str, end: str, key: Any) -> Any:
    """Subquery of the ratings that hold in the window: per marker of the scope, the level it
    carried in (dated the month before `start`) and its ratings inside the window, each with
    the marker's group, tier, first and last month, the months it holds (from its own month
    until the marker's next rating; rated_until NULL: to the end of the window) and the months
    of each state row of its engagement that lets it count (state_from/state_until)."""
    # The scope's markers with each state row of their engagement that lets them count in the
    # window, as a subquery of their own (OFFSET 0 keeps it whole: joined in one piece,
    # PostgreSQL would rather scan every programme's markers in parallel workers).
    markers = (
        markers_in_scope(
            [
                ProgressMarker.id.label("marker_id"),
                key.label("grp"),
                ProgressMarker.tier,
                ProgressMarker.first_period,
                ProgressMarker.retired_period,
                *_state_months(),
            ],
            scope,
            start,
            end,
        )
        .offset(0)
        .subquery("scoped_markers")
    )
    # Each marker copy's ratings: the level it carried into the window (its latest rating
    # before `start`, one index seek; NULL if none, which never counts as reached), dated the
    # month before the window, then its ratings inside the window.
    before = add_months(start, -1)
    carried_level = (
        select(MarkerRating.level)
        .where(MarkerRating.marker_id == markers.c.marker_id, MarkerRating.period <= before)
        .order_by(MarkerRating.period.desc())
        .limit(1)
        .scalar_subquery()
    )
    copy = [
        markers.c.marker_id,
        markers.c.grp,
        markers.c.tier,
        markers.c.first_period,
        markers.c.retired_period,
        markers.c.state_from,
        markers.c.state_until,
    ]
    carried = select(
        *copy, carried_level.label("level"), cast(literal(before), String).label("period")
    ).select_from(markers)
    inside = (
        select(*copy, MarkerRating.level, MarkerRating.period)
        .select_from(markers)
        .join(MarkerRating, MarkerRating.marker_id == markers.c.marker_id)
        .where(MarkerRating.period >= start, MarkerRating.period <= end)
    )
    rows = union_all(carried, inside).subquery("marker_ratings_in_window")
    # Each copy of a marker (one per state row) holds all its ratings, so the next rating
    # within the copy is the marker's next rating: a rating's span is its own.
    until = (
        func.lead(rows.c.period)
        .over(partition_by=[rows.c.marker_id, rows.c.state_from], order_by=rows.c.period)
        .label("rated_until")
    )
    return select(
        rows.c.grp,
        rows.c.tier,
        rows.c.first_period,
        rows.c.retired_period,
        rows.c.level,
        rows.c.period.label("rated_from"),
        until,
        rows.c.state_from,
        rows.c.state_until,
    ).subquery("rating_spans")


def _state_months() -> list[Any]:
    return [
        EngagementState.valid_from.label("state_from"),
        EngagementState.valid_until.label("state_until"),
    ]


def _holds(month: str, state_from: str, state_until: str | None) -> bool:
    return state_from <= month and (state_until is None or month < state_until)


def _cached(scope: Scope, key: tuple, compute: Callable[[], Any], period: str | None = None) -> Any:
    """Programme-wide answers go through the roll-up cache (see cache.py): read-only results."""
    if rollups.uses_rollup(scope):
        return cache.cached(key, compute, scope.programme_id, period)
    return compute()


def _by_window(
    scope: Scope,
    name: str,
    start: str,
    end: str,
    by: str,
    compute: Callable[[Scope, str, str, str], dict],
) -> dict:
    """A window of months as two cached parts: the history (kept across this month's journal
    saves, see cache.py) and the recent months. Months are independent, so the parts merge."""
    if not rollups.uses_rollup(scope):
        return compute(scope, start, end, by)
    boundary = cache.history_boundary()
    parts = []
    if start < boundary:
        old_end = min(end, add_months(boundary, -1))
        parts.append(
            _cached(
                scope,
                (name, scope, start, old_end, by),
                lambda: compute(scope, start, old_end, by),
                old_end,
            )
        )
    if end >= boundary:
        new_start = max(start, boundary)
        parts.append(
            _cached(
                scope,
                (name, scope, new_start, end, by),
                lambda: compute(scope, new_start, end, by),
                end,
            )
        )
    merged: dict = {}
    for part in parts:
        for group, months in part.items():
            merged.setdefault(group, {}).update(months)
    return merged


def attainment_trend(
    scope: Scope, start: str, end: str, by: str
) -> dict[Any, dict[str, dict[Tier, Attainment]]]:
    """Rule 3 for every month from `start` to `end`: group → month → tier → Attainment.

    Months in which a group has no counting markers are left out, as `attainment_by` leaves
    them out. The result is shared through the cache: read it, do not change it.
    """
    group_column(by)  # validates `by`
    return _by_window(scope, "attainment_trend", start, end, by, _attainment_trend)


def _attainment_trend(
    scope: Scope, start: str, end: str, by: str
) -> dict[Any, dict[str, dict[Tier, Attainment]]]:
    """Two parts in one UNION ALL: the markers counting somewhere in the window (totals); and
    the ratings that hold in it (`_rating_spans`): the level each marker carried into the
    window (its latest rating before `start`, one index seek), holding until its first rating
    inside, and the ratings inside the window.
    """
    key = group_column(by)
    in_window = [
        ProgressMarker.first_period <= end,
        or_(ProgressMarker.retired_period.is_(None), ProgressMarker.retired_period >= start),
    ]
    shape = [
        key,
        ProgressMarker.tier,
        ProgressMarker.first_period,
        ProgressMarker.retired_period,
        *_state_months(),
    ]
    counting = (
        markers_in_scope(
            [_kind("total"), *shape, _nothing(), _nothing(), func.count()], scope, start, end
        )
        .where(*in_window)
        .group_by(*shape)
    )
    spans = _rating_spans(scope, start, end, key)
    spans_shape = [
        spans.c.grp,
        spans.c.tier,
        spans.c.first_period,
        spans.c.retired_period,
        spans.c.state_from,
        spans.c.state_until,
        spans.c.rated_from,
        spans.c.rated_until,
    ]
    rated = (
        select(_kind("reached"), *spans_shape, func.count())
        .where(spans.c.level >= int(REACHED_LEVEL))
        .group_by(*spans_shape)
    )
    months = period_range(start, end)
    totals: dict[tuple[Any, str, Tier], int] = defaultdict(int)
    hits: dict[tuple[Any, str, Tier], int] = defaultdict(int)
    statement = union_all(counting, rated)
    for row in db.session.execute(statement):
        kind, group, tier, first, retired, state_from, state_until = row[:7]
        rated_from, rated_until, count = row[7:]
        if kind == "total":
            held, counter = months, totals
        else:  # only the months this rating holds: from its month (or the window's first,
            # for the level carried in) until the next rating
            stop = len(months) if rated_until is None else bisect_left(months, rated_until)
            held, counter = months[bisect_left(months, rated_from) : stop], hits
        for month in held:
            if marker_counts_in(first, retired, month) and _holds(month, state_from, state_until):
                counter[group, month, Tier(tier)] += count
    out: dict[Any, dict[str, dict[Tier, Attainment]]] = {}
    for (group, month, tier), total in totals.items():
        per_month = out.setdefault(group, {}).setdefault(month, {})
        per_month[tier] = Attainment(hits.get((group, month, tier), 0), total)
    return out


def coverage_trend(scope: Scope, start: str, end: str, by: str) -> dict[Any, dict[str, Coverage]]:
    """Rule 5 for every month from `start` to `end`: group → month → Coverage.

    Months in which nothing in a group was due are left out, as `coverage_by` does. Shared
    through the cache: read it, do not change it.
    """
    group_column(by)
    return _by_window(scope, "coverage_trend", start, end, by, _coverage_trend)


def _due_under_state(state: tuple, month: str) -> bool:
    state_from, state_until, status, schedule_from, frequency = state
    return _holds(month, state_from, state_until) and due_under(
        status, schedule_from, frequency, month
    )


def _coverage_trend(scope: Scope, start: str, end: str, by: str) -> dict[Any, dict[str, Coverage]]:
    key = group_column(by)
    shape = [
        key,
        *_state_months(),
        EngagementState.status,
        EngagementState.schedule_from,
        EngagementState.monitoring_frequency_months,
    ]
    written = active_engagements(
        select(
            _kind("written"),
            *shape,
            JournalEntry.period,
            func.count(),
            func.sum(case((JournalEntry.no_change_seen.is_(True), 1), else_=0)),
        )
        .select_from(JournalEntry)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id),
        scope,
        start,
        end,
    ).where(
        JournalEntry.period >= start,
        JournalEntry.period <= end,
        JournalEntry.observed.is_(True),
    )
    engaged = active_engagements(
        select(_kind("due"), *shape, _nothing(), func.count(), literal(0)).select_from(Engagement),
        scope,
        start,
        end,
    )
    statement = union_all(written.group_by(*shape, JournalEntry.period), engaged.group_by(*shape))
    months = period_range(start, end)
    out: dict[Any, dict[str, Coverage]] = defaultdict(dict)
    for row in db.session.execute(statement):
        kind, group, state_from, state_until, status, schedule_from, frequency = row[:7]
        month, count, unchanged = row[7:]
        state = (state_from, state_until, status, schedule_from, frequency)
        if kind == "written":
            if _due_under_state(state, month):
                out[group][month] = out[group].get(month, Coverage()) + Coverage(
                    count, 0, int(unchanged or 0)
                )
            continue
        for month in months:
            if _due_under_state(state, month):
                out[group][month] = out[group].get(month, Coverage()) + Coverage(0, count)
    return dict(out)


def movement_by(scope: Scope, from_period: str, to_period: str, by: str) -> dict[Any, Movement]:
    """Rule 6 per group: markers counting in `to_period` whose level rose, fell or stayed."""
    group_column(by)
    key = ("movement_by", scope, from_period, to_period, by)
    return _cached(scope, key, lambda: _movement_by(scope, from_period, to_period, by), to_period)


def _movement_by(scope: Scope, from_period: str, to_period: str, by: str) -> dict[Any, Movement]:
    levels, counts = level_changes([group_column(by).label("grp")], scope, from_period, to_period)
    stmt = select(levels.c.grp, *counts).group_by(levels.c.grp)
    return {
        group: Movement(int(up or 0), int(down or 0), int(same or 0))
        for group, up, down, same in db.session.execute(stmt)
    }


def stage_counts_by(scope: Scope, period: str, by: str) -> dict[Any, dict[str, int]]:
    """Rule 4 counted per group: how many active engagements are at each stage."""
    key = group_column(by)
    per_engagement = attainment_by(scope, period, "engagement")
    if rollups.uses_rollup(scope):
        rollup = rollups.month_rollup(scope.programme_id, period)
        pairs = [(row.engagement_id, row.key(by)) for row in rollup.rows(scope)]
    else:
        pairs = db.session.execute(
            active_engagements(select(Engagement.id, key), scope, period)
        ).all()
    out: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    for engagement_id, group in pairs:
        out[group][stage_of(per_engagement.get(engagement_id, {}))] += 1
    return dict(out)
