"""Speed: the journal pages run a fixed number of SQL statements whatever the data size.

Measured at two sizes (4 markers × 3 months and 18 markers × 24 months); the journal form and
its save must stay at or under 15 statements (issue 3, "Speed").
"""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry, ProgressMarker
from omtracker.periods import add_months, current_period
from tests.journals_support import big_engagement, journal_url

NOW = current_period()
LAST = add_months(NOW, -1)
SIZES = ((4, 3), (18, 24))
# A ceiling, not a target: the journal's own reads and writes, plus the search document's upkeep
# (read, delete, insert), the draft discarded on save and the engagement's effective-dated state.
# What matters is that it never grows with the data.
BUDGET = 20


def save_data(markers, version="", level_shift=0, contributors=(), unrate=False) -> dict:  # noqa: ANN001
    """Every marker rated (one left unrated on request), texts, and contributing partners."""
    data = {
        "version": version,
        "change_description": f"Gemeten {level_shift}.",
        "action": "save",
        "contributors": [str(p) for p in contributors],
    }
    for i, marker_id in enumerate(markers):
        data[f"level_{marker_id}"] = "" if unrate and i == 0 else str((i + level_shift) % 4)
        data[f"note_{marker_id}"] = "noot" if i % 2 else ""
    return data


def measure(client, count_queries, world) -> dict[str, list[int]]:  # noqa: ANN001
    counts: dict[str, list[int]] = {}
    club, school = world.partner_ids["club"], world.partner_ids["school"]
    for markers, months in SIZES:
        engagement_id = big_engagement(world, markers, months, end=LAST)
        last = db.session.scalars(
            select(JournalEntry).where(
                JournalEntry.engagement_id == engagement_id, JournalEntry.period == LAST
            )
        ).one()
        ids = db.session.scalars(
            select(ProgressMarker.id).where(ProgressMarker.engagement_id == engagement_id)
        ).all()
        db.session.expire_all()
        v = last.version
        steps = [
            ("form_new", journal_url(engagement_id, NOW), None),
            ("save_new", journal_url(engagement_id, NOW), save_data(ids)),
            ("form_edit", journal_url(engagement_id, LAST), None),
            ("save_edit", journal_url(engagement_id, LAST), save_data(ids, v, 1)),
            (
                "save_edit_again",
                journal_url(engagement_id, LAST),
                save_data(ids, v + 1, 2, contributors=[club]),
            ),
            # Worst case: texts and ratings changed, one unrated, a contributor swapped.
            (
                "save_edit_everything",
                journal_url(engagement_id, LAST),
                save_data(ids, v + 2, 3, contributors=[school], unrate=True),
            ),
            ("entry", f"/logboeken/{last.id}", None),
            ("revisions", f"/logboeken/{last.id}/versies", None),
            ("my_month", "/mijn-maand", None),
        ]
        for name, url, data in steps:
            db.session.expire_all()
            with count_queries() as counter:
                response = client.get(url) if data is None else client.post(url, data=data)
            assert response.status_code in (200, 302), (name, response.status_code)
            counts.setdefault(name, []).append(counter.count)
    return counts


def test_journal_pages_use_a_fixed_number_of_queries(client, world, login, count_queries):
    login("trekker1")
    counts = measure(client, count_queries, world)
    for name, (small, large) in counts.items():
        assert small == large, f"{name}: {small} queries at the small size, {large} at the large"
    for name in ("form_new", "save_new", "form_edit", "save_edit", "save_edit_everything"):
        assert counts[name][0] <= BUDGET, f"{name}: {counts[name][0]} queries"
