"""One clock the tests control: the suite never depends on the day it runs (DESIGN.md §3a).

The suite pins the app's clock (tests/conftest.py); these tests move it on purpose across a month
end, the year end and a leap day, and check that nothing in the app reads the real clock.
"""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from omtracker import clock
from omtracker.metrics.rules import is_overdue, last_day, overdue_since
from omtracker.periods import current_period
from tests.journals_support import add_engagement

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
PACKAGE = Path(__file__).resolve().parents[1] / "omtracker"


def test_the_suite_runs_on_its_pinned_date_whatever_the_machine_says():
    assert clock.this_month() == "2026-11"
    assert current_period() == "2026-11"


def test_this_month_turns_at_midnight_in_amsterdam_not_utc(time_machine):
    # 23:30 UTC on 30 November is already 00:30 on 1 December in Assen.
    time_machine.move_to(datetime(2026, 11, 30, 23, 30, tzinfo=UTC), tick=False)
    assert clock.today() == date(2026, 12, 1)
    assert clock.this_month() == current_period() == "2026-12"
    time_machine.move_to(datetime(2026, 11, 30, 23, 30, tzinfo=AMSTERDAM), tick=False)
    assert clock.this_month() == "2026-11"


def test_overdue_across_the_year_end():
    # The November journal is written; December's is due, overdue 14 days after 31 December.
    assert overdue_since("2026-11", "2026-01", 1) == date(2027, 1, 14)
    assert not is_overdue("2026-11", "2026-01", 1, date(2027, 1, 14))
    assert is_overdue("2026-11", "2026-01", 1, date(2027, 1, 15))
    # Quarterly from October: the next is January, overdue from 15 February.
    assert overdue_since("2026-10", "2026-01", 3) == date(2027, 2, 14)


def test_leap_day_is_a_day_of_february(time_machine):
    time_machine.move_to(datetime(2028, 2, 29, 12, 0, tzinfo=AMSTERDAM), tick=False)
    assert clock.today() == date(2028, 2, 29)
    assert clock.this_month() == "2028-02"
    assert last_day("2028-02") == date(2028, 2, 29)
    assert last_day("2027-02") == date(2027, 2, 28)
    assert overdue_since("2028-01", "2027-01", 1) == date(2028, 3, 14)


def test_my_month_follows_the_clock_across_the_year_end(client, world, login, time_machine):
    add_engagement(world, partner_name="Zwemclub Jaarwisseling", last_entry="2026-11")
    time_machine.move_to(datetime(2026, 12, 31, 12, 0, tzinfo=AMSTERDAM))
    login("trekker1")
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "december 2026" in html
    todo = html.split("Nog te schrijven")[1].split("Geschreven")[0]
    assert "Zwemclub Jaarwisseling" in todo
    assert "Achterstallig" not in todo.split("Zwemclub Jaarwisseling")[1].split("</li>")[0]

    time_machine.move_to(datetime(2027, 1, 15, 9, 0, tzinfo=AMSTERDAM))
    login("trekker1")  # the earlier session ran out over the holidays
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "januari 2027" in html
    todo = html.split("Nog te schrijven")[1].split("Geschreven")[0]
    row = todo.split("Zwemclub Jaarwisseling")[1].split("</li>")[0]
    assert "Achterstallig sinds" in row


def _direct_clock_reads(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if (name, node.func.attr) in {
                ("date", "today"),
                ("datetime", "now"),
                ("datetime", "utcnow"),
                ("datetime", "today"),
                ("time", "time"),
            }:
                found.append(f"{name}.{node.func.attr}() at line {node.lineno}")
    return found


def test_no_module_reads_the_real_clock_except_the_clock():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "clock.py" or "instrument" in path.name:
            continue
        found = _direct_clock_reads(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            offenders[str(path.relative_to(PACKAGE))] = found
    assert offenders == {}
