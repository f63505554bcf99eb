"""Rule 7 (DESIGN.md §3): one rounding rule for every screen, export, PDF and the API."""

from __future__ import annotations

import pytest

from omtracker.charts import percent as chart_percent
from omtracker.metrics import Attainment, Coverage
from omtracker.metrics.rules import percent


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
