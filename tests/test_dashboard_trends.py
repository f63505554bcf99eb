"""The dashboard's multi-month numbers (omtracker.metrics.trends), worked out by hand.

World (tests/factories.py): engagement 1 (VV Testclub × Beweegdiploma, theme 1 "Jong geleerd",
software, monthly from 2026-01) with markers expect1, expect2, like1, love1 from 2026-01.
Journal 2026-09 rates expect1=2, expect2=1; journal 2026-10 rates expect1=3, expect2=2,
like1=1. love1 is never rated. Reached = level 2 or 3.
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
    coverage_by,
    movement,
)
from omtracker.metrics.trends import (
    attainment_trend,
    coverage_trend,
    movement_by,
    stage_counts_by,
)
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MarkerRating,
    ProgressMarker,
    Tier,
)
from omtracker.periods import period_range

E, L, V = Tier.expect, Tier.like, Tier.love


def whole(world) -> Scope:
    return Scope(world.programme_id)


def test_attainment_trend_holds_each_rating_until_the_next(app, world):
    trend = attainment_trend(whole(world), "2026-08", "2026-11", "theme")
    assert set(trend) == {world.theme1_id}  # theme 2 has no markers at all
    months = trend[world.theme1_id]
    # August: nothing rated yet. September: expect1 at 2 (reached), expect2 at 1 (not).
    assert months["2026-08"] == {E: Attainment(0, 2), L: Attainment(0, 1), V: Attainment(0, 1)}
    assert months["2026-09"] == {E: Attainment(1, 2), L: Attainment(0, 1), V: Attainment(0, 1)}
    # October: both expect markers reached, like1 only at 1. November carries October on.
    assert months["2026-10"] == {E: Attainment(2, 2), L: Attainment(0, 1), V: Attainment(0, 1)}
    assert months["2026-11"] == months["2026-10"]


def test_a_window_after_the_last_rating_carries_the_levels_in(app, world):
    trend = attainment_trend(whole(world), "2026-11", "2027-01", "building_block")
    software = trend[BuildingBlock.software]
    assert [software[m][E] for m in ("2026-11", "2026-12", "2027-01")] == [Attainment(2, 2)] * 3
    assert BuildingBlock.hardware not in trend


def test_a_window_starting_between_two_ratings(app, world):
    trend = attainment_trend(whole(world), "2026-10", "2026-10", "engagement")
    assert trend == {
        world.engagement1_id: {
            "2026-10": {E: Attainment(2, 2), L: Attainment(0, 1), V: Attainment(0, 1)}
        }
    }


def _rate(world, period: str, levels: dict[str, int]) -> None:
    entry = JournalEntry(engagement_id=world.engagement1_id, period=period)
    db.session.add(entry)
    db.session.flush()
    for key, level in levels.items():
        db.session.add(MarkerRating(entry=entry, marker_id=world.marker_ids[key], level=level))
    db.session.flush()


def test_falling_levels_retired_and_late_markers(app, world):
    # November: expect1 falls back to 1; expect2 is retired after October; a new like marker
    # counts from November and is rated 3 straight away.
    _rate(world, "2026-11", {"expect1": 1})
    db.session.get(ProgressMarker, world.marker_ids["expect2"]).retired_period = "2026-10"
    late = ProgressMarker(
        engagement_id=world.engagement1_id, tier=L, text="Nieuw", first_period="2026-11"
    )
    db.session.add(late)
    db.session.flush()
    entry = db.session.scalar(db.select(JournalEntry).where(JournalEntry.period == "2026-11"))
    db.session.add(MarkerRating(entry=entry, marker=late, level=3))
    db.session.flush()
    months = attainment_trend(whole(world), "2026-09", "2026-12", "opgave")[world.opgave1_id]
    assert months["2026-10"][E] == Attainment(2, 2)
    assert months["2026-10"][L] == Attainment(0, 1)
    assert months["2026-11"][E] == Attainment(0, 1)  # expect1 at 1, expect2 no longer counts
    assert months["2026-11"][L] == Attainment(1, 2)
    assert months["2026-12"] == months["2026-11"]


@pytest.mark.parametrize("by", ["building_block", "theme", "opgave", "engagement"])
def test_trends_equal_the_single_month_functions_every_month(app, world, by):
    _rate(world, "2026-12", {"expect1": 1, "like1": 3, "love1": 2})
    scope = whole(world)
    months = period_range("2026-07", "2027-01")
    attained = attainment_trend(scope, months[0], months[-1], by)
    covered = coverage_trend(scope, months[0], months[-1], by)
    for month in months:
        assert {k: v[month] for k, v in attained.items() if month in v} == attainment_by(
            scope, month, by
        )
        assert {k: v[month] for k, v in covered.items() if month in v} == coverage_by(
            scope, month, by
        )


def test_coverage_trend_with_a_quarterly_engagement_started_mid_period(app, world):
    quarterly = Engagement(
        partner_id=world.partner_ids["school"],
        opgave_id=world.opgave1_id,
        start_date=date(2026, 8, 15),
        monitoring_frequency_months=3,
    )
    db.session.add(quarterly)
    db.session.flush()
    db.session.add(JournalEntry(engagement=quarterly, period="2026-09"))  # written, not due
    db.session.flush()
    trend = coverage_trend(whole(world), "2026-07", "2026-11", "theme")[world.theme1_id]
    # Monthly engagement 1: written in September and October only. The quarterly one is due
    # in August and November (its start month and three months on).
    assert trend == {
        "2026-07": Coverage(0, 1),
        "2026-08": Coverage(0, 2),
        "2026-09": Coverage(1, 1),
        "2026-10": Coverage(1, 1),
        "2026-11": Coverage(0, 2),
    }


def test_movement_by_group_between_two_months(app, world):
    # September → October: expect1 2→3, expect2 1→2 up; like1 (first rated in October) and
    # love1 (never rated) are not rated in both months and count in neither.
    moved = movement_by(whole(world), "2026-09", "2026-10", "theme")
    assert moved == {world.theme1_id: Movement(2, 0, 0)}
    assert moved[world.theme1_id] == movement(whole(world), "2026-09", "2026-10")
    assert movement_by(whole(world), "2026-10", "2026-11", "building_block") == {
        BuildingBlock.software: Movement(0, 0, 3)
    }


def test_stage_counts_per_group(app, world):
    # August nothing reached; September expect at exactly 50 % (1 of 2) is enough for "expect";
    # October expect 2/2 but like 0/1, so still "expect".
    zero = {"not_started": 0, "expect": 0, "like": 0, "love": 0}
    assert stage_counts_by(whole(world), "2026-08", "theme") == {
        world.theme1_id: {**zero, "not_started": 1}
    }
    assert stage_counts_by(whole(world), "2026-09", "theme") == {
        world.theme1_id: {**zero, "expect": 1}
    }
    assert stage_counts_by(
        Scope(world.programme_id, opgave_id=world.opgave1_id), "2026-10", "engagement"
    ) == {world.engagement1_id: {**zero, "expect": 1}}


def test_archived_engagement_drops_out_of_the_trends_from_this_month(app, world):
    before = attainment_trend(whole(world), "2026-08", "2026-11", "theme")
    covered = coverage_trend(whole(world), "2026-08", "2026-11", "theme")
    db.session.get(Engagement, world.engagement1_id).archived = True  # in November 2026
    db.session.flush()
    after = attainment_trend(whole(world), "2026-08", "2026-11", "theme")
    assert set(after[world.theme1_id]) == {"2026-08", "2026-09", "2026-10"}
    assert after[world.theme1_id] == {m: before[world.theme1_id][m] for m in after[world.theme1_id]}
    assert (
        "2026-11"
        not in coverage_trend(whole(world), "2026-08", "2026-11", "theme")[world.theme1_id]
    )
    assert coverage_trend(whole(world), "2026-08", "2026-10", "theme") == {
        world.theme1_id: {m: covered[world.theme1_id][m] for m in ("2026-08", "2026-09", "2026-10")}
    }
    assert movement_by(whole(world), "2026-10", "2026-11", "theme") == {}
    assert movement_by(whole(world), "2026-09", "2026-10", "theme") != {}
    assert stage_counts_by(whole(world), "2026-11", "theme") == {}
    assert stage_counts_by(whole(world), "2026-10", "theme") != {}


def test_each_trend_is_one_query_whatever_the_window(app, world, count_queries):
    scope = Scope(world.programme_id, opgave_id=world.opgave1_id)  # not cached: plain SQL
    for start in ("2026-10", "2025-01"):
        with count_queries() as counter:
            attainment_trend(scope, start, "2026-12", "engagement")
            coverage_trend(scope, start, "2026-12", "engagement")
            movement_by(scope, "2026-11", "2026-12", "engagement")
        assert counter.count == 3


def test_unknown_grouping_is_refused(app, world):
    with pytest.raises(ValueError):
        attainment_trend(whole(world), "2026-01", "2026-02", "partner")
