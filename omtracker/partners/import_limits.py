"""Limits an import file must stay within before it is parsed: no spreadsheet bombs.

The upload cap (IMPORT_MAX_BYTES, 2 MB) bounds the compressed file only. An XLSX is a zip of XML
parts and compresses a million empty rows into a few hundred kilobytes: a 128 KB workbook with
2 million rows once took 31 s and 530 MB to read. So before openpyxl sees a workbook, its zip
directory is checked (how many parts, how large each part is once unpacked, how strongly it is
compressed), then the first sheet's declared dimension, and rows are read as a stream that stops
at the row limit. A CSV is read as a stream too and stops at the same limit.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _

MAX_MEMBERS = 100
MAX_PART_BYTES = 10 * 1024 * 1024  # one unpacked part (a sheet, the shared strings)
MAX_OTHER_XML_BYTES = 1024 * 1024  # workbook, styles, relations: parsed whole by openpyxl
CELLS_PER_ROW = 10  # on average over the allowed rows (imports have 7 or 8 columns)
MAX_TOTAL_BYTES = 30 * 1024 * 1024  # every part together, unpacked
MAX_RATIO = 100  # unpacked over packed, for parts of more than RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_COLUMNS = 100  # columns read per row; an import has at most eight
BLANK_ROW_FACTOR = 5  # rows read in all (blank ones included) per allowed data row


class LimitExceeded(ValueError):
    """The file is beyond one of the limits; the message names it, in the user's language."""


def _megabytes(size: int) -> str:
    return format_decimal(round(size / 1024 / 1024, 1))


def check_zip_directory(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook by its zip directory alone, before anything is unpacked."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise LimitExceeded(
            _(
                "Dit Excel-bestand bestaat uit %(n)s onderdelen; hoogstens %(max)s zijn "
                "toegestaan.",
                n=len(members),
                max=MAX_MEMBERS,
            )
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_PART_BYTES:
            raise LimitExceeded(
                _(
                    "Uitgepakt is een deel van dit Excel-bestand (%(part)s) %(mb)s MB; hoogstens "
                    "%(max)s MB per deel is toegestaan.",
                    part=member.filename[:60],
                    mb=_megabytes(member.file_size),
                    max=_megabytes(MAX_PART_BYTES),
                )
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise LimitExceeded(
                _(
                    "Dit Excel-bestand is verdacht sterk gecomprimeerd (%(part)s: %(ratio)s keer; "
                    "hoogstens %(max)s keer is toegestaan).",
                    part=member.filename[:60],
                    ratio=int(ratio),
                    max=MAX_RATIO,
                )
            )
        parsed_whole = member.filename.endswith((".xml", ".rels")) and not (
            member.filename.startswith("xl/worksheets/")
            or member.filename == "xl/sharedStrings.xml"
        )
        if parsed_whole and member.file_size > MAX_OTHER_XML_BYTES:
            raise LimitExceeded(
                _(
                    "Uitgepakt is een deel van dit Excel-bestand (%(part)s) %(mb)s MB; hoogstens "
                    "%(max)s MB is toegestaan.",
                    part=member.filename[:60],
                    mb=_megabytes(member.file_size),
                    max=_megabytes(MAX_OTHER_XML_BYTES),
                )
            )
    if total > MAX_TOTAL_BYTES:
        raise LimitExceeded(
            _(
                "Uitgepakt is dit Excel-bestand %(mb)s MB; hoogstens %(max)s MB is toegestaan.",
                mb=_megabytes(total),
                max=_megabytes(MAX_TOTAL_BYTES),
            )
        )


_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]+(\d{1,9})\"")
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")


def max_cells(max_rows: int) -> int:
    return (max_rows + 1) * CELLS_PER_ROW


def _too_many_cells(max_rows: int) -> LimitExceeded:
    return LimitExceeded(
        _(
            "Het bestand heeft meer dan %(max)s gevulde cellen (%(per_row)s per rij bij %(rows)s "
            "rijen); laat lege en overbodige kolommen weg.",
            max=max_cells(max_rows),
            per_row=CELLS_PER_ROW,
            rows=max_rows,
        )
    )


def check_shared_strings(archive: zipfile.ZipFile, max_rows: int) -> None:
    """openpyxl reads every shared string before the first row: count them first."""
    try:
        data = archive.read("xl/sharedStrings.xml")
    except KeyError:
        return
    if len(_SHARED_STRING.findall(data)) > max_cells(max_rows):
        raise _too_many_cells(max_rows)


def check_sheets(archive: zipfile.ZipFile, max_rows: int) -> None:
    """Every sheet's declared size (<dimension ref="A1:H2000000"/>), then the rows and cells it
    really holds, counted in its XML (unpacked: at most MAX_PART_BYTES) without parsing it.

    Every sheet, not only the first: openpyxl reads each sheet up to its dimension on opening
    the workbook, and a sheet without one to its end.
    """
    cells = 0
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        data = archive.read(name)
        declared = _DIMENSION.search(data, 0, 4096)
        rows = int(declared.group(1)) if declared else 0
        if rows <= (max_rows + 1) * BLANK_ROW_FACTOR:
            rows = len(_ROW.findall(data))
        if rows > (max_rows + 1) * BLANK_ROW_FACTOR:
            raise LimitExceeded(
                _(
                    "Het werkblad heeft %(n)s rijen; importeer hoogstens %(max)s rijen per keer.",
                    n=rows,
                    max=max_rows,
                )
            )
        cells += len(_CELL.findall(data))
        if cells > max_cells(max_rows):
            raise _too_many_cells(max_rows)


def too_many_rows(max_rows: int) -> LimitExceeded:
    return LimitExceeded(
        _(
            "Het bestand heeft meer dan %(max)s rijen; importeer hoogstens %(max)s rijen per keer.",
            max=max_rows,
        )
    )


def bounded_rows(rows: Any, max_rows: int) -> list[tuple[int, list[Any]]]:
    """(row number, cells) of the non-blank rows, stopping as soon as the limit is passed.

    `rows` yields (row number, cells) one by one; the header and `max_rows` data rows are
    allowed, and at most BLANK_ROW_FACTOR times as many rows in all (blank ones included).
    """
    kept: list[tuple[int, list[Any]]] = []
    budget = (max_rows + 1) * BLANK_ROW_FACTOR
    for seen, (number, cells) in enumerate(rows, start=1):
        if seen > budget:
            raise too_many_rows(max_rows)
        cells = list(cells[:MAX_COLUMNS])
        if not any(c is not None and str(c).strip() != "" for c in cells):
            continue
        kept.append((number, cells))
        if len(kept) > max_rows + 1:
            raise too_many_rows(max_rows)
    return kept
