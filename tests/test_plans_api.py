"""The read API carries the Outcome Mapping records: harvested outcomes, the performance journal,
the evaluation plan and the monitoring plans, each limited to the token's programme."""

from __future__ import annotations

from datetime import date

import pytest

from omtracker.extensions import db
from omtracker.models import (
    EvaluationPlanItem,
    HarvestedOutcome,
    MonitoringPlan,
    PerformanceJournalEntry,
    Practice,
    PracticeNote,
    ProgressMarker,
)
from tests.api_support import ApiClient


@pytest.fixture
def api(client) -> ApiClient:  # noqa: ANN001
    return ApiClient(client)


def test_a_script_reads_harvested_outcomes_with_their_markers_and_filters(api, world):
    outcome = HarvestedOutcome(
        programme_id=world.programme_id,
        theme_id=world.theme1_id,
        actor_name="Buurtvereniging",
        change="Opent de zaal.",
        period="2026-10",
        markers=[db.session.get(ProgressMarker, world.marker_ids["like1"])],
    )
    elsewhere = HarvestedOutcome(
        programme_id=world.other_programme_id, actor_name="Elders", change="x", period="2026-10"
    )
    db.session.add_all([outcome, elsewhere])
    db.session.commit()
    page = api.json("/api/v1/harvested-outcomes")
    assert [item["id"] for item in page["items"]] == [outcome.id]
    item = page["items"][0]
    assert item["actor"] == "Buurtvereniging" and item["actor_is_partner"] is False
    assert item["marker_ids"] == [world.marker_ids["like1"]]
    assert api.json("/api/v1/harvested-outcomes", period_from="2026-11")["total"] == 0
    assert api.get(f"/api/v1/harvested-outcomes/{elsewhere.id}").status_code == 404


def test_a_script_reads_the_performance_journal_evaluation_and_monitoring_plans(api, world):
    entry = PerformanceJournalEntry(programme_id=world.programme_id, period="2026-10")
    entry.notes.append(PracticeNote(practice=Practice.reflection, example="Heisessie", rating=3))
    db.session.add_all(
        [
            entry,
            EvaluationPlanItem(
                programme_id=world.programme_id,
                question="Werkt het?",
                start_date=date(2027, 1, 1),
                cost_euros=2500,
            ),
            MonitoringPlan(
                programme_id=world.programme_id,
                theme_id=world.theme1_id,
                valid_from="2026-11",
                monitored="Ladders",
                performance_rhythm_months=3,
            ),
        ]
    )
    db.session.commit()
    journal = api.json("/api/v1/performance-journal", programme_only="true")["items"]
    assert journal[0]["practices"] == [
        {"practice": "reflection", "example": "Heisessie", "lessons": "", "rating": 3}
    ]
    plan = api.json("/api/v1/evaluation-plan")["items"][0]
    assert plan["question"] == "Werkt het?" and plan["cost_euros"] == 2500
    assert plan["start_date"] == "2027-01-01"
    monitoring = api.json("/api/v1/monitoring-plans", theme_id=world.theme1_id)["items"]
    assert monitoring[0]["valid_from"] == "2026-11"
    assert monitoring[0]["performance_rhythm_months"] == 3
