"""What needs attention this month: the few facts a coordinator or board member wants first.

The attention panel sits at the top of the dashboard and the monthly report. It lists every
theme that is not on track with its leader's reason, the overdue journals per theme with the
leaders who own them, and the themes whose markers moved most up and down. Before the leaders
set this month's status, last month's status stands in, marked with its month.

Two small queries (statuses of this and last month, the themes' leaders) feed one pure function
that works on plain theme rows, so the live dashboard, the live report and a frozen snapshot all
produce the same panel. Older snapshots without leaders or last month's status give the panel
without those parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import MembershipRole, Rag, Theme, ThemeMembership, ThemeStatus, User
from omtracker.periods import add_months

MOVERS = 3  # themes shown per direction of movement
NOT_ON_TRACK = (Rag.off_track.value, Rag.attention.value)


def status_json(status: ThemeStatus | None, author: str | None) -> dict[str, Any] | None:
    """A leader's status as stored in a report: keys, never translated labels."""
    if status is None:
        return None
    return {
        "rag": status.rag.value,
        "text": status.text or "",
        "author": author or "",
        "is_example": status.is_example,
        "period": status.period,
    }


def statuses(programme_id: int, period: str) -> dict[int, dict[str, dict[str, Any]]]:
    """Every theme's status for `period` and the month before, by theme id then month; one query."""
    previous = add_months(period, -1)
    stmt = (
        select(ThemeStatus, User.display_name)
        .join(Theme, Theme.id == ThemeStatus.theme_id)
        .outerjoin(User, User.id == ThemeStatus.author_id)
        .where(Theme.programme_id == programme_id, ThemeStatus.period.in_((previous, period)))
    )
    out: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for status, author in db.session.execute(stmt):
        out[status.theme_id][status.period] = status_json(status, author)
    return out


def leaders(programme_id: int) -> dict[int, list[str]]:
    """The names of each theme's leaders (active accounts), in name order; one query."""
    stmt = (
        select(ThemeMembership.theme_id, User.display_name)
        .join(User, User.id == ThemeMembership.user_id)
        .join(Theme, Theme.id == ThemeMembership.theme_id)
        .where(
            Theme.programme_id == programme_id,
            ThemeMembership.role == MembershipRole.lead,
            User.is_active_account.is_(True),
        )
        .order_by(User.display_name)
    )
    out: dict[int, list[str]] = defaultdict(list)
    for theme_id, name in db.session.execute(stmt):
        out[theme_id].append(name)
    return out


def theme_row(
    theme: Any,
    period: str,
    known: dict[int, dict[str, dict[str, Any]]],
    names: dict[int, list[str]],
) -> dict[str, Any]:
    """The attention-related part of one theme's row: status (or last month's) and leaders."""
    mine = known.get(theme.id, {})
    return {
        "status": mine.get(period),
        "previous_status": mine.get(add_months(period, -1)),
        "leaders": list(names.get(theme.id, [])),
    }


def panel(themes: Iterable[dict[str, Any]], period: str) -> dict[str, Any]:
    """The attention panel from theme rows (a report's or the dashboard's).

    A row has id, number, name, status, overdue (a count), movement ({up, down, same}) and,
    when known, previous_status and leaders.
    """
    rows = list(themes)
    concerns = []
    without_status = []
    for row in rows:
        status = row.get("status")
        stand_in = False
        if status is None and row.get("previous_status"):
            status, stand_in = row["previous_status"], True
        if status is None:
            without_status.append(row["name"])
            continue
        month = status.get("period") or (add_months(period, -1) if stand_in else period)
        if status["rag"] in NOT_ON_TRACK:
            concerns.append(
                {
                    "theme_id": row["id"],
                    "number": row.get("number"),
                    "name": row["name"],
                    "rag": status["rag"],
                    "text": status.get("text", ""),
                    "author": status.get("author", ""),
                    "is_example": status.get("is_example", False),
                    "period": month,
                    "stand_in": stand_in,
                }
            )
    # Off track before attention, then in theme order.
    concerns.sort(key=lambda c: (c["rag"] != Rag.off_track.value, c["number"] or 0))
    overdue = [
        {
            "theme_id": row["id"],
            "name": row["name"],
            "count": row.get("overdue", 0),
            "leaders": row.get("leaders"),
        }
        for row in rows
        if row.get("overdue")
    ]
    overdue.sort(key=lambda o: -o["count"])

    def movers(direction: str) -> list[dict[str, Any]]:
        ranked = sorted(
            (row for row in rows if row.get("movement", {}).get(direction)),
            key=lambda row: -row["movement"][direction],
        )
        return [
            {"theme_id": row["id"], "name": row["name"], "count": row["movement"][direction]}
            for row in ranked[:MOVERS]
        ]

    return {
        "period": period,
        "concerns": concerns,
        "stand_in": any(c["stand_in"] for c in concerns),
        "without_status": without_status,
        "overdue": overdue,
        "overdue_total": sum(o["count"] for o in overdue),
        "up": movers("up"),
        "down": movers("down"),
        "themes": len(rows),
    }


def report_panel(report: dict[str, Any]) -> dict[str, Any]:
    """The panel of a report dictionary, live or frozen (old snapshots included)."""
    themes = [theme for block in report.get("blocks", []) for theme in block.get("themes", [])]
    return panel(themes, report["period"])
