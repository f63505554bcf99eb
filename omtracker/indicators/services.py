"""Key indicators: read models for the pages and the few writes coordinators make.

A value is shown exactly as the source gives it: a number when there is one, otherwise its
text ("PM", a range). Nothing is ever computed to fill a gap. Services flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from omtracker import charts
from omtracker.charts import Chart
from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.labels import INDICATOR_AREA
from omtracker.models import Indicator, IndicatorArea, IndicatorValue

AREA_ORDER = {area: index for index, area in enumerate(IndicatorArea)}
INDICATOR_FIELDS = (
    "name",
    "name_en",
    "unit",
    "category",
    "description",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
)
VALUE_FIELDS = ("year", "area", "area_name", "value", "value_text", "source", "note")


def number(value: float | None) -> str:
    """A number the Dutch way (18,4; 3.196.000), without trailing zeros."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.###")


def with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    if unit == "%" or unit.startswith("% "):
        return text + unit
    return f"{text} {unit}"


def display_number(value: float | None, unit: str = "") -> str:
    return "" if value is None else with_unit(number(value), unit)


def display_value(value: IndicatorValue | None, unit: str = "") -> str:
    """What a value says: its number with the unit, or the source's own text."""
    if value is None:
        return ""
    if value.value is None:
        return value.value_text or "–"
    return with_unit(number(value.value), unit)


def axis_format(unit: str):  # noqa: ANN201
    """Formatter for chart labels: short, so only a percent sign is kept."""

    def fmt(value: float | None) -> str:
        if value is None:
            return "–"
        return number(value) + ("%" if unit.startswith("%") else "")

    return fmt


def series_key(value: IndicatorValue) -> tuple[IndicatorArea, str]:
    return value.area, value.area_name or ""


def latest_value(values: list[IndicatorValue]) -> IndicatorValue | None:
    """The most recent value; within a year the municipality before wider areas."""
    live = [v for v in values if not v.archived]
    if not live:
        return None
    return max(
        live,
        key=lambda v: (v.year is not None, v.year or 0, -AREA_ORDER[v.area], v.id),
    )


def yearly_numbers(values: list[IndicatorValue], key: tuple[IndicatorArea, str]) -> dict:
    """Year → number for one area; values without a number or a year are not plotted."""
    points: dict[int, IndicatorValue] = {}
    for value in values:
        if value.archived or value.value is None or value.year is None:
            continue
        if series_key(value) != key:
            continue
        if value.year not in points or points[value.year].id < value.id:
            points[value.year] = value
    return {year: points[year].value for year in sorted(points)}


@dataclass
class IndicatorSummary:
    indicator: Indicator
    latest: IndicatorValue | None
    trend: dict[int, float] = field(default_factory=dict)
    value_count: int = 0


def summaries(programme_id: int, archived: bool = False) -> list[IndicatorSummary]:
    """Every indicator of the programme with its latest value and its trend (two queries)."""
    indicators = db.session.scalars(
        select(Indicator)
        .where(Indicator.programme_id == programme_id, Indicator.archived.is_(archived))
        .order_by(Indicator.category, Indicator.name)
        .options(selectinload(Indicator.values))
    )
    out = []
    for indicator in indicators:
        latest = latest_value(indicator.values)
        trend = yearly_numbers(indicator.values, series_key(latest)) if latest else {}
        live = sum(1 for v in indicator.values if not v.archived)
        out.append(IndicatorSummary(indicator, latest, trend, live))
    return out


def by_category(items: list[IndicatorSummary]) -> dict[str, list[IndicatorSummary]]:
    grouped: dict[str, list[IndicatorSummary]] = {}
    for item in items:
        grouped.setdefault(item.indicator.category or "", []).append(item)
    return grouped


def load_indicator(indicator_id: int, programme_id: int) -> Indicator | None:
    indicator = db.session.scalar(
        select(Indicator)
        .where(Indicator.id == indicator_id)
        .options(selectinload(Indicator.values))
    )
    if indicator is None or indicator.programme_id != programme_id:
        return None
    return indicator


def load_value(value_id: int, programme_id: int) -> IndicatorValue | None:
    value = db.session.get(IndicatorValue, value_id)
    if value is None or value.indicator.programme_id != programme_id:
        return None
    return value


def series(indicator: Indicator) -> dict[tuple[IndicatorArea, str], dict[int, float]]:
    """Every area's yearly numbers, municipality first: the lines of the detail chart."""
    keys = sorted(
        {series_key(v) for v in indicator.values if not v.archived and v.value is not None},
        key=lambda k: (AREA_ORDER[k[0]], k[1]),
    )
    return {key: yearly_numbers(indicator.values, key) for key in keys}


def sorted_values(indicator: Indicator) -> list[IndicatorValue]:
    return sorted(
        indicator.values,
        key=lambda v: (v.archived, -(v.year or 0), AREA_ORDER[v.area], v.area_name, v.id),
    )


def create_indicator(programme_id: int, data: dict[str, Any]) -> Indicator:
    indicator = Indicator(programme_id=programme_id)
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, data.get(name))
    db.session.add(indicator)
    db.session.flush()
    return indicator


def update_indicator(indicator: Indicator, data: dict[str, Any], version: Any) -> None:
    """Save an edit made on `version`; EditConflict when someone saved in between."""
    ensure_version(indicator, version)
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, data.get(name))
    with conflict_guard(indicator):
        db.session.flush()


def set_archived(record: Indicator | IndicatorValue, archived: bool) -> None:
    """Archive or restore: the record stays readable either way."""
    record.archived = archived
    with conflict_guard(record):
        db.session.flush()


def add_value(indicator: Indicator, data: dict[str, Any]) -> IndicatorValue:
    value = IndicatorValue(indicator=indicator)
    for name in VALUE_FIELDS:
        setattr(value, name, data.get(name))
    db.session.add(value)
    db.session.flush()
    return value


def update_value(value: IndicatorValue, data: dict[str, Any], version: Any) -> None:
    ensure_version(value, version)
    for name in VALUE_FIELDS:
        setattr(value, name, data.get(name))
    with conflict_guard(value):
        db.session.flush()


def sparkline_for(item: IndicatorSummary) -> Chart | None:
    """The small trend of the list: only when there are numbers for two years or more."""
    if len(item.trend) < 2:
        return None
    return charts.sparkline(
        f"ind-spark-{item.indicator.id}",
        _("Verloop van %(name)s", name=item.indicator.name),
        [(str(year), value) for year, value in item.trend.items()],
        fmt=axis_format(item.indicator.unit),
        positions=list(item.trend),
    )


def detail_chart(indicator: Indicator) -> Chart | None:
    """All areas' numbers over the years, with the target as a dashed line when there is one."""
    lines = {key: points for key, points in series(indicator).items() if points}
    measured = sorted({year for points in lines.values() for year in points})
    if len(measured) < 2:
        return None
    years = list(range(measured[0], measured[-1] + 1))  # evenly spaced in time
    fmt = axis_format(indicator.unit)
    plotted = [v for points in lines.values() for v in points.values()]
    if indicator.target_value is not None:
        plotted.append(indicator.target_value)
    top = charts.nice_max(max(plotted) * 1.1)
    bottom = -charts.nice_max(-min(plotted) * 1.1) if min(plotted) < 0 else 0.0
    reference = None
    if indicator.target_value is not None:
        label = _("doel")
        if indicator.target_year:
            label += f" {indicator.target_year}"
        reference = (indicator.target_value, f"{label}: {fmt(indicator.target_value)}")
    return charts.line_chart(
        f"ind-chart-{indicator.id}",
        _("%(name)s per jaar", name=indicator.name),
        _("Waarden per jaar en gebied; de tabel hieronder geeft dezelfde getallen."),
        [str(year) for year in years],
        [
            charts.Series(
                area_name or str(INDICATOR_AREA[area]),
                [points.get(year) for year in years],
            )
            for (area, area_name), points in lines.items()
        ],
        y_max=top,
        y_min=bottom,
        fmt=fmt,
        x_heading=_("Jaar"),
        reference=reference,
        connect_gaps=True,
    )
