"""An engagement's state and monitoring plan, effective-dated month by month (DESIGN.md §3a).

The engagement row holds the state as it is now (active, paused, archived, frequency) for the
pages; `engagement_states` holds from which month each state held, and every figure for a month
reads that. A change takes effect from a month (this month unless the user picks another), so
stopping a partner in December leaves October's figures as they were.

One hook keeps the two in step: before every flush it turns changes of an engagement's flags,
frequency or start date, and the archiving of its opgave or theme, into rows of its history.
Every writer (services, imports, tests) is covered without remembering to call anything. A
writer that means another month than this one sets `engagement.effective_from` first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from omtracker import clock
from omtracker.models import Engagement, EngagementState, EngagementStatus, Opgave, Theme

TRACKED = ("active", "archived", "paused", "monitoring_frequency_months", "start_date")


def status_of(engagement: Engagement) -> EngagementStatus:
    """The state the engagement's flags describe now (unset flags: their column defaults)."""
    if engagement.archived:
        return EngagementStatus.archived
    if engagement.active is False:
        return EngagementStatus.stopped
    if engagement.paused:
        return EngagementStatus.paused
    return EngagementStatus.active


def _opgave(session: Session, engagement: Engagement) -> Opgave | None:
    if engagement.opgave is not None:
        return engagement.opgave
    return session.get(Opgave, engagement.opgave_id) if engagement.opgave_id else None


def hidden_of(session: Session, engagement: Engagement) -> bool:
    """True while the engagement's opgave or theme is archived: it counts in no figure."""
    opgave = _opgave(session, engagement)
    if opgave is None:
        return False
    theme = opgave.theme or session.get(Theme, opgave.theme_id)
    return bool(opgave.archived or (theme is not None and theme.archived))


def state_in(engagement: Engagement, period: str) -> EngagementState | None:
    """The row that holds in `period` (None before the engagement started)."""
    for row in engagement.states:
        if row.holds_in(period):
            return row
    return None


def _first_row(session: Session, engagement: Engagement) -> EngagementState:
    start = engagement.start_date.strftime("%Y-%m")
    return EngagementState(
        valid_from=start,
        valid_until=None,
        status=status_of(engagement),
        monitoring_frequency_months=engagement.monitoring_frequency_months or 1,
        schedule_from=start,
        hidden=hidden_of(session, engagement),
    )


def set_from(session: Session, engagement: Engagement, month: str, **values: Any) -> None:
    """Give the engagement `values` from `month` on (later scheduled rows included).

    The row holding `month` is split there; rows that end up saying the same as the row
    before them are joined again, so undoing a change in the same month leaves no trace.
    """
    rows = sorted(engagement.states, key=lambda row: row.valid_from)
    if not rows:
        rows = [_first_row(session, engagement)]
        engagement.states.append(rows[0])
    month = max(month, rows[0].valid_from)
    holder = next(row for row in rows if row.holds_in(month))
    if holder.valid_from < month:
        tail = EngagementState(
            valid_from=month,
            valid_until=holder.valid_until,
            status=holder.status,
            monitoring_frequency_months=holder.monitoring_frequency_months,
            schedule_from=holder.schedule_from,
            hidden=holder.hidden,
        )
        holder.valid_until = month
        engagement.states.append(tail)
        rows.insert(rows.index(holder) + 1, tail)
    for row in rows:
        if row.valid_from >= month:
            for name, value in values.items():
                setattr(row, name, value)
    _join_equal_neighbours(session, engagement, rows)


def _join_equal_neighbours(
    session: Session, engagement: Engagement, rows: list[EngagementState]
) -> None:
    kept = [rows[0]]
    for row in rows[1:]:
        before = kept[-1]
        same = (
            before.status == row.status
            and before.monitoring_frequency_months == row.monitoring_frequency_months
            and before.hidden == row.hidden
        )
        if same:  # nothing changed at this border: one row, one schedule
            before.valid_until = row.valid_until
            if row in engagement.states:
                engagement.states.remove(row)  # delete-orphan: deleted, or never inserted
            if inspect(row).persistent:
                session.delete(row)
        else:
            kept.append(row)


def _changed(obj: Any, name: str) -> bool:
    return inspect(obj).attrs[name].history.has_changes()


def _month(obj: Any) -> str:
    return getattr(obj, "effective_from", None) or clock.this_month()


def _record_engagement(session: Session, engagement: Engagement) -> None:
    if not engagement.states:  # created before this history existed (or in a bulk load)
        engagement.states.append(_first_row(session, engagement))
        return
    month = _month(engagement)
    if _changed(engagement, "start_date"):
        first = min(engagement.states, key=lambda row: row.valid_from)
        start = engagement.start_date.strftime("%Y-%m")
        if first.valid_until is None or start < first.valid_until:
            if first.schedule_from == first.valid_from:
                first.schedule_from = start
            first.valid_from = start
    status = status_of(engagement)
    holder = state_in(engagement, month)
    if holder is None or holder.status != status:
        values: dict[str, Any] = {"status": status}
        if status == EngagementStatus.active:  # resumed: due again from this month
            values["schedule_from"] = month
        set_from(session, engagement, month, **values)
    frequency = engagement.monitoring_frequency_months
    holder = state_in(engagement, month)
    if holder is None or holder.monitoring_frequency_months != frequency:
        set_from(
            session, engagement, month, monitoring_frequency_months=frequency, schedule_from=month
        )


def _engagements_under(session: Session, obj: Opgave | Theme) -> list[Engagement]:
    stmt = select(Engagement).join(Opgave, Opgave.id == Engagement.opgave_id)
    if isinstance(obj, Opgave):
        stmt = stmt.where(Opgave.id == obj.id)
    else:
        stmt = stmt.where(Opgave.theme_id == obj.id)
    return list(session.scalars(stmt))


def record_changes(session: Session) -> None:
    """Turn this flush's changes into history rows (called before every flush)."""
    with session.no_autoflush:
        for obj in list(session.new):
            if isinstance(obj, Engagement) and not obj.states:
                obj.states.append(_first_row(session, obj))
        for obj in list(session.dirty):
            if isinstance(obj, Engagement) and any(_changed(obj, name) for name in TRACKED):
                _record_engagement(session, obj)
            elif isinstance(obj, Opgave | Theme) and _changed(obj, "archived"):
                month = _month(obj)
                for engagement in _engagements_under(session, obj):
                    set_from(session, engagement, month, hidden=hidden_of(session, engagement))


_installed: set[type] = set()


def install(session_cls: type) -> None:
    """Keep engagement history in step on this session class (before the audit hook runs)."""
    if session_cls in _installed:
        return
    _installed.add(session_cls)

    @event.listens_for(session_cls, "before_flush")
    def _history(session: Session, flush_context: Any, instances: Any) -> None:
        record_changes(session)
