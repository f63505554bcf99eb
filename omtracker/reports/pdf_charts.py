"""The web report's chart and its at-a-glance part in the PDF, drawn by fpdf2 itself.

Kept apart from pdf.py (which another change gives an embedded Unicode font): month_pdf calls
`glance(pdf, report)` after its title and `attainment_bars(pdf, report)` after its figures.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from omtracker import attention
from omtracker.reports import summary
from omtracker.reports.formatting import attainment_rows, pct, rag_label, tier_label

# The same colours as the SVG chart (omtracker.charts.svg.PALETTE).
TIER_RGB = ((0, 114, 178), (213, 94, 0), (0, 158, 115))


def glance(pdf: Any, report: dict[str, Any]) -> None:
    """The plain summary and the attention panel, as on the web report's first screen."""
    panel = attention.report_panel(report)
    pdf.paragraph(" ".join(summary.sentences(report, panel)))
    pdf.heading(_("Vraagt aandacht in %(month)s", month=_month(report)), 2)
    for concern in panel["concerns"]:
        label = f"{concern['name']} ({rag_label(concern['rag']).lower()})"
        if concern["stand_in"]:
            label += " · " + _("status van %(month)s", month=_month_of(concern["period"]))
        pdf.paragraph(concern["text"] or _("Geen toelichting gegeven."), label + ":")
    if not panel["concerns"]:
        pdf.paragraph(_("Alle thema’s met een status zijn op koers."))
    for row in panel["overdue"]:
        owners = ", ".join(row["leaders"] or [])
        text = _("%(n)s logboeken te laat", n=row["count"])
        if owners:
            text += " · " + _("eigenaar") + ": " + owners
        pdf.paragraph(text, row["name"] + ":")


def attainment_bars(pdf: Any, report: dict[str, Any]) -> None:
    """Bereikt per bouwsteen: the bars of the web report's chart."""
    rows = attainment_rows(report)
    pdf.heading(_("Bereikt per bouwsteen"), 2)
    label_w, room, bar_h = 40.0, 110.0, 3.2
    x0 = pdf.l_margin
    pdf.set_font(pdf.font_family, "", 8)
    y = pdf.get_y()
    x = x0 + label_w
    for index, tier in enumerate(("expect", "like", "love")):
        pdf.set_fill_color(*TIER_RGB[index])
        pdf.rect(x, y + 0.8, 3, 3, style="F")
        pdf.set_xy(x + 4, y)
        pdf.cell(25, 4.5, tier_label(tier))
        x += 30
    y += 7
    for label, values in rows:
        if pdf.will_page_break(3 * (bar_h + 1) + 4):
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_xy(x0, y)
        pdf.set_font(pdf.font_family, "B", 8)
        pdf.cell(label_w, 4, label)
        pdf.set_font(pdf.font_family, "", 8)
        for index, value in enumerate(values):
            top = y + index * (bar_h + 1)
            pdf.set_fill_color(241, 243, 245)
            pdf.rect(x0 + label_w, top, room, bar_h, style="F")
            if value:
                pdf.set_fill_color(*TIER_RGB[index])
                pdf.rect(x0 + label_w, top, room * min(value, 100.0) / 100, bar_h, style="F")
            pdf.set_xy(x0 + label_w + room + 2, top - 0.4)
            pdf.cell(15, bar_h + 0.8, pct(value))
        y += 3 * (bar_h + 1) + 3
    pdf.set_xy(x0, y)


def _month(report: dict[str, Any]) -> str:
    return _month_of(report["period"])


def _month_of(period: str) -> str:
    from omtracker.reports.formatting import month_label

    return month_label(period)
