"""Months as "YYYY-MM" strings: parsing, arithmetic and Dutch display."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import format_date
from werkzeug.exceptions import BadRequest, NotFound

from omtracker import clock

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
FIRST_MONTH = "2000-01"


class MonthRefused(BadRequest):
    """?maand= that is malformed, before 2000 or still to come: one Dutch page everywhere."""

    month_refused = True


class MonthNotFound(NotFound):
    """The same, for a month in the address itself (/rapportage/2026-13)."""

    month_refused = True


def requested_month(value: str | None, in_path: bool = False) -> str:
    """The month a page is asked for: absent means this month; a malformed month, one before
    2000 or one after this month is refused the same way on every page and for every role
    (400 for ?maand=, 404 in the path), never answered with today's figures."""
    if value is None or value == "":
        return current_period()
    if is_period(value) and FIRST_MONTH <= value <= current_period():
        return value
    raise MonthNotFound() if in_path else MonthRefused()


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


def months_phrase(periods: list[str]) -> str:
    """Months named for a sentence: "oktober en november", or a range when there are many.

    The year is named only for months outside this year.
    """
    from flask_babel import gettext as _

    this_year = current_period()[:4]

    def name(period: str) -> str:
        return format_period(period, "MMMM" if period[:4] == this_year else "MMMM yyyy")

    if not periods:
        return ""
    if len(periods) == 1:
        return name(periods[0])
    if len(periods) > 4:
        return _("%(first)s tot en met %(last)s", first=name(periods[0]), last=name(periods[-1]))
    first = ", ".join(name(p) for p in periods[:-1])
    return _("%(first)s en %(last)s", first=first, last=name(periods[-1]))
