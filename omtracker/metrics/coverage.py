"""Journal coverage, overdue engagements and dormant partners (DESIGN.md §3 rule 5, §4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select

from omtracker.extensions import db
from omtracker.metrics import rollups
from omtracker.metrics.rules import Coverage, due_under, overdue_since
from omtracker.metrics.scope import Scope, active_engagements, group_column
from omtracker.models import Engagement, EngagementState, JournalEntry, Opgave, Partner, Theme
from omtracker.periods import add_months, first_day, period_of

# The state columns rule 5 needs to decide whether an engagement is due in a month.
SCHEDULE = (
    EngagementState.status,
    EngagementState.schedule_from,
    EngagementState.monitoring_frequency_months,
)


@dataclass(frozen=True)
class OverdueEngagement:
    engagement_id: int
    partner_id: int
    partner_name: str
    opgave_id: int
    opgave_title: str
    theme_id: int
    last_period: str | None
    due_since: date


def coverage_by(scope: Scope, period: str, by: str) -> dict[Any, Coverage]:
    """Rule 5 per group: engagements due in `period` (under the monitoring plan valid in that
    month) and how many of them have a journal for it that records an observation."""
    group_column(by)  # validates `by`
    if rollups.uses_rollup(scope):
        rollup = rollups.month_rollup(scope.programme_id, period)
        rows = [(r.key(by), r.engagement_id, *r.schedule) for r in rollup.rows(scope)]
        written, unchanged = rollup.written, rollup.unchanged
    else:
        key = group_column(by)
        rows = db.session.execute(
            active_engagements(select(key, Engagement.id, *SCHEDULE), scope, period)
        ).all()
        entries = db.session.execute(
            active_engagements(
                select(JournalEntry.engagement_id, JournalEntry.no_change_seen).join(
                    Engagement, Engagement.id == JournalEntry.engagement_id
                ),
                scope,
                period,
            ).where(JournalEntry.period == period, JournalEntry.observed.is_(True))
        ).all()
        written = {eid for eid, _flag in entries}
        unchanged = {eid for eid, flag in entries if flag}
    sums: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    for group, engagement_id, status, schedule_from, frequency in rows:
        if due_under(status, schedule_from, frequency, period):
            sums[group][0] += engagement_id in written
            sums[group][1] += 1
            sums[group][2] += engagement_id in unchanged
    return {group: Coverage(w, d, u) for group, (w, d, u) in sums.items()}


def coverage(scope: Scope, period: str) -> Coverage:
    total = Coverage()
    for value in coverage_by(scope, period, "engagement").values():
        total = total + value
    return total


def last_period_of_engagement(up_to: str) -> Any:
    """Correlated scalar: the engagement's latest journal month up to `up_to` that records an
    observation (NULL if none). One seek on the (engagement_id, period) index per engagement."""
    return (
        select(func.max(JournalEntry.period))
        .where(
            JournalEntry.engagement_id == Engagement.id,
            JournalEntry.period <= up_to,
            JournalEntry.observed.is_(True),
        )
        .correlate(Engagement)
        .scalar_subquery()
    )


def overdue(scope: Scope, today: date) -> list[OverdueEngagement]:
    """Engagements running on `today` (under the state valid in its month) whose next due
    journal (rule 5: the schedule's first due month after the last one) is 14 days late."""
    month = period_of(today)
    stmt = active_engagements(
        select(
            Engagement.id,
            Engagement.partner_id,
            Partner.name,
            Opgave.id,
            Opgave.title,
            Theme.id,
            last_period_of_engagement(month),
            *SCHEDULE,
        ).join(Partner, Partner.id == Engagement.partner_id),
        scope,
        month,
    )
    out = []
    for (
        eid,
        pid,
        pname,
        oid,
        otitle,
        tid,
        last_period,
        status,
        schedule_from,
        frequency,
    ) in db.session.execute(stmt):
        if status != "active":  # paused: nothing is due
            continue
        since = overdue_since(last_period, schedule_from, frequency)
        if today > since:
            out.append(OverdueEngagement(eid, pid, pname, oid, otitle, tid, last_period, since))
    out.sort(key=lambda row: (row.due_since, row.partner_name))
    return out


def partner_last_periods(programme_id: int) -> dict[int, str]:
    """Partner id → month of the latest journal entry on any of its engagements."""
    stmt = (
        select(Engagement.partner_id, func.max(JournalEntry.period))
        .join(JournalEntry, JournalEntry.engagement_id == Engagement.id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(Partner.programme_id == programme_id)
        .group_by(Engagement.partner_id)
    )
    return {pid: period for pid, period in db.session.execute(stmt)}


def dormant_partners(programme_id: int, period: str, months: int = 3) -> set[int]:
    """Partners with an engagement running in `period` (under the state valid then, not
    paused) but no journal entry in the last `months` months.

    A partner whose first active engagement started less than `months` months before `period`
    has not yet had the chance to go quiet and is not dormant. One statement.
    """
    window_start = add_months(period, -(months - 1))
    recent = (
        select(JournalEntry.id)
        .where(
            JournalEntry.engagement_id == Engagement.id,
            JournalEntry.period >= window_start,
            JournalEntry.period <= period,
        )
        .correlate(Engagement)
        .exists()
    )
    stmt = active_engagements(
        select(
            Engagement.partner_id,
            func.min(Engagement.start_date),
            func.max(case((recent, 1), else_=0)),
        ),
        Scope(programme_id),
        period,
    )
    stmt = stmt.where(EngagementState.status == "active").group_by(Engagement.partner_id)
    cutoff = first_day(window_start)
    return {
        pid for pid, started, active in db.session.execute(stmt) if started <= cutoff and not active
    }
