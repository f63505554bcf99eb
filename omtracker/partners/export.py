"""The partner registry as a file for Dutch Excel: XLSX and CSV with the import's columns.

The columns are those of the import template, so an exported registry can be edited and read
back. Phone numbers and other codes stay text: the XLSX stores them as text cells; the CSV
writes them as ="0592123456", which Excel shows as 0592123456 instead of the number 592123456
(the import reads that form back). Every other text that a spreadsheet would run as a formula
gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from sqlalchemy import select

from omtracker import xlsx
from omtracker.extensions import db
from omtracker.labels import PARTNER_TYPE
from omtracker.models import Partner
from omtracker.partners.importing import template_headers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CODE_RE = re.compile(r"^[0-9+()\-\s./]+$")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def registry_rows(programme_id: int) -> list[list[str]]:
    """One row per partner in the register (archived and merged ones left out), by name."""
    partners = db.session.scalars(
        select(Partner)
        .where(
            Partner.programme_id == programme_id,
            Partner.archived.is_(False),
            Partner.merged_into_id.is_(None),
        )
        .order_by(Partner.name)
    )
    return [
        [
            p.name,
            str(PARTNER_TYPE.get(p.type, p.type)),
            p.wijk or "",
            p.website or "",
            p.contact_name or "",
            p.contact_email or "",
            p.contact_phone or "",
            p.description or "",
        ]
        for p in partners
    ]


PHONE_COLUMN = template_headers("partners").index("telefoon")


def registry_xlsx(programme_id: int) -> bytes:
    book = xlsx.Workbook(text_filter=neutralise)
    sheet = book.add_sheet("partners")
    sheet.append(template_headers("partners"), bold=True)
    for row in registry_rows(programme_id):
        sheet.append(row)  # every value is a text cell: 0592123456 stays 0592123456
    return book.save()


def code_cell(value: str) -> str:
    """A code as Excel keeps it from a CSV: ="0592123456"."""
    if value and CODE_RE.match(value):
        return f'="{value}"'
    return neutralise(value)


def registry_csv(programme_id: int) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(template_headers("partners"))
    for row in registry_rows(programme_id):
        cells = [neutralise(value) for value in row]
        cells[PHONE_COLUMN] = code_cell(row[PHONE_COLUMN])
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")
