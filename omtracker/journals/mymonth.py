""" "Mijn maand": the journals a theme leader or member still has to write this month.

Due and overdue come from `omtracker.metrics` (DESIGN.md §3 rule 5); this module only gathers
the user's engagements, orders them (overdue first) and counts progress for the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from omtracker.extensions import db
from omtracker.metrics import Scope, coverage_by, overdue
from omtracker.metrics.rules import last_day
from omtracker.metrics.scope import active_engagements
from omtracker.models import Engagement, JournalEntry, Opgave, Partner, Theme
from omtracker.periods import current_period
from omtracker.permissions import is_coordinator


@dataclass
class MonthItem:
    engagement_id: int
    is_example: bool
    partner_id: int
    partner_name: str
    opgave_id: int
    opgave_title: str
    theme_id: int
    theme_name: str
    entry_id: int | None
    last_period: str | None
    due: bool = False
    overdue_since: date | None = None


@dataclass
class MyMonth:
    period: str
    themes: list[Theme]
    theme_id: int | None
    todo: list[MonthItem] = field(default_factory=list)
    written: list[MonthItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.todo) + len(self.written)


def user_themes(user: Any, programme_id: int) -> list[Theme]:
    """Coordinators write for every theme; others for the themes they are a member of."""
    stmt = select(Theme).where(Theme.programme_id == programme_id, Theme.archived.is_(False))
    if not is_coordinator(user):
        stmt = stmt.where(Theme.id.in_([m.theme_id for m in user.memberships] or [-1]))
    return list(db.session.scalars(stmt.order_by(Theme.number)))


def _rows(programme_id: int, theme_ids: list[int], period: str) -> list[MonthItem]:
    in_themes = (
        select(Engagement.id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .where(Opgave.theme_id.in_(theme_ids))
    )
    last = (
        select(JournalEntry.engagement_id, func.max(JournalEntry.period).label("last_period"))
        .where(JournalEntry.period <= period, JournalEntry.engagement_id.in_(in_themes))
        .group_by(JournalEntry.engagement_id)
        .subquery("last_periods")
    )
    this = aliased(JournalEntry)
    stmt = active_engagements(
        select(
            Engagement.id,
            Engagement.is_example,
            Partner.id,
            Partner.name,
            Opgave.id,
            Opgave.title,
            Theme.id,
            Theme.name,
            this.id,
            last.c.last_period,
        ).join(Partner, Partner.id == Engagement.partner_id),
        Scope(programme_id),
        period,
    )
    stmt = (
        stmt.outerjoin(this, (this.engagement_id == Engagement.id) & (this.period == period))
        .outerjoin(last, last.c.engagement_id == Engagement.id)
        .where(Theme.id.in_(theme_ids), Engagement.start_date <= last_day(period))
        .order_by(Theme.number, Opgave.title, Partner.name)
    )
    return [MonthItem(*row) for row in db.session.execute(stmt)]


def my_month(
    user: Any, programme_id: int, period: str, theme_id: int | None, today: date
) -> MyMonth:
    """The user's engagements for `period`: still to write (overdue first) and written."""
    themes = user_themes(user, programme_id)
    allowed = {t.id for t in themes}
    chosen = theme_id if theme_id in allowed else None
    result = MyMonth(period=period, themes=themes, theme_id=chosen)
    theme_ids = [chosen] if chosen else sorted(allowed)
    if not theme_ids:
        return result
    scope = Scope(programme_id, theme_id=chosen)
    due = coverage_by(scope, period, "engagement")
    late = (
        {row.engagement_id: row.due_since for row in overdue(scope, today)}
        if period == current_period(today)
        else {}
    )
    for item in _rows(programme_id, theme_ids, period):
        item.due = item.engagement_id in due
        item.overdue_since = late.get(item.engagement_id)
        if item.entry_id is not None:
            result.written.append(item)
        elif item.due or item.overdue_since is not None:
            result.todo.append(item)
    result.todo.sort(
        key=lambda i: (i.overdue_since is None, i.overdue_since or date.max, i.partner_name)
    )
    return result


def next_engagement(
    user: Any, programme_id: int, period: str, theme_id: int | None, today: date, after: int
) -> int | None:
    """Where "Opslaan en volgende" goes: the first engagement still to write, not this one."""
    month = my_month(user, programme_id, period, theme_id, today)
    for item in month.todo:
        if item.engagement_id != after:
            return item.engagement_id
    return None
