"""Numbers read from the address (?page=, ?thema=) parsed once at the edge, safely.

Anyone can type `page=99999999999999999999`, `page=-1` or `thema=abc`. Such a value must not reach
the database (an absurd number overflows its integers: a 500); a list answers with its first or
an empty page instead, and a filter on an id no record can have filters on nothing.
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL)
MAX_PAGE = 100_000_000  # far past any list's end, yet its OFFSET fits every database


def _plain_int(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 30:
        return None
    return int(text)


def page_number(raw: str | None) -> int:
    """A page number from 1 to MAX_PAGE: missing, negative or not a number gives page 1."""
    number = _plain_int(raw)
    if number is None or number < 1:
        return 1
    return min(number, MAX_PAGE)


def record_id(raw: str | None) -> int | None:
    """An id a record can have, or None."""
    number = _plain_int(raw)
    return number if number is not None and 0 < number <= MAX_ID else None
