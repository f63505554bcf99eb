"""Half-year roll-ups in the rhythm of the national Sportakkoord II monitor.

The national monitor reports twice a year (werkplan Sportakkoord II 2023, "reporting_rhythm" in
omtracker/data/assen-sportakkoord.json): in May a quantitative update of progress, in November
mostly qualitative insight. A programme's roll-ups follow that rhythm. Each covers the six whole
months before the month it is due in, so the two tile the year: the May report covers November
to April, the November report May to October.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from omtracker import metrics
from omtracker.extensions import db
from omtracker.metrics.trends import coverage_trend, movement_by
from omtracker.models import (
    Engagement,
    JournalEntry,
    Opgave,
    Partner,
    Programme,
    Rag,
    Theme,
    ThemeStatus,
)
from omtracker.periods import add_months, current_period
from omtracker.reports.snapshot import (
    BLOCK_ORDER,
    Pool,
    attainment_json,
    coverage_json,
    key_indicators,
    movement_json,
)

HALVES = {"mei": 5, "november": 11}
QUANTITATIVE, QUALITATIVE = "quantitative", "qualitative"


@dataclass(frozen=True)
class HalfYear:
    """The May or November roll-up of a year and the six months it covers."""

    year: int
    half: str

    def __post_init__(self) -> None:
        if self.half not in HALVES or not 2000 <= self.year <= 2100:
            raise ValueError(f"no half-year report {self.year}/{self.half}")

    @property
    def due(self) -> str:
        return f"{self.year:04d}-{HALVES[self.half]:02d}"

    @property
    def start(self) -> str:
        return add_months(self.due, -6)

    @property
    def end(self) -> str:
        return add_months(self.due, -1)

    @property
    def kind(self) -> str:
        return QUANTITATIVE if self.half == "mei" else QUALITATIVE

    @property
    def slug(self) -> str:
        return f"halfjaar-{self.year}-{self.half}"

    def has_started(self, today: date | None = None) -> bool:
        return self.start <= current_period(today)

    def last_month(self, today: date | None = None) -> str:
        """The window's end, or the current month while the window is still running."""
        return min(self.end, current_period(today))


def recent_halves(today: date | None = None, count: int = 4) -> list[HalfYear]:
    """The latest roll-ups that are due by this month, newest first: the index never offers
    a report named after a month still to come (issue 11)."""
    year = int(current_period(today)[:4]) + 1
    out = []
    while len(out) < count and year >= 2000:
        for half in ("november", "mei"):
            window = HalfYear(year, half)
            if window.due <= current_period(today) and len(out) < count:
                out.append(window)
        year -= 1
    return out


def build_halfyear(
    programme: Programme, window: HalfYear, today: date | None = None
) -> dict[str, Any]:
    """The roll-up as plain data: the May report counts, the November report tells."""
    last = window.last_month(today)
    data: dict[str, Any] = {
        "programme": {"id": programme.id, "name": programme.operating_name or programme.name},
        "year": window.year,
        "half": window.half,
        "kind": window.kind,
        "start": window.start,
        "end": window.end,
        "last_month": last,
        "complete": last == window.end,
    }
    themes = list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == programme.id, Theme.archived.is_(False))
            .order_by(Theme.number)
        )
    )
    statuses = _status_counts(programme.id, window.start, last)
    if window.kind == QUANTITATIVE:
        data.update(_quantitative(programme, themes, statuses, window.start, last))
    else:
        data.update(_qualitative(programme, themes, statuses, window.start, last))
    return data


def _status_counts(programme_id: int, start: str, end: str) -> dict[int, dict[str, int]]:
    """Per theme, how many months of the window the leader called on track, attention, off."""
    stmt = (
        select(ThemeStatus.theme_id, ThemeStatus.rag, func.count())
        .join(Theme, Theme.id == ThemeStatus.theme_id)
        .where(
            Theme.programme_id == programme_id,
            ThemeStatus.period >= start,
            ThemeStatus.period <= end,
        )
        .group_by(ThemeStatus.theme_id, ThemeStatus.rag)
    )
    out: dict[int, dict[str, int]] = defaultdict(lambda: {rag.value: 0 for rag in Rag})
    for theme_id, rag, count in db.session.execute(stmt):
        out[theme_id][Rag(rag).value] = count
    return out


def _quantitative(
    programme: Programme,
    themes: list[Theme],
    statuses: dict[int, dict[str, int]],
    start: str,
    last: str,
) -> dict[str, Any]:
    """Attainment at the window's end and the month before it, movement, pooled coverage."""
    scope = metrics.Scope(programme.id)
    baseline = add_months(start, -1)
    now = metrics.attainment_by(scope, last, "theme")
    before = metrics.attainment_by(scope, baseline, "theme")
    moved = movement_by(scope, baseline, last, "theme")
    coverage = {
        theme_id: sum(per_month.values(), metrics.Coverage())
        for theme_id, per_month in coverage_trend(scope, start, last, "theme").items()
    }
    blocks = []
    totals, totals_before = Pool(), Pool()
    for block in BLOCK_ORDER:
        pool, pool_before = Pool(), Pool()
        rows = []
        for theme in themes:
            if theme.building_block != block:
                continue
            values = now.get(theme.id, {})
            pool.add(
                values,
                coverage.get(theme.id, metrics.Coverage()),
                moved.get(theme.id, metrics.Movement()),
            )
            pool_before.add(before.get(theme.id, {}), metrics.Coverage(), metrics.Movement())
            rows.append(
                {
                    "id": theme.id,
                    "number": theme.number,
                    "name": theme.name,
                    "attainment": attainment_json(values),
                    "attainment_before": attainment_json(before.get(theme.id, {})),
                    "coverage": coverage_json(coverage.get(theme.id, metrics.Coverage())),
                    "movement": movement_json(moved.get(theme.id, metrics.Movement())),
                    "statuses": statuses[theme.id],
                }
            )
        totals.merge(pool)
        totals_before.merge(pool_before)
        blocks.append(
            {
                "key": block.value,
                **pool.as_json(),
                "attainment_before": pool_before.as_json()["attainment"],
                "themes": rows,
            }
        )
    return {
        "baseline": baseline,
        "totals": {**totals.as_json(), "attainment_before": totals_before.as_json()["attainment"]},
        "blocks": blocks,
        "indicators": key_indicators(programme.id, int(last[:4])),
    }


def _qualitative(
    programme: Programme,
    themes: list[Theme],
    statuses: dict[int, dict[str, int]],
    start: str,
    last: str,
) -> dict[str, Any]:
    """Highlights, lessons and unanticipated changes from the window's journals, per theme."""
    stmt = (
        select(
            JournalEntry.id,
            JournalEntry.period,
            JournalEntry.highlight,
            JournalEntry.change_description,
            JournalEntry.lessons,
            JournalEntry.unanticipated_change,
            JournalEntry.is_example,
            Partner.name,
            Opgave.title,
            Theme.id,
        )
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(
            Theme.programme_id == programme.id,
            Engagement.archived.is_(False),
            JournalEntry.period >= start,
            JournalEntry.period <= last,
            or_(
                JournalEntry.highlight.is_(True),
                JournalEntry.lessons != "",
                JournalEntry.unanticipated_change != "",
            ),
        )
        .order_by(Theme.number, JournalEntry.period, Partner.name)
    )
    per_theme: dict[int, dict[str, list]] = defaultdict(
        lambda: {"highlights": [], "unanticipated": [], "lessons": []}
    )
    lessons: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    example = False
    for (
        entry_id,
        period,
        highlight,
        change,
        lesson,
        unanticipated,
        is_example,
        partner,
        opgave,
        theme_id,
    ) in db.session.execute(stmt):
        example = example or bool(is_example)
        where = {
            "entry_id": entry_id,
            "period": period,
            "partner_name": partner,
            "opgave_title": opgave,
        }
        if highlight:
            per_theme[theme_id]["highlights"].append({**where, "text": change or ""})
        if (unanticipated or "").strip():
            per_theme[theme_id]["unanticipated"].append({**where, "text": unanticipated.strip()})
        if (lesson or "").strip():
            # The same lesson written for several partners is one lesson, seen several times.
            seen = lessons[theme_id].setdefault(
                lesson.strip(), {"text": lesson.strip(), "count": 0, "partners": []}
            )
            seen["count"] += 1
            if partner not in seen["partners"]:
                seen["partners"].append(partner)
    rows = []
    for theme in themes:
        found = per_theme[theme.id]
        found["lessons"] = sorted(
            lessons[theme.id].values(), key=lambda item: (-item["count"], item["text"])
        )
        rows.append(
            {
                "id": theme.id,
                "number": theme.number,
                "name": theme.name,
                "building_block": theme.building_block.value,
                "statuses": statuses[theme.id],
                **found,
            }
        )
    return {"themes": rows, "has_example_data": example}
