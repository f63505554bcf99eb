"""The numbers of DESIGN.md §3, on the hand-made test world whose answers were worked out by hand.

World: engagement 1 (VV Testclub × Beweegdiploma, theme 1, monthly, from 2026-01) with markers
expect1, expect2, like1, love1 (all from 2026-01). Journal 2026-09 rates expect1=2, expect2=1;
journal 2026-10 rates expect1=3, expect2=2, like1=1. love1 is never rated.
"""

from __future__ import annotations

from datetime import date

import pytest

from omtracker.extensions import db
from omtracker.metrics import (
    Attainment,
    Coverage,
    Movement,
    Scope,
    attainment_by,
    coverage,
    coverage_by,
    current_levels,
    dormant_partners,
    is_due,
    marker_history,
    movement,
    overdue,
    overdue_since,
    partner_last_periods,
    stage_of,
    stages,
    tier_attainment,
)
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MarkerRating,
    ProgressMarker,
    Tier,
)

E, L, V = Tier.expect, Tier.like, Tier.love


def scope(world, **kw):
    return Scope(world.programme_id, **kw)


# --- pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "not_started"),
        ({E: Attainment(1, 3)}, "not_started"),
        ({E: Attainment(2, 4)}, "expect"),  # exactly 50 % counts
        ({E: Attainment(3, 3), L: Attainment(4, 8), V: Attainment(0, 2)}, "like"),
        ({E: Attainment(3, 3), L: Attainment(1, 8), V: Attainment(2, 2)}, "expect"),  # no skipping
        ({E: Attainment(3, 3), L: Attainment(8, 8), V: Attainment(1, 2)}, "love"),
        ({E: Attainment(3, 3), L: Attainment(8, 8)}, "like"),  # no love markers: not attainable
        # A tier without markers neither blocks nor earns a stage (rule 4).
        ({E: Attainment(0, 0), L: Attainment(2, 2)}, "like"),
        ({L: Attainment(4, 4), V: Attainment(2, 2)}, "love"),
        ({E: Attainment(0, 0), L: Attainment(1, 4), V: Attainment(2, 2)}, "not_started"),
        ({E: Attainment(0, 0), L: Attainment(0, 0), V: Attainment(0, 0)}, "not_started"),
    ],
)
def test_stage_is_highest_tier_with_every_lower_tier_at_half(values, expected):
    assert stage_of(values) == expected


def test_attainment_pools_counts_and_never_averages_percentages():
    pooled = Attainment(1, 1) + Attainment(0, 9)
    assert pooled == Attainment(1, 10)
    assert pooled.pct == 10.0  # not (100 + 0) / 2
    assert Attainment().pct is None


@pytest.mark.parametrize(
    ("start", "freq", "period", "due"),
    [
        ("2026-01", 1, "2026-01", True),
        ("2026-01", 1, "2025-12", False),
        ("2026-01", 3, "2026-04", True),
        ("2026-01", 3, "2026-05", False),
        ("2026-10", 6, "2027-04", True),
    ],
)
def test_engagement_is_due_every_frequency_months_from_its_start(start, freq, period, due):
    assert is_due(start, freq, period) is due


def test_overdue_is_frequency_plus_fourteen_days_after_the_month_ends():
    assert overdue_since("2026-10", "2026-01", 1) == date(2026, 12, 14)
    assert overdue_since("2026-10", "2026-01", 3) == date(2027, 2, 14)
    assert overdue_since(None, "2026-09", 1) == date(2026, 10, 14)  # never written


# --- in SQL on the test world --------------------------------------------------------------


def test_current_level_is_the_latest_rating_and_none_when_never_rated(app, world):
    m = world.marker_ids
    assert current_levels(scope(world), "2026-10") == {
        m["expect1"]: 3,
        m["expect2"]: 2,
        m["like1"]: 1,
        m["love1"]: None,  # "nog niet beoordeeld", not "Geen"
    }
    # A month without entries carries the last levels forward.
    assert current_levels(scope(world), "2026-11")[m["expect2"]] == 2
    # Before any journal no marker is rated yet.
    assert set(current_levels(scope(world), "2026-08").values()) == {None}


def test_tier_attainment_per_month(app, world):
    assert tier_attainment(scope(world), "2026-10") == {
        E: Attainment(2, 2),
        L: Attainment(0, 1),
        V: Attainment(0, 1),
    }
    assert tier_attainment(scope(world), "2026-09")[E] == Attainment(1, 2)
    # Scopes: theme 2 has no engagements; building block software holds theme 1.
    assert tier_attainment(scope(world, theme_id=world.theme2_id), "2026-10")[E] == Attainment()
    assert tier_attainment(scope(world, building_block=BuildingBlock.software), "2026-10")[
        E
    ] == Attainment(2, 2)


def test_attainment_by_theme_and_building_block(app, world):
    by_theme = attainment_by(scope(world), "2026-10", "theme")
    assert by_theme == {
        world.theme1_id: {E: Attainment(2, 2), L: Attainment(0, 1), V: Attainment(0, 1)}
    }
    by_block = attainment_by(scope(world), "2026-10", "building_block")
    assert list(by_block) == [BuildingBlock.software]


def test_stage_of_engagement_over_time(app, world):
    assert stages(scope(world), "2026-08") == {world.engagement1_id: "not_started"}
    assert stages(scope(world), "2026-09") == {world.engagement1_id: "expect"}
    assert stages(scope(world), "2026-10") == {world.engagement1_id: "expect"}


def test_movement_between_two_months(app, world):
    # Rule 6 counts markers rated in both months: like1 (first rated in October) and love1
    # (never rated) are in neither "up" nor "gelijk".
    assert movement(scope(world), "2026-09", "2026-10") == Movement(up=2, down=0, same=0)
    assert movement(scope(world), "2026-10", "2026-11") == Movement(up=0, down=0, same=3)


def test_coverage_and_a_month_without_entries(app, world):
    assert coverage(scope(world), "2026-10") == Coverage(1, 1)
    assert coverage(scope(world), "2026-11") == Coverage(0, 1)
    assert coverage(scope(world, theme_id=world.theme2_id), "2026-10") == Coverage(0, 0)
    assert coverage_by(scope(world), "2026-10", "theme") == {world.theme1_id: Coverage(1, 1)}


def test_overdue_engagements(app, world):
    assert overdue(scope(world), date(2026, 12, 14)) == []
    late = overdue(scope(world), date(2026, 12, 15))
    assert [(row.engagement_id, row.last_period) for row in late] == [
        (world.engagement1_id, "2026-10")
    ]
    assert late[0].partner_name == "VV Testclub"


def test_retired_marker_stops_counting_after_its_last_month(app, world):
    like1 = db.session.get(ProgressMarker, world.marker_ids["like1"])
    like1.retired_period = "2026-09"
    db.session.flush()
    assert tier_attainment(scope(world), "2026-09")[L] == Attainment(0, 1)
    assert tier_attainment(scope(world), "2026-10")[L] == Attainment(0, 0)


def test_archived_engagement_drops_out_of_every_number_from_this_month(app, world):
    before = tier_attainment(scope(world), "2026-10")[E]
    db.session.get(Engagement, world.engagement1_id).archived = True  # in November 2026
    db.session.flush()
    assert tier_attainment(scope(world), "2026-11")[E] == Attainment()
    assert coverage(scope(world), "2026-11") == Coverage()
    assert stages(scope(world), "2026-11") == {}
    assert overdue(scope(world), date(2027, 6, 1)) == []
    # October keeps the figures it had: the past stays the past.
    assert tier_attainment(scope(world), "2026-10")[E] == before == Attainment(2, 2)
    assert coverage(scope(world), "2026-10") == Coverage(1, 1)


def test_engagement_started_mid_period_with_quarterly_monitoring(app, world):
    late = Engagement(
        partner_id=world.partner_ids["school"],
        opgave_id=world.opgave1_id,
        start_date=date(2026, 10, 1),
        monitoring_frequency_months=3,
    )
    db.session.add(late)
    db.session.flush()
    marker = ProgressMarker(
        engagement=late, tier=Tier.expect, text="School doet mee", first_period="2026-10"
    )
    db.session.add(marker)
    entry = JournalEntry(engagement=late, period="2026-10")
    db.session.add(entry)
    db.session.flush()
    db.session.add(MarkerRating(entry=entry, marker=marker, level=3))
    db.session.flush()
    # Not yet there in September; due in October and January, not in November.
    assert tier_attainment(scope(world), "2026-09")[E] == Attainment(1, 2)
    assert tier_attainment(scope(world), "2026-10")[E] == Attainment(3, 3)
    assert coverage(scope(world), "2026-10") == Coverage(2, 2)
    assert coverage(scope(world), "2026-11") == Coverage(0, 1)
    assert coverage(scope(world), "2027-01") == Coverage(0, 2)
    assert stages(scope(world), "2026-10")[late.id] == "expect"


def test_marker_history_lists_ratings_in_month_order(app, world):
    history = marker_history(world.engagement1_id)
    assert history[world.marker_ids["expect1"]] == [("2026-09", 2), ("2026-10", 3)]
    assert world.marker_ids["love1"] not in history


def test_dormant_partners_have_no_entry_in_three_months(app, world):
    club = world.partner_ids["club"]
    assert dormant_partners(world.programme_id, "2026-11") == set()
    assert dormant_partners(world.programme_id, "2026-12") == set()
    assert dormant_partners(world.programme_id, "2027-01") == {club}
    assert partner_last_periods(world.programme_id) == {club: "2026-10"}


def test_programme_numbers_come_from_a_cached_rollup(app, world, count_queries):
    with count_queries() as cold:
        tier_attainment(scope(world), "2026-10")
        coverage(scope(world), "2026-10")
        movement(scope(world), "2026-09", "2026-10")
    with count_queries() as warm:
        tier_attainment(scope(world, theme_id=world.theme1_id), "2026-10")
        coverage(scope(world, building_block=BuildingBlock.software), "2026-10")
        movement(scope(world), "2026-09", "2026-10")
    assert cold.count <= 8
    assert warm.count == 0


def test_a_new_rating_invalidates_the_cached_rollup(app, world):
    assert tier_attainment(scope(world), "2026-10")[L] == Attainment(0, 1)
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    rating = next(r for r in entry.ratings if r.marker_id == world.marker_ids["like1"])
    rating.level = 2
    db.session.flush()
    assert tier_attainment(scope(world), "2026-10")[L] == Attainment(1, 1)


def test_a_rolled_back_write_leaves_no_stale_rollup(app, world):
    before = tier_attainment(scope(world), "2026-10")
    savepoint = db.session.begin_nested()
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    for rating in entry.ratings:
        rating.level = 0
    db.session.flush()
    assert tier_attainment(scope(world), "2026-10")[E] == Attainment(0, 2)
    savepoint.rollback()
    assert tier_attainment(scope(world), "2026-10") == before


def test_this_months_journals_leave_older_months_cached(app, world, count_queries, monkeypatch):
    from omtracker.metrics import cache

    monkeypatch.setattr(cache, "current_period", lambda: "2026-11")  # recent: 2026-09 … 11
    assert tier_attainment(scope(world), "2026-08")[E] == Attainment(0, 2)  # history, cached
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    rating = next(r for r in entry.ratings if r.marker_id == world.marker_ids["like1"])
    rating.level = 3  # a recent month's journal
    db.session.flush()
    with count_queries() as counter:
        assert tier_attainment(scope(world), "2026-08")[E] == Attainment(0, 2)
    assert counter.count <= 1  # re-reading the tokens at most; no roll-up recomputed
    assert tier_attainment(scope(world), "2026-10")[L] == Attainment(1, 1)  # recent: fresh


def test_a_change_to_the_ladder_invalidates_older_months_too(app, world, monkeypatch):
    from omtracker.metrics import cache

    monkeypatch.setattr(cache, "current_period", lambda: "2026-11")
    assert tier_attainment(scope(world), "2026-08")[E] == Attainment(0, 2)
    marker = db.session.get(ProgressMarker, world.marker_ids["expect2"])
    marker.first_period = "2026-09"  # no longer counts in August
    db.session.flush()
    assert tier_attainment(scope(world), "2026-08")[E] == Attainment(0, 1)
