"""The national roll-up as a workbook the monitor loads into its own analysis.

A first sheet "Toelichting" names the edition and the rules; then one sheet per national theme
with a row for all building blocks together, one per building block and one per sharing
programme. Only aggregated numbers: a municipality's name and size class, never a text, a
partner or a person. A withheld figure is a row that says so, with empty number cells.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from omtracker import labels, xlsx
from omtracker.metrics.rules import Movement, percent
from omtracker.models import NationalTheme
from omtracker.models.enums import TIER_ORDER
from omtracker.national.figures import MIN_PROGRAMMES, Figures
from omtracker.national.rollup import Rollup
from omtracker.national.sizes import SIZE_CLASS_LABEL, size_class
from omtracker.periods import format_period

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAGES = ("not_started", "expect", "like", "love")
FIGURES_FROM = 4  # 0-based column of the first figure


def _text(value: Any) -> Any:
    """Every text here is ours, but a cell starting with = must never become a formula."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def _share(part: int, whole: int) -> float | None:
    """Rule 7's whole percentage as the fraction a "0%" cell shows (as on the page)."""
    shown = percent(part, whole)
    return None if shown is None else shown / 100


def _headings() -> list[str]:
    out = [_("Onderdeel"), _("Grootteklasse"), _("Gemeenten"), _("Uitkomstuitdagingen")]
    for name in (str(labels.TIER_SHORT[tier]) for tier in TIER_ORDER):
        out.append(_("%(tier)s: bereikt", tier=name))
        out.append(_("%(tier)s: totaal", tier=name))
        out.append(_("%(tier)s: aandeel", tier=name))
    out += [_("Logboeken geschreven"), _("Logboeken verwacht"), _("Dekking")]
    out += [str(labels.STAGE[stage]) for stage in STAGES]
    out += [_("Omhoog"), _("Omlaag"), _("Gelijk"), _("Toelichting")]
    return out


def _percent_columns() -> dict[int, str]:
    shares = [FIGURES_FROM + 2 + 3 * i for i in range(len(TIER_ORDER) + 1)]
    return dict.fromkeys(shares, "0%")


def _row(label: str, size: str, cell: Figures, moved: Movement | None) -> list[Any]:
    """A figure's row; a withheld figure or part leaves its cells empty and says why."""
    if cell.withheld:
        note = _("Niet getoond: minder dan %(n)s gemeenten.", n=MIN_PROGRAMMES)
        return [label, size, *([None] * (len(_headings()) - 3)), note]
    values: list[Any] = [label, size, cell.programmes, cell.engagements]
    parts = [cell.tiers[tier] for tier in TIER_ORDER]
    values += [
        cell
        for part in parts
        for cell in ((None,) * 3 if part is None else _counted(part.reached, part.total))
    ]
    coverage = cell.coverage
    values += [None] * 3 if coverage is None else _counted(coverage.written, coverage.due)
    values += [cell.stages[stage] for stage in STAGES]
    values += [None] * 3 if moved is None else [moved.up, moved.down, moved.same]
    partly = None in (*parts, coverage, moved)
    note = _("Deels niet getoond: minder dan %(n)s gemeenten.", n=MIN_PROGRAMMES)
    return [*values, note if partly else ""]


def _counted(part: int, whole: int) -> list[Any]:
    return [part, whole, _share(part, whole)]


def _about(book: xlsx.Workbook, rollup: Rollup, network_name: str | None) -> None:
    sheet = book.add_sheet(_("Toelichting"), [34, 90], wrap_text=True)
    sheet.append([_("Onderdeel"), _("Waarde")], bold=True)
    kind = _("vooral kwantitatief") if rollup.kind == "quantitative" else _("vooral kwalitatief")
    rows = [
        (_("Editie"), f"{format_period(rollup.edition)} ({kind})"),
        (
            _("Halfjaar"),
            _(
                "%(start)s tot en met %(end)s",
                start=format_period(rollup.start),
                end=format_period(rollup.edition),
            ),
        ),
        (_("Stand"), _("eind %(month)s", month=format_period(rollup.edition))),
        (_("Beweging"), _("sinds %(month)s", month=format_period(rollup.since))),
        (_("Gemeenten die hun cijfers delen"), len(rollup.figures.programmes)),
        (
            _("Samengevoegd"),
            _(
                "Aantallen zijn opgeteld over alle gemeenten voordat een percentage is "
                "berekend; nooit een gemiddelde van percentages."
            ),
        ),
        (
            _("Niet getoond"),
            _(
                "Een cijfer waar minder dan %(n)s gemeenten achter staan, staat er niet in.",
                n=MIN_PROGRAMMES,
            ),
        ),
        (
            _("Bereikt"),
            _("Een markering op niveau midden of hoog (een afspraak van omtracker)."),
        ),
        (
            _("Inhoud"),
            _(
                "Alleen geaggregeerde cijfers per landelijk thema, bouwsteen en gemeente: "
                "geen logboekteksten, geen partners, geen namen van personen."
            ),
        ),
    ]
    if rollup.figures.double_mapped:
        rows.append(
            (
                _("Dubbel gekoppeld"),
                _("Een thema dat bij twee landelijke thema’s hoort, telt bij allebei mee."),
            )
        )
    if network_name:
        rows.insert(0, (_("Netwerk"), network_name))
    for row in rows:
        sheet.append(list(row))


def rollup_xlsx(rollup: Rollup, network_name: str | None = None) -> bytes:
    book = xlsx.Workbook(text_filter=_text)
    _about(book, rollup, network_name)
    month = rollup.figures
    widths = [30, 26, 11, 13, *([11] * (len(_headings()) - 5)), 40]
    for national in NationalTheme:
        sheet = book.add_sheet(
            str(labels.NATIONAL_THEME[national]), widths, column_formats=_percent_columns()
        )
        sheet.append(_headings(), bold=True)
        sheet.append(
            _row(
                _("Alle bouwstenen"),
                "",
                month.themes[national],
                rollup.theme_movement.get(national),
            ),
            bold=True,
        )
        for block, cell in rollup.blocks(national):
            moved = rollup.cell_movement(national, block)
            sheet.append(_row(str(labels.BUILDING_BLOCK[block]), "", cell, moved))
        for programme in month.programmes:
            cell = month.rows.get(programme.id, {}).get(national)
            if cell is None or not cell.programmes:
                continue  # no engagement of this municipality counts under this theme
            size = size_class(programme.inhabitants)
            moved = rollup.programme_movement.get(programme.id, {}).get(national)
            sheet.append(
                _row(
                    programme.municipality,
                    str(SIZE_CLASS_LABEL[size]) if size else "",
                    cell,
                    moved,
                )
            )
    return book.save()
