"""What the fuzz tests post: hostile values and files, and how a form is described.

The forms themselves are listed in tests/fuzz_forms_list.py. A valid submission is mutated
field by field: kept, replaced by something hostile, or left out.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import (
    Base,
)
from omtracker.periods import current_period
from tests.trust_support import Records

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NOW = current_period()
UPLOAD_LIMIT = 64 * 1024  # ATTACHMENT_MAX_BYTES and IMPORT_MAX_BYTES during the fuzz tests
MISSING = object()

HOSTILE_TEXTS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE users; --",
    "1 OR 1=1",
    "\x00",
    "a\x00b",
    "🏃‍♀️⚽️🏟️",
    "\u202egnp.exe\u202c",
    "مرحبا שלום",
    "e\u0301\u0301\u0301\u0301",
    "Z̸̡̛͓a̷̢͖l̴̰͝g̵̱̈o̶̱͝",
    '=HYPERLINK("https://example.org","x")',
    "+31 6 1234",
    "-1",
    "@SUM(A1)",
    "2026-13",
    "0000-00",
    "9999-99",
    "2026-1",
    "26-01",
    "abc",
    "1e309",
    "NaN",
    "-inf",
    "１２３",
    "99999999999999999999",
    "-99999999999999999999",
    "0",
    "",
    " ",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "//example.org/",
    "https://example.org/",
    "javascript:alert(1)",
    "\r\n\t",
]


def _overlong(length: int) -> str:
    return ("Lang<b>é</b>🏃 " * (length // 12 + 1))[:length]


HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    st.integers(10_000, 100_000).map(_overlong),
)


def submissions(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The valid submission with each field kept, made hostile or left out."""
    fields = {
        name: st.one_of(st.just(value), HOSTILE, st.just(MISSING)) for name, value in valid.items()
    }
    return st.fixed_dictionaries(fields).map(
        lambda drawn: {k: v for k, v in drawn.items() if v is not MISSING}
    )


UPLOADS = st.one_of(
    st.just((b"bewijs\n", "bewijs.txt")),
    st.just((b"a" * (UPLOAD_LIMIT + 1), "te-groot.txt")),
    st.just((b"MZ\x90\x00" + b"\x00" * 64, "verslag.pdf")),
    st.just((b"", "leeg.txt")),
    st.tuples(st.binary(max_size=200), st.sampled_from(["x.csv", "x.xlsx", "x.exe", "x"])),
    st.tuples(st.just(b"tekst\n"), HOSTILE.map(lambda name: f"{name}.txt")),
)


def as_files(drawn: list[tuple[bytes, str]]) -> list[tuple[io.BytesIO, str]]:
    return [(io.BytesIO(content), name) for content, name in drawn]


def import_csv(rows: list[list[str]], header: str) -> bytes:
    body = header + "\n" + "\n".join(";".join(row) for row in rows) + "\n"
    return body.encode("utf-8", "surrogatepass")


def row_counts() -> dict[str, int]:
    """Rows per table in one query (the audit trail and login throttling aside)."""
    tables = [
        t for t in Base.metadata.sorted_tables if t.name not in {"audit_events", "login_attempts"}
    ]
    counts = db.session.execute(
        select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables))
    ).one()
    return dict(zip((t.name for t in tables), counts, strict=True))


def version(model: type, record_id: int) -> str:
    return str(db.session.get(model, record_id).version)


@dataclass(frozen=True)
class Form:
    endpoint: str
    user: str  # someone allowed to post here ("anonymous" for the login page)
    values: Callable[[Records], dict[str, Any]]
    valid: Callable[[Records], dict[str, Any]]
    texts: tuple[str, ...] = ()  # free-text fields that are shown after saving
    uploads: str | None = None  # the upload field, if any
    shown: Callable[[Records], str] | None = None  # where the text shows, if not the redirect
    upload: tuple[bytes, str] | None = None  # a file the form accepts


PARTNER_HEADER = "naam;type;wijk;website;contactpersoon;e-mail;telefoon;omschrijving"
ENGAGEMENT_HEADER = "partner;opgave;uitkomstuitdaging;frequentie;startdatum;niveau;markering"


CELLS = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=40))


def import_files(header: str) -> st.SearchStrategy[tuple[bytes, str]]:
    """A CSV of hostile rows, a file just over the limit, a broken workbook, random bytes."""
    rows = st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=1, max_size=5)
    return st.one_of(
        rows.map(lambda drawn: (import_csv(drawn, header), "import.csv")),
        st.just((b"a" * (UPLOAD_LIMIT + 1), "groot.csv")),
        st.just((b"PK\x03\x04kapot", "import.xlsx")),
        st.tuples(st.binary(max_size=300), st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x"])),
    )


def upload_strategy(form: Form) -> st.SearchStrategy[list[tuple[bytes, str]]]:
    if form.uploads == "files":
        return st.lists(UPLOADS, max_size=3)
    header = PARTNER_HEADER if form.uploads.startswith("partners") else ENGAGEMENT_HEADER
    return import_files(header).map(lambda one: [one])
