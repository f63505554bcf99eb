"""Journal coverage, overdue engagements and dormant partners (DESIGN.md §3 rule 5, §4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select

from omtracker.extensions import db
from omtracker.metrics import rollups
from omtracker.metrics.rules import Coverage, is_due, last_day, overdue_since
from omtracker.metrics.scope import Scope, active_engagements, group_column
from omtracker.models import Engagement, JournalEntry, Opgave, Partner, Theme
from omtracker.periods import add_months, first_day, period_of


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
    """Rule 5 per group: engagements due in `period` and how many of them have its entry."""
    group_column(by)  # validates `by`
    if rollups.uses_rollup(scope):
        rollup = rollups.month_rollup(scope.programme_id, period)
        rows = [(r.key(by), r.engagement_id, r.start_date, r.frequency) for r in rollup.rows(scope)]
        written = rollup.written
    else:
        key = group_column(by)
        rows = db.session.execute(
            active_engagements(
                select(
                    key,
                    Engagement.id,
                    Engagement.start_date,
                    Engagement.monitoring_frequency_months,
                ),
                scope,
            )
        ).all()
        written = set(
            db.session.scalars(
                active_engagements(
                    select(JournalEntry.engagement_id).join(
                        Engagement, Engagement.id == JournalEntry.engagement_id
                    ),
                    scope,
                ).where(JournalEntry.period == period)
            )
        )
    end = last_day(period)
    sums: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for group, engagement_id, start, frequency in rows:
        if start <= end and is_due(period_of(start), frequency, period):
            sums[group][0] += engagement_id in written
            sums[group][1] += 1
    return {group: Coverage(w, d) for group, (w, d) in sums.items()}


def coverage(scope: Scope, period: str) -> Coverage:
    total = Coverage()
    for value in coverage_by(scope, period, "engagement").values():
        total = total + value
    return total


def last_period_of_engagement(up_to: str) -> Any:
    """Correlated scalar: the engagement's latest journal month up to `up_to` (NULL if none).

    One seek on the (engagement_id, period) unique index per engagement.
    """
    return (
        select(func.max(JournalEntry.period))
        .where(JournalEntry.engagement_id == Engagement.id, JournalEntry.period <= up_to)
        .correlate(Engagement)
        .scalar_subquery()
    )


def overdue(scope: Scope, today: date) -> list[OverdueEngagement]:
    """Active engagements whose last entry is older than their frequency plus 14 days."""
    stmt = active_engagements(
        select(
            Engagement.id,
            Engagement.partner_id,
            Partner.name,
            Opgave.id,
            Opgave.title,
            Theme.id,
            last_period_of_engagement(period_of(today)),
            Engagement.start_date,
            Engagement.monitoring_frequency_months,
        ).join(Partner, Partner.id == Engagement.partner_id),
        scope,
    )
    out = []
    for eid, pid, pname, oid, otitle, tid, last_period, start, frequency in db.session.execute(
        stmt.where(Engagement.start_date <= today)
    ):
        since = overdue_since(last_period, period_of(start), frequency)
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
    """Partners with an active engagement but no journal entry in the last `months` months.

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
    ).group_by(Engagement.partner_id)
    cutoff = first_day(window_start)
    return {
        pid for pid, started, active in db.session.execute(stmt) if started <= cutoff and not active
    }
