"""The one clock of omtracker: "now", "today" and "this month" for app, CLI and generators.

Every figure that depends on the date (this month, overdue, the default month of a page) asks this
module, never `date.today()` or `datetime.now()` directly, so the test suite can pin the whole app
to a chosen moment with time-machine and move it on purpose (a month end, the year end, a leap
day). "Today" is the day in Europe/Amsterdam: a journal written at 00:30 on 1 December belongs to
December for a Dutch user, although it is still 30 November in UTC.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    """This moment, timezone-aware in UTC."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """This moment in UTC without tzinfo: what the database columns store."""
    return now().replace(tzinfo=None)


def local_now() -> datetime:
    """This moment in Europe/Amsterdam: what a Dutch user's wall clock says."""
    return now().astimezone(ZONE)


def today() -> date:
    """Today in Europe/Amsterdam."""
    return local_now().date()


def this_month() -> str:
    """This month as "YYYY-MM" (in Europe/Amsterdam)."""
    day = today()
    return f"{day.year:04d}-{day.month:02d}"


def timestamp() -> float:
    """Seconds since the epoch, for session and throttle clocks."""
    return time.time()


def to_local(moment: datetime) -> datetime:
    """A stored UTC time (naive or aware) as Europe/Amsterdam wall-clock time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZONE)
