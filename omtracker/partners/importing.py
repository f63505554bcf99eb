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
from omtracker.partners import import_limits

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
    """The data rows of an uploaded CSV or XLSX file, or ImportFileError.

    Reading stops as soon as the file passes `max_rows` data rows, and a workbook is checked
    against the limits of import_limits before it is parsed at all.
    """
    suffix = Path(filename or "").suffix.lower()
    if not data:
        raise ImportFileError(_("Het bestand is leeg."))
    try:
        if suffix == ".xlsx":
            raw = _xlsx_rows(data, max_rows)
        elif suffix == ".csv":
            raw = _csv_rows(data, max_rows)
        else:
            raise ImportFileError(
                _(
                    "Alleen CSV-bestanden (.csv) en Excel-bestanden (.xlsx) kunnen worden "
                    "geïmporteerd."
                )
            )
    except import_limits.LimitExceeded as exc:
        raise ImportFileError(str(exc)) from exc
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
    if not rows:
        raise ImportFileError(_("Het bestand bevat alleen een kopregel, geen gegevens."))
    return Table(rows=rows, ignored_columns=ignored)


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _xlsx_rows(data: bytes, max_rows: int) -> list[tuple[int, list[Any]]]:
    if not data.startswith(XLSX_MAGIC):
        raise ImportFileError(_("Dit is geen geldig Excel-bestand (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            import_limits.check_zip_directory(archive)
            import_limits.check_shared_strings(archive, max_rows)
            import_limits.check_sheets(archive, max_rows)
        return _bounded_workbook_rows(data, max_rows)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        if isinstance(exc, import_limits.LimitExceeded):
            raise
        raise ImportFileError(_("Dit Excel-bestand kan niet worden gelezen.")) from exc


def _bounded_workbook_rows(data: bytes, max_rows: int) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            # The sheet's declared size is not trusted: read at most the allowed rows.
            budget = (max_rows + 1) * import_limits.BLANK_ROW_FACTOR + 1
            rows = sheet.iter_rows(
                values_only=True, max_row=budget, max_col=import_limits.MAX_COLUMNS
            )
            return import_limits.bounded_rows(enumerate(rows, start=1), max_rows)
        finally:
            workbook.close()


def _csv_rows(data: bytes, max_rows: int) -> list[tuple[int, list[Any]]]:
    if b"\x00" in data:
        raise ImportFileError(_("Dit is geen tekstbestand; sla het op als CSV (UTF-8)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Numbered by record, as a spreadsheet shows them: a text with a line break inside
        # quotes is one row, not two.
        return import_limits.bounded_rows(enumerate(reader, start=1), max_rows)
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
