"""How report figures read, the same on the page, in print, in the PDF and in the XLSX."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _

from omtracker import clock, labels
from omtracker.metrics.rules import percent, round_half_up
from omtracker.models import BuildingBlock, IndicatorArea, Rag, Tier
from omtracker.periods import format_period
from omtracker.reports import bp


def pct(value: float | None) -> str:
    """A whole percentage in the reader's language, or a dash when there is nothing to count.

    Values come from `metrics.rules.percent` (rule 7); a float from a report published before
    that rule is rounded half up the same way."""
    if value is None:
        return "–"
    whole = value if isinstance(value, int) else round_half_up(value)
    return format_decimal(whole, "#,##0") + "\u00a0%"  # never broken from its number


def share(part: dict[str, Any], count: str = "reached", of: str = "total") -> str:
    """ "4 van 6 (67 %)": counts first, so nobody mistakes a small group's percentage."""
    if not part or part[of] == 0:
        return "–"
    shown = pct(percent(part[count], part[of]))  # rule 7 from the counts themselves
    text = _("%(n)s van %(total)s", n=part[count], total=part[of]) + f" ({shown})"
    if part.get("unchanged"):  # coverage: journals that confirm nothing changed
        text += ", " + _("waarvan %(n)s geen verandering gezien", n=part["unchanged"])
    return text


def movement(part: dict[str, int]) -> str:
    return _("%(up)s omhoog, %(down)s omlaag, %(same)s gelijk", **part)


def number(value: float | None, text: str = "") -> str:
    if value is None:
        return text or "–"
    return format_decimal(value, "#,##0.##")


def rag_label(rag: str | None) -> str:
    return str(labels.RAG[Rag(rag)]) if rag else _("Geen status")


def rag_class(rag: str | None) -> str:
    return labels.RAG_CLASS[Rag(rag)] if rag else "secondary"


def block_label(key: str) -> str:
    return str(labels.BUILDING_BLOCK[BuildingBlock(key)])


def tier_label(key: str) -> str:
    return str(labels.TIER_SHORT[Tier(key)])


def area_label(key: str) -> str:
    return str(labels.INDICATOR_AREA[IndicatorArea(key)])


def day_label(iso_day: str | None) -> str:
    """An ISO date kept in a snapshot, in words: "31 oktober 2026"."""
    return format_date(date.fromisoformat(iso_day), "d MMMM yyyy") if iso_day else "–"


def local_time(moment: datetime) -> str:
    """A stored UTC time as Dutch wall-clock time (Europe/Amsterdam), as the pages show it."""
    return format_datetime(
        clock.to_local(moment).replace(tzinfo=None), "d MMMM yyyy HH:mm", rebase=False
    )


def month_label(period: str | None) -> str:
    return format_period(period) if period else "–"


CHANGE_ASPECTS = {
    "status": lambda v: rag_label(v[0]) + (f": {v[1]}" if v and v[1] else "") if v else _("geen"),
    "coverage": lambda v: _("%(n)s van %(total)s", n=v[0], total=v[1]),
    "movement": lambda v: _(
        "%(up)s omhoog, %(down)s omlaag, %(same)s gelijk", up=v[0], down=v[1], same=v[2]
    ),
}


def change_aspect(aspect: str) -> str:
    """What a Change is about, in words."""
    if aspect.startswith("attainment."):
        return _("Bereikt: %(tier)s", tier=tier_label(aspect.split(".", 1)[1]))
    return str(
        {
            "status": _("Status"),
            "coverage": _("Logboekdekking"),
            "movement": _("Beweging"),
            "overdue": _("Te late logboeken"),
            "theme": _("Thema"),
            "highlight": _("Uitgelicht logboek"),
            "indicator": _("Kernindicator"),
            "dormant_partners": _("Stille partner"),
            "off_track": _("Thema niet op koers"),
        }.get(aspect, aspect)
    )


def change_value(aspect: str, value: Any) -> str:
    """A Change's before or after value, in words."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if value is None:
        return "–"
    if aspect.startswith("attainment."):
        return _("%(n)s van %(total)s", n=value[0], total=value[1])
    if aspect in CHANGE_ASPECTS:
        return CHANGE_ASPECTS[aspect](value)
    if aspect == "indicator":
        amount, text, year = value
        return number(amount, text) + (f" ({year})" if year else "")
    return str(value)


def subject_label(subject: str) -> str:
    return _("Hele programma") if subject == "totals" else subject


for _name, _func in {
    "report_pct": pct,
    "report_share": share,
    "report_movement": movement,
    "report_number": number,
    "rag_label": rag_label,
    "rag_class": rag_class,
    "block_label": block_label,
    "tier_label": tier_label,
    "area_label": area_label,
    "day_label": day_label,
    "change_aspect": change_aspect,
    "change_value": change_value,
    "subject_label": subject_label,
}.items():
    bp.add_app_template_filter(_func, _name)


def report_glance(report: dict[str, Any]) -> dict[str, Any]:
    """The attention panel and the plain-language summary of a report dictionary."""
    from omtracker import attention
    from omtracker.reports import summary

    panel = attention.report_panel(report)
    return {"panel": panel, "sentences": summary.sentences(report, panel)}


bp.add_app_template_global(report_glance, "report_glance")


def attainment_rows(report: dict[str, Any]) -> list[tuple[str, list[float | None]]]:
    """The share reached per tier for the whole programme and each building block."""
    parts = [(_("Hele programma"), report["totals"])]
    parts += [(block_label(block["key"]), block) for block in report["blocks"]]
    return [
        (label, [part["attainment"][tier]["pct"] for tier in ("expect", "like", "love")])
        for label, part in parts
    ]


def attainment_chart(report: dict[str, Any]) -> Any:
    """The report's chart: reached per tier, programme and building blocks (also in the PDF)."""
    from omtracker.charts.bars import tier_bars

    return tier_bars(
        "report-attainment",
        _("Bereikt per bouwsteen"),
        _("Het deel van de voortgangsmarkeringen dat bereikt is, per niveau."),
        [tier_label(t) for t in ("expect", "like", "love")],
        attainment_rows(report),
    )


bp.add_app_template_global(attainment_chart, "report_attainment_chart")
