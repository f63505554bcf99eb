"""Reading import files (CSV or XLSX), keeping an upload between preview and confirm, templates.

The uploaded file itself is kept under instance/imports with a random name and a small JSON note
of who uploaded it for which programme; the confirm step reads and validates that file again.
Rows are never carried in the form, so what is imported is exactly what was previewed and checked.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

from omtracker import clock

COLUMNS = {
    "partners": {
        "naam": ("naam", "name", "partner", "organisatie"),
        "type": ("type", "soort", "soort organisatie"),
        "wijk": ("wijk",),
        "website": ("website", "webadres", "url"),
        "contactpersoon": ("contactpersoon", "contact"),
        "e-mail": ("e-mail", "email", "e-mailadres", "emailadres"),
        "telefoon": ("telefoon", "telefoonnummer", "tel"),
        "omschrijving": ("omschrijving", "beschrijving"),
    },
    "uitkomstuitdagingen": {
        "partner": ("partner", "grenspartner", "naam"),
        "opgave": ("opgave",),
        "uitkomstuitdaging": ("uitkomstuitdaging",),
        "frequentie": ("frequentie", "monitoringfrequentie"),
        "startdatum": ("startdatum", "start"),
        "niveau": ("niveau", "tier"),
        "markering": ("markering", "voortgangsmarkering"),
    },
}
REQUIRED = {
    "partners": ("naam",),
    "uitkomstuitdagingen": ("partner", "opgave", "uitkomstuitdaging", "startdatum"),
}
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    """A sheet's data rows keyed by canonical column name, with their row numbers in the file."""

    rows: list[tuple[int, dict[str, Any]]]
    ignored_columns: list[str]


def _key(text: Any) -> str:
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain.strip().lower().replace("_", " "))


def read_table(data: bytes, filename: str, kind: str, max_rows: int) -> Table:
    """The data rows of an uploaded CSV or XLSX file, or ImportFileError."""
    suffix = Path(filename or "").suffix.lower()
    if not data:
        raise ImportFileError(_("Het bestand is leeg."))
    if suffix == ".xlsx":
        raw = _xlsx_rows(data)
    elif suffix == ".csv":
        raw = _csv_rows(data)
    else:
        raise ImportFileError(
            _("Alleen CSV-bestanden (.csv) en Excel-bestanden (.xlsx) kunnen worden geïmporteerd.")
        )
    raw = [(number, cells) for number, cells in raw if any(_present(c) for c in cells)]
    if not raw:
        raise ImportFileError(_("Het bestand bevat geen kopregel en geen gegevens."))
    header_number, header = raw[0]
    aliases = {alias: name for name, names in COLUMNS[kind].items() for alias in names}
    positions: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        name = aliases.get(_key(cell))
        if name and name not in positions:
            positions[name] = index
        elif _present(cell):
            ignored.append(str(cell).strip())
    missing = [name for name in REQUIRED[kind] if name not in positions]
    if missing:
        raise ImportFileError(
            _(
                "De kopregel (rij %(row)s) mist de kolom(men): %(columns)s. Gebruik het sjabloon.",
                row=header_number,
                columns=", ".join(missing),
            )
        )
    rows = []
    for number, cells in raw[1:]:
        values = {name: cells[i] if i < len(cells) else None for name, i in positions.items()}
        rows.append((number, values))
    if len(rows) > max_rows:
        raise ImportFileError(
            _(
                "Het bestand heeft %(n)s rijen; importeer hoogstens %(max)s rijen per keer.",
                n=len(rows),
                max=max_rows,
            )
        )
    if not rows:
        raise ImportFileError(_("Het bestand bevat alleen een kopregel, geen gegevens."))
    return Table(rows=rows, ignored_columns=ignored)


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    if not data.startswith(XLSX_MAGIC):
        raise ImportFileError(_("Dit is geen geldig Excel-bestand (.xlsx)."))
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                return [
                    (number, list(row))
                    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            finally:
                workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        raise ImportFileError(_("Dit Excel-bestand kan niet worden gelezen.")) from exc


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    if b"\x00" in data:
        raise ImportFileError(_("Dit is geen tekstbestand; sla het op als CSV (UTF-8)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Numbered by record, as a spreadsheet shows them: a text with a line break inside
        # quotes is one row, not two.
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ImportFileError(_("Dit CSV-bestand kan niet worden gelezen: %(e)s", e=exc)) from exc


# Keeping the upload between preview and confirm ------------------------------------------------


def store_upload(
    folder: Path, data: bytes, filename: str, kind: str, user_id: int, programme_id: int
) -> str:
    """Save the uploaded bytes under a random token; returns the token."""
    folder.mkdir(parents=True, exist_ok=True)
    purge_old_uploads(folder)
    token = secrets.token_hex(16)
    (folder / f"{token}.upload").write_bytes(data)
    meta = {
        "filename": Path(filename).name[:200],
        "kind": kind,
        "user_id": user_id,
        "programme_id": programme_id,
        "at": clock.timestamp(),
    }
    (folder / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load_upload(
    folder: Path, token: str, kind: str, user_id: int, programme_id: int
) -> tuple[bytes, str] | None:
    """The stored upload for this token, only for the same user, programme and kind."""
    if not TOKEN_RE.match(token or ""):
        return None
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        data = (folder / f"{token}.upload").read_bytes()
    except (OSError, ValueError):
        return None
    if (meta.get("kind"), meta.get("user_id"), meta.get("programme_id")) != (
        kind,
        user_id,
        programme_id,
    ):
        return None
    return data, meta.get("filename", "")


def discard_upload(folder: Path, token: str) -> None:
    if TOKEN_RE.match(token or ""):
        for suffix in (".upload", ".json"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)


def purge_old_uploads(folder: Path, max_age_seconds: int = 24 * 3600) -> None:
    """Uploads that were previewed but never confirmed are removed after a day."""
    cutoff = clock.timestamp() - max_age_seconds
    for path in folder.glob("*.upload"):
        if path.stat().st_mtime < cutoff:
            discard_upload(folder, path.stem)


# Templates -----------------------------------------------------------------------------------


def template_headers(kind: str) -> list[str]:
    return list(COLUMNS[kind])


def template_csv(kind: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow(template_headers(kind))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(kind: str, explanation: list[tuple[str, str]]) -> bytes:
    """A workbook with the header row on the first sheet and a sheet explaining the columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind[:31]
    sheet.append(template_headers(kind))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = 24
        if cell.value == "telefoon":  # a text column: Excel keeps the leading 0 as typed
            for row in range(2, 502):
                sheet.cell(row=row, column=cell.column).number_format = "@"
    notes = workbook.create_sheet(_("Toelichting")[:31])
    notes.append([_("Kolom"), _("Wat vul je in")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column, text in explanation:
        notes.append([column, text])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
