"""The statements behind the suggested links (`suggestions.py`): who is engaged where in a
month, with the journals of the window, and which themes meet in which journal entries.

Each function is one statement for the whole programme, whatever its size; the words they use
("engaged in", "belongs to", "partners of a journal entry") are defined in `suggestions.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select, union_all

from omtracker.extensions import db
from omtracker.metrics import Scope
from omtracker.metrics.rules import last_day
from omtracker.metrics.scope import active_engagements
from omtracker.models import Engagement, JournalContributor, JournalEntry, Opgave, Partner, Theme


@dataclass(frozen=True)
class Ref:
    """A partner or theme a suggestion links to."""

    id: int
    name: str


@dataclass
class Engaged:
    """The programme in month M: who is engaged where, with the journals in the window."""

    partner_name: dict[int, str] = field(default_factory=dict)
    theme: dict[int, Ref] = field(default_factory=dict)
    theme_number: dict[int, int] = field(default_factory=dict)
    themes_of: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    entries: dict[tuple[int, int], int] = field(default_factory=dict)
    last_period: dict[int, str] = field(default_factory=dict)


def engaged_in(programme_id: int, period: str, start: str) -> Engaged:
    """One statement: engaged partner × theme, its journals in the window and the last month."""
    in_window = case((JournalEntry.period >= start, 1), else_=0)
    stmt = (
        active_engagements(
            select(
                Engagement.partner_id,
                Partner.name,
                Theme.id,
                Theme.number,
                Theme.name,
                func.coalesce(func.sum(in_window), 0),
                func.max(JournalEntry.period),
            )
            .join(Partner, Partner.id == Engagement.partner_id)
            .outerjoin(
                JournalEntry,
                and_(JournalEntry.engagement_id == Engagement.id, JournalEntry.period <= period),
            ),
            Scope(programme_id),
            period,
        )
        .where(Engagement.start_date <= last_day(period))
        .group_by(Engagement.partner_id, Partner.name, Theme.id, Theme.number, Theme.name)
    )
    out = Engaged()
    for pid, pname, tid, number, tname, count, last in db.session.execute(stmt):
        out.partner_name[pid] = pname
        out.theme[tid] = Ref(tid, tname)
        out.theme_number[tid] = number
        out.themes_of[pid].add(tid)
        out.entries[(pid, tid)] = int(count or 0)
        if last and last > out.last_period.get(pid, ""):
            out.last_period[pid] = last
    return out


def _journal_sets(programme_id: int, period: str, start: str):  # noqa: ANN202
    """The window's journal entries (id, own partner, theme), their partners (own partner and
    named contributors) and the engaged partner × theme pairs of M, as CTEs."""
    entries = (
        active_engagements(
            select(
                JournalEntry.id.label("entry_id"),
                Engagement.partner_id.label("owner_id"),
                Opgave.theme_id.label("theme_id"),
            ).join(Engagement, Engagement.id == JournalEntry.engagement_id),
            Scope(programme_id),
            JournalEntry.period,  # the engagement's state in the entry's own month
        )
        .where(JournalEntry.period >= start, JournalEntry.period <= period)
        .cte("entries")
    )
    engaged = (
        active_engagements(
            select(Engagement.partner_id.label("partner_id"), Theme.id.label("theme_id")),
            Scope(programme_id),
            period,
        )
        .where(Engagement.start_date <= last_day(period))
        .cte("engaged")
    )
    named = JournalContributor
    entry_partners = union_all(
        select(entries.c.entry_id, entries.c.owner_id.label("partner_id")),
        select(named.entry_id, named.partner_id).join(
            entries, entries.c.entry_id == named.entry_id
        ),
    ).cte("entry_partners")
    return entries, engaged, entry_partners


def partner_meetings(programme_id: int, period: str, start: str) -> set[tuple[int, int, int]]:
    """One statement: (partner, theme A, theme B), A < B by id, for every journal entry of the
    window that belongs to A or B, has the partner among its partners, and has another of its
    partners engaged in the other theme."""
    entries, engaged, entry_partners = _journal_sets(programme_id, period, start)
    other = entry_partners.alias("other")
    stmt = (
        select(entry_partners.c.partner_id, entries.c.theme_id, engaged.c.theme_id)
        .join(entries, entries.c.entry_id == entry_partners.c.entry_id)
        .join(
            other,
            and_(
                other.c.entry_id == entry_partners.c.entry_id,
                other.c.partner_id != entry_partners.c.partner_id,
            ),
        )
        .join(
            engaged,
            and_(
                engaged.c.partner_id == other.c.partner_id, engaged.c.theme_id != entries.c.theme_id
            ),
        )
        .distinct()
    )
    return {(p, min(a, b), max(a, b)) for p, a, b in db.session.execute(stmt)}


def theme_links(programme_id: int, period: str, start: str) -> set[tuple[int, int]]:
    """One statement: theme pairs (A < B by id) where a journal entry of the one names as
    contributing actor a partner engaged in the other."""
    entries, engaged, _partners = _journal_sets(programme_id, period, start)
    named = JournalContributor
    stmt = (
        select(entries.c.theme_id, engaged.c.theme_id)
        .select_from(named)
        .join(entries, entries.c.entry_id == named.entry_id)
        .join(
            engaged,
            and_(
                engaged.c.partner_id == named.partner_id, engaged.c.theme_id != entries.c.theme_id
            ),
        )
        .distinct()
    )
    return {(min(a, b), max(a, b)) for a, b in db.session.execute(stmt)}
