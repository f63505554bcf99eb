"""Evidence files: what may be uploaded, how it is checked, where it is kept.

A file is accepted only when its extension is on the list AND its first bytes (or, for Office
files, its zip contents) agree with that extension, so a renamed executable is refused. Files
are stored under random names outside the static folder and served only through a route that
checks the reader's rights.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
    "csv": "text/csv",
}
ALLOWED_LABEL = "pdf, png, jpg, docx, xlsx, txt, csv"


class UploadRefused(ValueError):
    """The file cannot be stored; the message says why, in the user's language."""


@dataclass(frozen=True)
class Upload:
    """A checked file, held in memory until the journal entry it belongs to is saved."""

    filename: str
    extension: str
    content: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def attachment_dir() -> Path:
    configured = current_app.config.get("ATTACHMENT_DIR")
    return Path(configured or os.path.join(current_app.instance_path, "attachments"))


def clean_filename(name: str) -> str:
    """The name as shown and offered on download: no folders, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return base[-200:] or "bijlage"


def _is_office(content: bytes, marker: str) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and marker in names


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def content_matches(extension: str, content: bytes) -> bool:
    """Content sniffing: do the bytes look like what the extension promises?"""
    if extension == "pdf":
        return content.startswith(b"%PDF-")
    if extension == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if extension == "docx":
        return _is_office(content, "word/document.xml")
    if extension == "xlsx":
        return _is_office(content, "xl/workbook.xml")
    if extension in ("txt", "csv"):
        return _is_text(content)
    return False


def check_upload(filename: str, content: bytes, max_bytes: int) -> Upload:
    """Accept a file or raise UploadRefused with a message naming the file and the problem."""
    name = clean_filename(filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise UploadRefused(
            _l(
                "%(name)s: dit bestandstype is niet toegestaan. Toegestaan: %(allowed)s.",
                name=name,
                allowed=ALLOWED_LABEL,
            )
        )
    if len(content) > max_bytes:
        raise UploadRefused(
            _l(
                "%(name)s is te groot (%(size)s); het maximum is %(max)s.",
                name=name,
                size=human_size(len(content)),
                max=human_size(max_bytes),
            )
        )
    if not content:
        raise UploadRefused(_l("%(name)s is leeg.", name=name))
    if not content_matches(extension, content):
        raise UploadRefused(
            _l(
                "%(name)s is geen echt %(ext)s-bestand (de inhoud past niet bij de extensie).",
                name=name,
                ext=extension,
            )
        )
    return Upload(filename=name, extension=extension, content=content)


def store(directory: Path, upload: Upload) -> str:
    """Write the file under a new random name and return that name."""
    directory.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{upload.extension}"
    with open(directory / stored_name, "xb") as handle:
        handle.write(upload.content)
    return stored_name


def remove_quietly(directory: Path, stored_names: list[str]) -> None:
    """Undo `store` when the database transaction that referenced the files failed."""
    for stored_name in stored_names:
        with contextlib.suppress(OSError):
            (directory / stored_name).unlink()


def human_size(size: int) -> str:
    """1,5 MB in Dutch, 1.5 MB in English."""
    if size >= 1024 * 1024:
        return f"{format_decimal(round(size / (1024 * 1024), 1))} MB"
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} B"
