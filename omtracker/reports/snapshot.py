"""build_report: the month's status for the board as plain, JSON-serialisable data.

The same dictionary feeds the live page, the published page, the print layout, the PDF and the
XLSX, so a published report (this dictionary frozen in `MonthlyReport.snapshot`) looks exactly
like the live one did at the moment of publication. Every number comes from omtracker.metrics;
this module only gathers them per theme and adds the names a reader needs. Keys are stored, not
translated labels, so a frozen report still reads in the reader's language.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, select

from omtracker import attention, clock, metrics
from omtracker.evidence import strength_shares
from omtracker.extensions import db
from omtracker.metrics.rules import last_day
from omtracker.metrics.trends import movement_by
from omtracker.models import (
    Engagement,
    Indicator,
    IndicatorArea,
    IndicatorValue,
    JournalEntry,
    Opgave,
    Partner,
    Programme,
    Theme,
)
from omtracker.models.enums import TIER_ORDER, BuildingBlock
from omtracker.periods import add_months, parse_period

SNAPSHOT_VERSION = 1
BLOCK_ORDER = (BuildingBlock.hardware, BuildingBlock.orgware, BuildingBlock.software)
# The documents' kernindicatoren (sport participation, exercise guideline, ...) are outcomes.
KEY_INDICATOR_CATEGORY = "outcome"


def canonical_json(report: dict[str, Any]) -> bytes:
    """One byte sequence per content: sorted keys, no spaces, UTF-8."""
    return json.dumps(report, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def report_sha256(report: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(report)).hexdigest()


def attainment_json(values: dict[Any, metrics.Attainment]) -> dict[str, dict[str, Any]]:
    out = {}
    for tier in TIER_ORDER:
        value = values.get(tier, metrics.Attainment())
        out[tier.value] = {"reached": value.reached, "total": value.total, "pct": value.pct}
    return out


def coverage_json(value: metrics.Coverage) -> dict[str, Any]:
    return {
        "written": value.written,
        "due": value.due,
        "pct": value.pct,
        "unchanged": value.unchanged,
    }


def movement_json(value: metrics.Movement) -> dict[str, int]:
    return {"up": value.up, "down": value.down, "same": value.same}


def as_of_day(period: str, today: date | None = None) -> date:
    """Overdue journals are judged at the month's last day, or today while the month runs."""
    return min(today or clock.today(), last_day(period))


def build_report(programme: Programme, period: str, today: date | None = None) -> dict[str, Any]:
    """The monthly status of `programme` for `period` ("YYYY-MM") as a snapshot dictionary.

    Building block and programme figures pool their themes' counts (rule 3: counts are summed,
    percentages never averaged). A fixed number of queries whatever the size of the programme.
    """
    previous = add_months(period, -1)
    as_of = as_of_day(period, today)
    scope = metrics.Scope(programme.id)
    themes = _themes(programme.id)
    known_statuses = attention.statuses(programme.id, period)
    leaders = attention.leaders(programme.id)
    attainment = metrics.attainment_by(scope, period, "theme")
    moved = movement_by(scope, previous, period, "theme")
    covered = metrics.coverage_by(scope, period, "theme")
    dormant = metrics.dormant_partners(programme.id, period)
    overdue = metrics.overdue(scope, as_of)
    highlights, dormant_names = _highlights_and_partner_names(programme.id, period, dormant)

    blocks = []
    totals = Pool()
    for block in BLOCK_ORDER:
        pool = Pool()
        rows = []
        for theme in themes:
            if theme.building_block != block:
                continue
            values = attainment.get(theme.id, {})
            movement = moved.get(theme.id, metrics.Movement())
            coverage = covered.get(theme.id, metrics.Coverage())
            pool.add(values, coverage, movement)
            rows.append(
                {
                    "id": theme.id,
                    "number": theme.number,
                    "name": theme.name,
                    **attention.theme_row(theme, period, known_statuses, leaders),
                    "attainment": attainment_json(values),
                    "coverage": coverage_json(coverage),
                    "movement": movement_json(movement),
                    "overdue": sum(1 for row in overdue if row.theme_id == theme.id),
                }
            )
        totals.merge(pool)
        blocks.append({"key": block.value, **pool.as_json(), "themes": rows})

    theme_names = {theme.id: theme.name for theme in themes}
    rows = [row for block in blocks for row in block["themes"]]
    return {
        "version": SNAPSHOT_VERSION,
        "programme": {
            "id": programme.id,
            "name": programme.name,
            "operating_name": programme.operating_name or "",
        },
        "period": period,
        "previous_period": previous,
        "as_of": as_of.isoformat(),
        "totals": totals.as_json(),
        "blocks": blocks,
        "highlights": highlights,
        "indicators": key_indicators(programme.id, parse_period(period)[0]),
        # Evidence strength of the month's journals (omtracker.evidence); older snapshots lack it.
        "evidence": strength_shares(scope, period),
        "risks": {
            # Every theme not on track (attention or off track), last month's status standing
            # in until the leader sets this month's.
            "off_track": [
                {key: concern[key] for key in ("theme_id", "name", "text", "rag", "period")}
                for concern in attention.panel(rows, period)["concerns"]
            ],
            "dormant_partners": sorted(
                (
                    {"id": pid, "name": dormant_names[pid]}
                    for pid in dormant
                    if pid in dormant_names
                ),
                key=lambda row: row["name"].casefold(),
            ),
            "overdue": [
                {
                    "engagement_id": row.engagement_id,
                    "partner_id": row.partner_id,
                    "partner_name": row.partner_name,
                    "opgave_title": row.opgave_title,
                    "theme_id": row.theme_id,
                    "theme_name": theme_names.get(row.theme_id, ""),
                    "last_period": row.last_period,
                    "due_since": row.due_since.isoformat(),
                }
                for row in overdue
            ],
        },
        "has_example_data": any((row["status"] or {}).get("is_example") for row in rows)
        or any(item["is_example"] for item in highlights),
    }


class Pool:
    """Sums the counts of several themes into one building block or programme figure."""

    def __init__(self) -> None:
        self.attainment: dict[Any, metrics.Attainment] = defaultdict(metrics.Attainment)
        self.coverage = metrics.Coverage()
        self.up = self.down = self.same = 0

    def add(
        self,
        values: dict[Any, metrics.Attainment],
        coverage: metrics.Coverage,
        movement: metrics.Movement,
    ) -> None:
        for tier, value in values.items():
            self.attainment[tier] = self.attainment[tier] + value
        self.coverage = self.coverage + coverage
        self.up += movement.up
        self.down += movement.down
        self.same += movement.same

    def merge(self, other: Pool) -> None:
        self.add(
            other.attainment, other.coverage, metrics.Movement(other.up, other.down, other.same)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "attainment": attainment_json(self.attainment),
            "coverage": coverage_json(self.coverage),
            "movement": movement_json(metrics.Movement(self.up, self.down, self.same)),
        }


def _themes(programme_id: int) -> list[Theme]:
    """Active themes in number order."""
    stmt = (
        select(Theme)
        .where(Theme.programme_id == programme_id, Theme.archived.is_(False))
        .order_by(Theme.number)
    )
    return list(db.session.scalars(stmt))


def _highlights_and_partner_names(
    programme_id: int, period: str, partner_ids: set[int]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The month's highlighted journal entries, and the names of the given partners.

    One query serves both: the report names partners in two places (highlights and the
    dormant-partner risk), so it reads the partners it names at once.
    """
    highlight = and_(
        JournalEntry.engagement_id == Engagement.id,
        JournalEntry.period == period,
        JournalEntry.highlight.is_(True),
    )
    stmt = (
        select(
            Partner.id,
            Partner.name,
            JournalEntry.id,
            JournalEntry.change_description,
            JournalEntry.is_example,
            Opgave.title,
            Theme.id,
            Theme.name,
        )
        .select_from(Partner)
        .outerjoin(
            Engagement, and_(Engagement.partner_id == Partner.id, Engagement.archived.is_(False))
        )
        .outerjoin(JournalEntry, highlight)
        .outerjoin(Opgave, Opgave.id == Engagement.opgave_id)
        .outerjoin(Theme, Theme.id == Opgave.theme_id)
        .where(
            Partner.programme_id == programme_id,
            JournalEntry.id.is_not(None) | Partner.id.in_(partner_ids or {-1}),
        )
        .order_by(Theme.number, Partner.name, JournalEntry.id)
    )
    highlights = []
    names: dict[int, str] = {}
    for pid, pname, entry_id, text, is_example, opgave, theme_id, theme_name in db.session.execute(
        stmt
    ):
        names[pid] = pname
        if entry_id is None:
            continue
        highlights.append(
            {
                "entry_id": entry_id,
                "partner_id": pid,
                "partner_name": pname,
                "opgave_title": opgave,
                "theme_id": theme_id,
                "theme_name": theme_name,
                "text": text or "",
                "is_example": bool(is_example),
            }
        )
    return highlights, names


def key_indicators(programme_id: int, year: int) -> list[dict[str, Any]]:
    """Each key indicator's latest value up to the report's year, the municipality's first."""
    area_rank = {IndicatorArea.municipality: 0, IndicatorArea.neighbourhood: 1}
    stmt = (
        select(Indicator, IndicatorValue)
        .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
        .where(
            Indicator.programme_id == programme_id,
            Indicator.archived.is_(False),
            IndicatorValue.archived.is_(False),
            Indicator.category == KEY_INDICATOR_CATEGORY,
            (IndicatorValue.year.is_(None)) | (IndicatorValue.year <= year),
        )
        .order_by(Indicator.id, IndicatorValue.id)
    )
    best: dict[int, tuple[tuple[int, int], Indicator, IndicatorValue]] = {}
    for indicator, value in db.session.execute(stmt):
        rank = (area_rank.get(value.area, 2), -(value.year or 0))
        if indicator.id not in best or rank < best[indicator.id][0]:
            best[indicator.id] = (rank, indicator, value)
    out = []
    for _rank, indicator, value in best.values():
        out.append(
            {
                "id": indicator.id,
                "name": indicator.name,
                "unit": indicator.unit,
                "year": value.year,
                "area": value.area.value,
                "area_name": value.area_name,
                "value": value.value,
                "value_text": value.value_text,
                "source": value.source,
                "baseline_value": indicator.baseline_value,
                "baseline_year": indicator.baseline_year,
                "target_value": indicator.target_value,
                "target_year": indicator.target_year,
            }
        )
    return out
