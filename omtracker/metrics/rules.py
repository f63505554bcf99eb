"""The rules of DESIGN.md §3 that need no database: pure, tiny, unit-tested.

Everything that shows a number calls these (directly or through the SQL-backed functions in
this package), so a rule is written exactly once.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from omtracker.models.enums import TIER_ORDER, Level, Tier
from omtracker.periods import add_months, months_between, parse_period

REACHED_LEVEL = Level.medium  # rule 2: reached when the current level is medium or high
STAGE_THRESHOLD = 0.5  # rule 4: a tier counts as attained from 50 %
OVERDUE_GRACE_DAYS = 14  # rule 5: frequency plus 14 days


def percent(part: int, whole: int) -> int | None:
    """Rule 7, the one rounding rule of every screen, export, PDF and the API: a whole
    percentage rounded half up, except that 100 % means all and 0 % means none (413 of 415 is
    99 %, 1 of 1,000 is 1 %). None when there is nothing to count."""
    if whole <= 0:
        return None
    if part >= whole:
        return 100
    if part <= 0:
        return 0
    rounded = (200 * part + whole) // (2 * whole)  # half up, in integers: no float surprises
    return min(99, max(1, rounded))


def round_half_up(value: float) -> int:
    """A percentage that arrives without its counts (an old published report) rounded by the
    same half-up rule."""
    return int(math.floor(value + 0.5))


@dataclass(frozen=True)
class Attainment:
    """Reached markers out of the markers that count: pooled, never an average of percentages."""

    reached: int = 0
    total: int = 0

    @property
    def pct(self) -> int | None:
        """Rule 7: the shown percentage (see `percent`)."""
        return percent(self.reached, self.total)

    def __add__(self, other: Attainment) -> Attainment:
        return Attainment(self.reached + other.reached, self.total + other.total)


@dataclass(frozen=True)
class Coverage:
    """Active engagements with an entry for the month out of those due that month."""

    written: int = 0
    due: int = 0
    # Of the written: journals that confirm "geen verandering gezien" (shown as such).
    unchanged: int = 0

    @property
    def pct(self) -> int | None:
        """Rule 7: the shown percentage (see `percent`)."""
        return percent(self.written, self.due)

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.written + other.written, self.due + other.due, self.unchanged + other.unchanged
        )


@dataclass(frozen=True)
class Movement:
    """Markers whose current level went up, went down or stayed between two months."""

    up: int = 0
    down: int = 0
    same: int = 0

    @property
    def total(self) -> int:
        return self.up + self.down + self.same


def is_reached(level: int | None) -> bool:
    return level is not None and level >= REACHED_LEVEL


def marker_counts_in(first_period: str, retired_period: str | None, period: str) -> bool:
    """A marker counts from its first month up to and including its last (retired) month."""
    return first_period <= period and (retired_period is None or period <= retired_period)


def stage_of(attainment: dict[Tier, Attainment]) -> str:
    """Rule 4: the highest tier at ≥ 50 % while every lower tier that has markers is ≥ 50 %.

    A tier without markers neither blocks nor earns a stage: like and love reached with no
    expect markers is "graag" then "prachtig bereikt", not "nog niet gestart".
    """
    stage = "not_started"
    for tier in TIER_ORDER:
        value = attainment.get(tier, Attainment())
        if value.total == 0:
            continue
        if value.reached < STAGE_THRESHOLD * value.total:
            break
        stage = tier.value
    return stage


def is_due(schedule_from: str, frequency_months: int, period: str) -> bool:
    """Due in the month the schedule starts (start, resumption or change of frequency) and
    every `frequency` months after it."""
    if period < schedule_from:
        return False
    return months_between(schedule_from, period) % max(1, frequency_months) == 0


def due_under(status: str, schedule_from: str, frequency_months: int, period: str) -> bool:
    """Rule 5 under the state valid in `period`: only a running (not paused) engagement is due."""
    return status == "active" and is_due(schedule_from, frequency_months, period)


def next_due(last_period: str | None, schedule_from: str, frequency_months: int) -> str:
    """The first due month of the schedule after the last journal (or its first month)."""
    if last_period is None or last_period < schedule_from:
        return schedule_from
    step = max(1, frequency_months)
    return add_months(
        schedule_from, (months_between(schedule_from, last_period) // step + 1) * step
    )


def last_day(period: str) -> date:
    year, month = parse_period(period)
    return date(year, month, calendar.monthrange(year, month)[1])


def overdue_since(last_period: str | None, schedule_from: str, frequency_months: int) -> date:
    """The day after which the engagement is overdue (rule 5).

    The next journal is due in the schedule's first due month after the last one (the same
    months `is_due` names); it is overdue 14 days after that month ends.
    """
    return last_day(next_due(last_period, schedule_from, frequency_months)) + timedelta(
        days=OVERDUE_GRACE_DAYS
    )


def is_overdue(
    last_period: str | None, schedule_from: str, frequency_months: int, today: date
) -> bool:
    return today > overdue_since(last_period, schedule_from, frequency_months)
