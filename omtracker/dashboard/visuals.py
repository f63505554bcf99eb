"""The dashboard's charts, drawn from its figures with `omtracker.charts`.

Colours follow the tiers everywhere on the page (bars, lines, legends): expect blue, like
green, love purple, from the colour-blind-safe Okabe–Ito palette, with line styles and point
shapes as a second cue and the tier named in text next to every line.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from omtracker import charts
from omtracker.charts import Chart, Series
from omtracker.labels import BUILDING_BLOCK, TIER_SHORT
from omtracker.metrics import Attainment, Coverage
from omtracker.models import Tier
from omtracker.models.enums import TIER_ORDER
from omtracker.periods import format_period

TIER_COLOUR = {Tier.expect: "#0072B2", Tier.like: "#009E73", Tier.love: "#CC79A7"}


def month_label(period: str) -> str:
    return format_period(period, "MMM yy")


def share(value: Attainment | Coverage, pattern: str | None = None) -> str:
    """ "7 van 12". Charts call this per cell, so they may pass the translated pattern once."""
    total = value.total if isinstance(value, Attainment) else value.due
    done = value.reached if isinstance(value, Attainment) else value.written
    return (pattern or share_pattern()) % {"done": done, "total": total}


def share_pattern() -> str:
    return _("%(done)s van %(total)s")


def attainment_line(
    ident: str, title: str, trend: dict[str, dict[Tier, Attainment]], periods: Sequence[str]
) -> Chart:
    """Expect, like and love attainment per month: three lines, 0–100 %."""
    series = []
    pattern = share_pattern()
    for tier in TIER_ORDER:
        values = [trend.get(p, {}).get(tier) for p in periods]
        series.append(
            Series(
                str(TIER_SHORT[tier]),
                [v.pct if v else None for v in values],
                [share(v, pattern) if v else None for v in values],
                colour=TIER_COLOUR[tier],
            )
        )
    return charts.line_chart(
        ident,
        title,
        _(
            "Aandeel bereikte voortgangsmarkeringen per niveau en maand, van %(first)s tot en "
            "met %(last)s. Bereikt is: huidig niveau gemiddeld of hoog.",
            first=format_period(periods[0]),
            last=format_period(periods[-1]),
        ),
        [month_label(p) for p in periods],
        series,
        x_heading=_("Maand"),
        width=420,
        height=220,
    )


def pooled(per_tier: dict[Tier, Attainment]) -> Attainment:
    total = Attainment()
    for value in per_tier.values():
        total = total + value
    return total


def attainment_heatmap(
    ident: str,
    title: str,
    rows: Sequence[tuple[str, dict[str, dict[Tier, Attainment]]]],
    periods: Sequence[str],
    row_heading: str,
) -> Chart:
    """Rows × months, each cell the share of all the row's markers that are reached."""
    values, notes, pattern = [], [], share_pattern()
    for _label, trend in rows:
        cells = [pooled(trend.get(p, {})) for p in periods]
        values.append([c.pct if c.total else None for c in cells])
        notes.append([share(c, pattern) if c.total else None for c in cells])
    return charts.heatmap(
        ident,
        title,
        _(
            "Per rij en maand het aandeel van alle voortgangsmarkeringen (verwacht, graag en "
            "prachtig samen) dat bereikt is: huidig niveau gemiddeld of hoog."
        ),
        [label for label, _trend in rows],
        [month_label(p) for p in periods],
        values,
        notes=notes,
        legend_title=_("Aandeel bereikte markeringen (alle niveaus samen)"),
        empty_label=_("geen markeringen"),
        row_heading=row_heading,
    )


def coverage_heatmap(
    ident: str,
    title: str,
    rows: Sequence[tuple[str, dict[str, Coverage]]],
    periods: Sequence[str],
    row_heading: str,
) -> Chart:
    """Rows × months, each cell the share of due journals that were written."""
    values, notes, pattern = [], [], share_pattern()
    for _label, trend in rows:
        cells = [trend.get(p) for p in periods]
        values.append([c.pct if c and c.due else None for c in cells])
        notes.append([share(c, pattern) if c and c.due else None for c in cells])
    return charts.heatmap(
        ident,
        title,
        _(
            "Per rij en maand het aandeel van de verwachte logboeken dat geschreven is "
            "(uitkomstuitdagingen met een logboek ÷ uitkomstuitdagingen die die maand aan de "
            "beurt waren)."
        ),
        [label for label, _trend in rows],
        [month_label(p) for p in periods],
        values,
        notes=notes,
        legend_title=_("Logboekdekking"),
        empty_label=_("niets verwacht"),
        row_heading=row_heading,
    )


def programme_charts(d) -> dict:  # noqa: ANN001
    """Per block and theme a trend line; opgaven × months heatmap; theme coverage over time."""
    periods = d.window.periods
    out: dict = {
        "blocks": {
            block: attainment_line(
                f"trend-block-{block.value}",
                _("Verloop bereikte markeringen, %(block)s", block=BUILDING_BLOCK[block]),
                figures.trend,
                periods,
            )
            for block, figures in d.blocks.items()
        },
        "themes": {},
    }
    heat_rows, cover_rows = [], []
    for block in d.themes:
        for view in d.themes[block]:
            out["themes"][view.theme.id] = attainment_line(
                f"trend-theme-{view.theme.id}",
                _("Verloop bereikte markeringen, thema %(name)s", name=view.theme.name),
                view.figures.trend,
                periods,
            )
            name = f"{view.theme.number}. {view.theme.name}"
            cover_rows.append((name, view.figures.coverage_trend))
            heat_rows += [
                (f"{view.theme.number} · {opgave.title}", figures.trend)
                for opgave, figures in view.opgaven
            ]
    out["heatmap"] = attainment_heatmap(
        "heat-opgaven",
        _("Bereikte markeringen per opgave en maand"),
        heat_rows,
        periods,
        _("Opgave"),
    )
    out["coverage"] = coverage_heatmap(
        "heat-coverage", _("Logboekdekking per thema en maand"), cover_rows, periods, _("Thema")
    )
    return out


def theme_charts(d) -> dict:  # noqa: ANN001
    periods = d.window.periods
    rows = [(opgave.title, figures) for opgave, figures in d.opgaven]
    return {
        "trend": attainment_line(
            "trend-theme",
            _("Verloop bereikte markeringen, thema %(name)s", name=d.theme.name),
            d.figures.trend,
            periods,
        ),
        "heatmap": attainment_heatmap(
            "heat-opgaven",
            _("Bereikte markeringen per opgave en maand"),
            [(label, figures.trend) for label, figures in rows],
            periods,
            _("Opgave"),
        ),
        "coverage": coverage_heatmap(
            "heat-coverage",
            _("Logboekdekking per opgave en maand"),
            [(label, figures.coverage_trend) for label, figures in rows],
            periods,
            _("Opgave"),
        ),
    }


def opgave_charts(d) -> dict:  # noqa: ANN001
    periods = d.window.periods
    return {
        "trend": attainment_line(
            "trend-opgave",
            _("Verloop bereikte markeringen, opgave %(name)s", name=d.opgave.title),
            d.figures.trend,
            periods,
        ),
        "heatmap": attainment_heatmap(
            "heat-engagements",
            _("Bereikte markeringen per grenspartner en maand"),
            [(engagement.partner.name, figures.trend) for engagement, figures in d.engagements],
            periods,
            _("Grenspartner"),
        ),
    }
