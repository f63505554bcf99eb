"""PDF of a monthly report and of a half-year roll-up, made on the server without internet.

fpdf2 with DejaVu Sans, shipped in omtracker/fonts (from Debian's fonts-dejavu-core; licence beside
it) and embedded as a subset: partner names and journals print as typed, also ş, ł, Greek and
Cyrillic, and the app needs no system font. A character the font lacks (most emoji, CJK) prints as
"□" rather than failing the download or leaving a gap. The PDF of a published month is made
from its snapshot with the publication time as its creation date, so it is the same file every time.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from omtracker.models.base import utcnow
from omtracker.reports import pdf_charts
from omtracker.reports.formatting import (
    area_label,
    block_label,
    day_label,
    local_time,
    month_label,
    movement,
    number,
    pct,
    rag_label,
    share,
)

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
MISSING_GLYPH = "\u25a1"  # □, in both fonts
PRIMARY = (31, 78, 121)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 238, 245))


@functools.cache
def _printable() -> frozenset[int]:
    """The characters both the regular and the bold font can draw."""
    maps = []
    for name in FONT_FILES.values():
        with TTFont(FONT_DIR / name, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps))


def _clean(text: Any) -> str:
    """The text as the fonts can print it: composed (e + ´ → é), missing glyphs as □."""
    printable = _printable()
    composed = unicodedata.normalize("NFC", str(text if text is not None else ""))
    return "".join(
        ch if ord(ch) in printable or ch in "\n\t" else MISSING_GLYPH
        for ch in composed
        if unicodedata.category(ch) not in {"Cf", "Mn"} or ord(ch) in printable
    )


class ReportPDF(FPDF):
    def __init__(self, title: str, subtitle: str, when: datetime) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(FONT_DIR / name))
        self.doc_title = _clean(title)
        self.set_title(self.doc_title)
        self.set_author("omtracker")
        self.set_creator("omtracker")
        self.set_creation_date(when.replace(tzinfo=UTC) if when.tzinfo is None else when)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=15)
        self.add_page()
        self.set_font(FONT, "B", 18)
        self.set_text_color(*PRIMARY)
        self.multi_cell(0, 9, self.doc_title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, 5, _clean(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, _clean(f"{self.doc_title} · {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, level: int = 1) -> None:
        if self.will_page_break(35):  # keep a heading with what follows it
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", 14 if level == 1 else 11)
        self.set_text_color(*PRIMARY)
        self.multi_cell(0, 7, _clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", 9)

    def paragraph(self, text: str, bold_prefix: str = "") -> None:
        self.set_font(FONT, "", 9)
        if bold_prefix:
            self.set_font(FONT, "B", 9)
            self.write(5, _clean(bold_prefix + " "))
            self.set_font(FONT, "", 9)
        self.multi_cell(0, 5, _clean(text), new_x="LMARGIN", new_y="NEXT")

    def grid(self, headings: list[str], rows: list[list[Any]], widths: list[float]) -> None:
        if not rows:
            self.paragraph(_("Niets te melden."))
            return
        self.set_font(FONT, "", 8)
        with self.table(
            col_widths=widths,
            headings_style=HEADINGS,
            text_align="LEFT",
            line_height=4.5,
            padding=1,
        ) as table:
            row = table.row()
            for text in headings:
                row.cell(_clean(text))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(_clean(value))
        self.ln(2)


def _indicator_value(item: dict[str, Any]) -> str:
    if item["value"] is None:
        return number(None, item["value_text"])
    return f"{number(item['value'])} {item['unit']}".strip()


def _status_line(published_at: datetime | None) -> str:
    if published_at is None:
        return _("Concept: nog niet gepubliceerd; de cijfers kunnen nog veranderen.")
    return _(
        "Gepubliceerd op %(when)s; deze inhoud ligt vast.",
        when=local_time(published_at),
    )


def _figures_row(label: str, part: dict[str, Any]) -> list[str]:
    att = part["attainment"]
    return [
        label,
        share(att["expect"]),
        share(att["like"]),
        share(att["love"]),
        share(part["coverage"], "written", "due"),
        movement(part["movement"]),
    ]


def month_pdf(report: dict[str, Any], published_at: datetime | None) -> bytes:
    name = report["programme"]["operating_name"] or report["programme"]["name"]
    pdf = ReportPDF(
        _("Maandrapportage %(month)s", month=month_label(report["period"])),
        f"{name} · {_status_line(published_at)}",
        published_at or utcnow(),
    )
    figure_heads = [
        _("Onderdeel"),
        _("Verwacht"),
        _("Graag"),
        _("Prachtig"),
        _("Dekking"),
        _("Beweging sinds vorige maand"),
    ]
    widths = [30, 29, 29, 29, 29, 34]
    pdf_charts.glance(pdf, report)
    pdf.heading(_("Het programma in één oogopslag"))
    rows = [_figures_row(_("Hele programma"), report["totals"])]
    rows += [_figures_row(block_label(b["key"]), b) for b in report["blocks"]]
    pdf.grid(figure_heads, rows, widths)
    pdf_charts.attainment_bars(pdf, report)

    for block in report["blocks"]:
        pdf.heading(block_label(block["key"]))
        pdf.grid(
            [_("Thema"), _("Status")] + figure_heads[1:],
            [
                [f"{t['number']}. {t['name']}", rag_label((t["status"] or {}).get("rag"))]
                + _figures_row("", t)[1:]
                for t in block["themes"]
            ],
            [32, 18, 26, 26, 26, 26, 26],
        )
        for theme in block["themes"]:
            if theme["status"] and theme["status"]["text"]:
                pdf.paragraph(theme["status"]["text"], f"{theme['number']}. {theme['name']}:")

    pdf.heading(_("Uitgelicht"))
    pdf.grid(
        [_("Thema"), _("Grenspartner"), _("Verandering")],
        [[h["theme_name"], h["partner_name"], h["text"]] for h in report["highlights"]],
        [35, 45, 100],
    )
    pdf.heading(_("Kernindicatoren"))
    pdf.grid(
        [_("Indicator"), _("Waarde"), _("Jaar"), _("Gebied"), _("Bron")],
        [
            [
                i["name"],
                _indicator_value(i),
                i["year"] or "–",
                area_label(i["area"]),
                i["source"],
            ]
            for i in report["indicators"]
        ],
        [50, 25, 12, 25, 68],
    )
    risks = report["risks"]
    pdf.heading(_("Risico's"))
    pdf.heading(_("Thema's niet op koers"), 2)
    pdf.grid(
        [_("Thema"), _("Toelichting")],
        [[r["name"], r["text"]] for r in risks["off_track"]],
        [50, 130],
    )
    pdf.heading(_("Stille partners (drie maanden geen logboek)"), 2)
    pdf.paragraph(", ".join(p["name"] for p in risks["dormant_partners"]) or _("Geen."))
    pdf.heading(_("Te late logboeken (per %(day)s)", day=day_label(report["as_of"])), 2)
    pdf.grid(
        [_("Grenspartner"), _("Opgave"), _("Laatste logboek"), _("Te laat sinds")],
        [
            [o["partner_name"], o["opgave_title"], month_label(o["last_period"]), o["due_since"]]
            for o in risks["overdue"]
        ],
        [55, 65, 30, 30],
    )
    return bytes(pdf.output())


def _half_row(label: str, part: dict[str, Any]) -> list[str]:
    """A half-year row: attainment at the end, and at the start in brackets."""
    row = _figures_row(label, part)
    for index, tier in enumerate(("expect", "like", "love"), start=1):
        before = part["attainment_before"][tier]
        row[index] += "\n(" + _("was %(share)s", share=pct(before["pct"])) + ")"
    return row


def halfyear_pdf(data: dict[str, Any]) -> bytes:
    half = _("mei") if data["half"] == "mei" else _("november")
    window = f"{month_label(data['start'])} – {month_label(data['last_month'])}"
    note = "" if data["complete"] else " · " + _("voorlopig: het halfjaar loopt nog")
    pdf = ReportPDF(
        _("Halfjaarrapportage %(half)s %(year)s", half=half, year=data["year"]),
        f"{data['programme']['name']} · {window}{note}",
        utcnow(),
    )
    if data["kind"] == "quantitative":
        heads = [
            _("Onderdeel"),
            _("Verwacht"),
            _("Graag"),
            _("Prachtig"),
            _("Dekking"),
            _("Beweging"),
        ]
        pdf.heading(_("Bereikt per bouwsteen en thema"))
        pdf.paragraph(
            _(
                "Bereikt eind %(end)s, met tussen haakjes de stand eind %(start)s.",
                end=month_label(data["last_month"]),
                start=month_label(data["baseline"]),
            )
        )
        rows = [_half_row(_("Hele programma"), data["totals"])]
        for block in data["blocks"]:
            rows.append(_half_row(block_label(block["key"]), block))
            rows += [_half_row(f"  {t['number']}. {t['name']}", t) for t in block["themes"]]
        pdf.grid(heads, rows, [36, 28, 28, 28, 28, 32])
        pdf.heading(_("Kernindicatoren"))
        pdf.grid(
            [_("Indicator"), _("Waarde"), _("Jaar"), _("Bron")],
            [
                [
                    i["name"],
                    _indicator_value(i),
                    i["year"] or "–",
                    i["source"],
                ]
                for i in data["indicators"]
            ],
            [60, 30, 15, 75],
        )
    else:
        for theme in data["themes"]:
            pdf.heading(f"{theme['number']}. {theme['name']}")
            pdf.heading(_("Uitgelicht"), 2)
            pdf.grid(
                [_("Maand"), _("Grenspartner"), _("Verandering")],
                [
                    [month_label(h["period"]), h["partner_name"], h["text"]]
                    for h in theme["highlights"]
                ],
                [25, 50, 105],
            )
            pdf.heading(_("Onverwachte veranderingen"), 2)
            pdf.grid(
                [_("Maand"), _("Grenspartner"), _("Verandering")],
                [
                    [month_label(u["period"]), u["partner_name"], u["text"]]
                    for u in theme["unanticipated"]
                ],
                [25, 50, 105],
            )
            pdf.heading(_("Lessen"), 2)
            pdf.grid(
                [_("Les"), _("Keer genoemd")],
                [[lesson["text"], lesson["count"]] for lesson in theme["lessons"]],
                [150, 30],
            )
    return bytes(pdf.output())
