"""The monthly report in a few plain Dutch sentences for the board, written from its figures.

Built at render time from the report dictionary (live or frozen), so the sentences follow the
reader's language and older snapshots get them too.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from omtracker.periods import format_period
from omtracker.reports.formatting import pct, rag_label


def _names(items: list[str]) -> str:
    """ "A", "A en B", "A, B en C"."""
    if len(items) < 2:
        return "".join(items)
    return _("%(first)s en %(last)s", first=", ".join(items[:-1]), last=items[-1])


def sentences(report: dict[str, Any], panel: dict[str, Any]) -> list[str]:
    month = format_period(report["period"], "MMMM")
    previous = format_period(report["previous_period"], "MMMM")
    totals = report["totals"]
    out = []
    coverage = totals["coverage"]
    if coverage["due"]:
        out.append(
            _(
                "In %(month)s schreven de thema’s voor %(written)s van de %(due)s "
                "samenwerkingen met partners die aan de beurt waren een logboek (%(pct)s).",
                month=month,
                written=coverage["written"],
                due=coverage["due"],
                pct=pct(coverage["pct"]),
            )
        )
    concerns = panel["concerns"]
    if concerns:
        named = [f"{c['name']} ({rag_label(c['rag']).lower()})" for c in concerns]
        out.append(
            ngettext(
                "%(num)s thema vraagt aandacht: %(names)s.",
                "%(num)s thema’s vragen aandacht: %(names)s.",
                len(concerns),
                names=_names(named),
            )
        )
        if panel["stand_in"]:
            out.append(
                _(
                    "(Status van %(previous)s; die van %(month)s volgt nog.)",
                    previous=previous,
                    month=month,
                )
            )
    elif panel["themes"]:
        out.append(_("Alle thema’s met een status zijn op koers."))
    move = totals["movement"]
    if move["up"] or move["down"]:
        out.append(
            _(
                "Sinds %(previous)s gingen %(up)s tekens van verandering bij partners omhoog en "
                "%(down)s omlaag; %(same)s bleven gelijk.",
                previous=previous,
                up=move["up"],
                down=move["down"],
                same=move["same"],
            )
        )
    expect = totals["attainment"].get("expect", {})
    if expect.get("total"):
        out.append(
            _(
                "Van de eerste stappen die we bij partners verwachten is %(pct)s bereikt "
                "(%(reached)s van %(total)s).",
                pct=pct(expect["pct"]),
                reached=expect["reached"],
                total=expect["total"],
            )
        )
    if panel["overdue_total"]:
        worst = panel["overdue"][0]
        out.append(
            ngettext(
                "%(num)s logboek is te laat, de meeste bij %(theme)s (%(count)s).",
                "%(num)s logboeken zijn te laat, de meeste bij %(theme)s (%(count)s).",
                panel["overdue_total"],
                theme=worst["name"],
                count=worst["count"],
            )
        )
    return out
