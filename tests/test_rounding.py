"""Rule 7 (DESIGN.md §3): one rounding rule for every screen, export, PDF and the API; and
rule 5's one schedule for "due" and "overdue"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omtracker.charts import percent as chart_percent
from omtracker.metrics import Attainment, Coverage
from omtracker.metrics.rules import is_due, last_day, next_due, overdue_since, percent
from omtracker.periods import add_months, period_range


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (5, 8, 63),  # 62.5 rounds half up
        (3, 8, 38),  # 37.5 too: halves round the same way everywhere
        (413, 415, 99),  # 99.5 is not "100 %": not all are reached
        (1, 1000, 1),  # 0.1 is not "0 %": one is reached
        (999, 1000, 99),
        (0, 7, 0),
        (7, 7, 100),
        (1, 3, 33),
        (2, 3, 67),
    ],
)
def test_one_rounding_rule(part, whole, shown):
    assert percent(part, whole) == shown
    assert Attainment(part, whole).pct == shown
    assert Coverage(part, whole).pct == shown


def test_nothing_to_count_has_no_percentage():
    assert percent(0, 0) is None
    assert Attainment().pct is None


def test_exports_and_charts_show_the_same_figure(app):
    from omtracker.reports.exports import _fraction
    from omtracker.reports.formatting import share

    with app.test_request_context():
        assert share({"reached": 413, "total": 415, "pct": 99.5}) == "413 van 415 (99\u00a0%)"
        assert share({"reached": 5, "total": 8, "pct": 62.5}) == "5 van 8 (63\u00a0%)"
    assert _fraction({"reached": 413, "total": 415}, "reached", "total") == 0.99
    assert _fraction({"reached": 3, "total": 8}, "reached", "total") == 0.38
    assert chart_percent(Attainment(5, 8).pct) == "63%"
    assert chart_percent(37.5) == "38%"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    schedule_from=st.sampled_from(["2025-11", "2026-01", "2026-02"]),
    frequency=st.sampled_from([1, 2, 3, 4, 6, 12]),
    last=st.one_of(st.none(), st.sampled_from(period_range("2025-06", "2026-11"))),
)
def test_due_and_overdue_use_one_schedule(schedule_from, frequency, last):
    """Rule 5: the journal that becomes overdue is due in a month `is_due` names, the first
    such month after the last journal; no due month is skipped or invented."""
    due_month = next_due(last, schedule_from, frequency)
    assert is_due(schedule_from, frequency, due_month)
    assert last is None or due_month > last
    first = schedule_from if last is None else max(schedule_from, add_months(last, 1))
    between = period_range(first, due_month)
    assert [m for m in between if is_due(schedule_from, frequency, m)] == [due_month]
    assert overdue_since(last, schedule_from, frequency) == last_day(due_month) + timedelta(14)
