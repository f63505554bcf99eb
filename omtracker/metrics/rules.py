"""The rules of DESIGN.md §3 that need no database: pure, tiny, unit-tested.

Everything that shows a number calls these (directly or through the SQL-backed functions in
this package), so a rule is written exactly once.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from omtracker.models.enums import TIER_ORDER, Level, Tier
from omtracker.periods import add_months, months_between, parse_period

REACHED_LEVEL = Level.medium  # rule 2: reached when the current level is medium or high
STAGE_THRESHOLD = 0.5  # rule 4: a tier counts as attained from 50 %
OVERDUE_GRACE_DAYS = 14  # rule 5: frequency plus 14 days


@dataclass(frozen=True)
class Attainment:
    """Reached markers out of the markers that count: pooled, never an average of percentages."""

    reached: int = 0
    total: int = 0

    @property
    def pct(self) -> float | None:
        return None if self.total == 0 else 100.0 * self.reached / self.total

    def __add__(self, other: Attainment) -> Attainment:
        return Attainment(self.reached + other.reached, self.total + other.total)


@dataclass(frozen=True)
class Coverage:
    """Active engagements with an entry for the month out of those due that month."""

    written: int = 0
    due: int = 0

    @property
    def pct(self) -> float | None:
        return None if self.due == 0 else 100.0 * self.written / self.due

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.written + other.written, self.due + other.due)


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
    """Rule 4: the highest tier at ≥ 50 % while every lower tier is ≥ 50 % too.

    A tier without markers cannot be attained, so an engagement without love markers stops
    at "like" at most.
    """
    stage = "not_started"
    for tier in TIER_ORDER:
        value = attainment.get(tier, Attainment())
        if value.total == 0 or value.reached < STAGE_THRESHOLD * value.total:
            break
        stage = tier.value
    return stage


def is_due(start_period: str, frequency_months: int, period: str) -> bool:
    """An engagement is due in its start month and every `frequency` months after it."""
    if period < start_period:
        return False
    return months_between(start_period, period) % max(1, frequency_months) == 0


def last_day(period: str) -> date:
    year, month = parse_period(period)
    return date(year, month, calendar.monthrange(year, month)[1])


def overdue_since(last_period: str | None, start_period: str, frequency_months: int) -> date:
    """The day after which the engagement is overdue (rule 5).

    The next entry is expected for the month `frequency` months after the last one (or the
    start month when there is none); it is overdue 14 days after that month ends.
    """
    reference = last_period if last_period is not None else add_months(start_period, -1)
    next_due = add_months(reference, max(1, frequency_months))
    return last_day(next_due) + timedelta(days=OVERDUE_GRACE_DAYS)


def is_overdue(
    last_period: str | None, start_period: str, frequency_months: int, today: date
) -> bool:
    return today > overdue_since(last_period, start_period, frequency_months)
