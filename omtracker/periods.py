"""Months as "YYYY-MM" strings: parsing, arithmetic and Dutch display."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import format_date

from omtracker import clock

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def is_period(value: str | None) -> bool:
    return bool(value) and PERIOD_RE.match(value) is not None


def parse_period(value: str) -> tuple[int, int]:
    match = PERIOD_RE.match(value or "")
    if not match:
        raise ValueError(f"not a month: {value!r}")
    return int(match.group(1)), int(match.group(2))


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def current_period(today: date | None = None) -> str:
    """This month (from the app's clock), or the month of `today` when given."""
    return period_of(today or clock.today())


def add_months(period: str, months: int) -> str:
    year, month = parse_period(period)
    index = year * 12 + (month - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(start: str, end: str) -> int:
    """Whole months from start to end (end - start); negative when end is earlier."""
    sy, sm = parse_period(start)
    ey, em = parse_period(end)
    return (ey * 12 + em) - (sy * 12 + sm)


def period_range(start: str, end: str) -> list[str]:
    return [add_months(start, i) for i in range(months_between(start, end) + 1)]


def first_day(period: str) -> date:
    year, month = parse_period(period)
    return date(year, month, 1)


def format_period(period: str, fmt: str = "MMMM yyyy") -> str:
    """Dutch by default: "november 2026"; follows the selected interface language."""
    return format_date(first_day(period), fmt)
