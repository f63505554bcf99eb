"""XLSX exports of a monthly report and of a half-year roll-up.

The file for a published month is built from its snapshot only and carries the publication
time as its own, so downloading it twice gives the same bytes. Text from users is written as
text: a cell starting with = + - @ could otherwise run as a formula in a spreadsheet.
Written with omtracker.xlsx (plain tables, straight to XML): openpyxl styled every cell one by
one, which took a third of a second for a month with a thousand highlights.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from omtracker import xlsx
from omtracker.metrics.rules import percent
from omtracker.models.base import utcnow
from omtracker.reports.formatting import (
    area_label,
    block_label,
    local_time,
    month_label,
    rag_label,
    tier_label,
)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
TIERS = ("expect", "like", "love")


def safe_text(value: Any) -> Any:
    """Neutralise spreadsheet formula injection: text that could run as a formula gets a '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _workbook() -> xlsx.Workbook:
    return xlsx.Workbook(text_filter=safe_text)


def _sheet(
    wb: xlsx.Workbook,
    title: str,
    headings: list[str],
    widths: list[int],
    figures_from: int | None = None,
) -> xlsx.Sheet:
    """A sheet with its headings in bold, frozen; text wraps and sits at the top of its cell.

    `figures_from` is the first column (1-based) of the figures of `_figure_cells`: their share
    columns (every third of the tiers, and coverage) are shown as percentages.
    """
    formats = {}
    if figures_from is not None:
        formats = {figures_from - 1 + offset: "0%" for offset in (2, 5, 8, 11)}
    ws = wb.add_sheet(title, widths, wrap_text=True, column_formats=formats)
    ws.append(headings, bold=True)
    return ws


def _fraction(part: dict[str, Any], count: str, of: str) -> Any:
    """Rule 7's whole percentage as the fraction a "0%" cell shows: the same figure as the
    screen (413 of 415 is 99 %, not Excel's own 100 %)."""
    shown = percent(part[count], part[of])
    return None if shown is None else shown / 100


def _figure_cells(part: dict[str, Any]) -> list[Any]:
    cells = []
    for tier in TIERS:
        value = part["attainment"][tier]
        cells += [value["reached"], value["total"], _fraction(value, "reached", "total")]
    coverage = part["coverage"]
    cells += [coverage["written"], coverage["due"], _fraction(coverage, "written", "due")]
    cells += [part["movement"]["up"], part["movement"]["down"], part["movement"]["same"]]
    return cells


def _figure_headings() -> list[str]:
    out = []
    for tier in TIERS:
        name = tier_label(tier)
        out += [
            _("%(tier)s: bereikt", tier=name),
            _("%(tier)s: totaal", tier=name),
            _("%(tier)s: aandeel", tier=name),
        ]
    out += [_("Logboeken geschreven"), _("Logboeken verwacht"), _("Dekking")]
    out += [_("Omhoog"), _("Omlaag"), _("Gelijk")]
    return out


def month_xlsx(report: dict[str, Any], published_at: datetime | None) -> bytes:
    """The monthly report as a workbook: figures, highlights, indicators, risks."""
    wb = _workbook()
    about = _sheet(wb, _("Rapport"), [_("Onderdeel"), _("Waarde")], [28, 70])
    about.append(
        [_("Programma"), report["programme"]["operating_name"] or report["programme"]["name"]]
    )
    about.append([_("Maand"), month_label(report["period"])])
    about.append(
        [
            _("Status"),
            _("Gepubliceerd op %(when)s", when=local_time(published_at))
            if published_at
            else _("Concept: nog niet gepubliceerd"),
        ]
    )
    about.append([_("Te late logboeken per"), report["as_of"]])

    figures = _sheet(
        wb,
        _("Bouwstenen en thema's"),
        [_("Bouwsteen"), _("Thema"), _("Status"), _("Toelichting thematrekker")]
        + _figure_headings()
        + [_("Te late logboeken")],
        [12, 32, 16, 48] + [11] * 15 + [11],
        figures_from=5,
    )
    for block in report["blocks"]:
        for theme in block["themes"]:
            status = theme["status"] or {}
            figures.append(
                [
                    block_label(block["key"]),
                    f"{theme['number']}. {theme['name']}",
                    rag_label(status.get("rag")),
                    status.get("text", ""),
                ]
                + _figure_cells(theme)
                + [theme["overdue"]]
            )
        figures.append(
            [block_label(block["key"]), _("Totaal bouwsteen"), "", ""]
            + _figure_cells(block)
            + [None],
            bold=True,
        )
    figures.append(
        [_("Programma"), _("Totaal"), "", ""]
        + _figure_cells(report["totals"])
        + [len(report["risks"]["overdue"])],
        bold=True,
    )

    highlights = _sheet(
        wb,
        _("Uitgelicht"),
        [_("Thema"), _("Opgave"), _("Grenspartner"), _("Verandering")],
        [28, 32, 32, 80],
    )
    for item in report["highlights"]:
        highlights.append(
            [item["theme_name"], item["opgave_title"], item["partner_name"], item["text"]]
        )

    _indicator_sheet(wb, report["indicators"])
    risks = _sheet(wb, _("Risico's"), [_("Soort"), _("Onderwerp"), _("Toelichting")], [26, 40, 70])
    for item in report["risks"]["off_track"]:
        risks.append([_("Thema niet op koers"), item["name"], item["text"]])
    for item in report["risks"]["dormant_partners"]:
        risks.append([_("Stille partner (3 maanden geen logboek)"), item["name"], ""])
    for item in report["risks"]["overdue"]:
        risks.append(
            [
                _("Logboek te laat"),
                f"{item['partner_name']} — {item['opgave_title']}",
                _(
                    "laatste logboek: %(last)s; te laat sinds %(since)s",
                    last=month_label(item["last_period"]),
                    since=item["due_since"],
                ),
            ]
        )
    return wb.save(published_at or utcnow())


def _indicator_sheet(wb: xlsx.Workbook, indicators: list[dict[str, Any]]) -> None:
    ws = _sheet(
        wb,
        _("Kernindicatoren"),
        [
            _("Indicator"),
            _("Waarde"),
            _("Eenheid"),
            _("Jaar"),
            _("Gebied"),
            _("Bron"),
            _("Basiswaarde"),
            _("Doel"),
        ],
        [40, 12, 14, 8, 18, 50, 12, 12],
    )
    for item in indicators:
        ws.append(
            [
                item["name"],
                item["value"] if item["value"] is not None else item["value_text"],
                item["unit"],
                item["year"],
                f"{area_label(item['area'])}: {item['area_name']}",
                item["source"],
                item["baseline_value"],
                item["target_value"],
            ]
        )


def halfyear_xlsx(data: dict[str, Any]) -> bytes:
    """A half-year roll-up: the May one counts per theme, the November one lists what was told."""
    wb = _workbook()
    about = _sheet(wb, _("Halfjaar"), [_("Onderdeel"), _("Waarde")], [28, 70])
    about.append([_("Programma"), data["programme"]["name"]])
    about.append(
        [_("Periode"), f"{month_label(data['start'])} – {month_label(data['last_month'])}"]
    )
    if not data["complete"]:
        about.append([_("Let op"), _("Het halfjaar loopt nog; cijfers tot en met vandaag.")])
    if data["kind"] == "quantitative":
        ws = _sheet(
            wb,
            _("Bouwstenen en thema's"),
            [_("Bouwsteen"), _("Thema")]
            + _figure_headings()
            + [_("Maanden op koers"), _("Maanden aandacht nodig"), _("Maanden niet op koers")],
            [12, 32] + [11] * 15 + [11, 11, 11],
            figures_from=3,
        )
        for block in data["blocks"]:
            for theme in block["themes"]:
                s = theme["statuses"]
                ws.append(
                    [block_label(block["key"]), f"{theme['number']}. {theme['name']}"]
                    + _figure_cells(theme)
                    + [s["on_track"], s["attention"], s["off_track"]]
                )
            ws.append(
                [block_label(block["key"]), _("Totaal bouwsteen")] + _figure_cells(block),
                bold=True,
            )
        ws.append([_("Programma"), _("Totaal")] + _figure_cells(data["totals"]), bold=True)
        _indicator_sheet(wb, data["indicators"])
    else:
        for key, title in (
            ("highlights", _("Uitgelicht")),
            ("unanticipated", _("Onverwachte veranderingen")),
        ):
            ws = _sheet(
                wb,
                title,
                [_("Thema"), _("Maand"), _("Opgave"), _("Grenspartner"), _("Tekst")],
                [28, 14, 32, 32, 80],
            )
            for theme in data["themes"]:
                for item in theme[key]:
                    ws.append(
                        [
                            theme["name"],
                            month_label(item["period"]),
                            item["opgave_title"],
                            item["partner_name"],
                            item["text"],
                        ]
                    )
        ws = _sheet(
            wb,
            _("Lessen"),
            [_("Thema"), _("Les"), _("Aantal keer"), _("Grenspartners")],
            [28, 80, 12, 60],
        )
        for theme in data["themes"]:
            for item in theme["lessons"]:
                ws.append([theme["name"], item["text"], item["count"], ", ".join(item["partners"])])
    return wb.save(utcnow())
