"""The API's numbers, published reports and the cost of its lists.

The expected numbers were worked out by hand from tests/factories.py: engagement 1 has two
expect markers, one like and one love; in 2026-09 they stood at 2, 1, –, – and in 2026-10 at
3, 2, 1, –.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from omtracker.extensions import db
from omtracker.models import MonthlyReport
from tests.api_support import ApiClient, grow, user


@pytest.fixture
def api(client) -> ApiClient:
    return ApiClient(client)


def test_programme_numbers_for_a_month(api, world):
    numbers = api.json("/api/v1/metrics", scope="programme", period="2026-10")
    assert numbers["tier_attainment"] == {
        "expect": {"reached": 2, "total": 2, "pct": 100.0},
        "like": {"reached": 0, "total": 1, "pct": 0.0},
        "love": {"reached": 0, "total": 1, "pct": 0.0},
    }
    assert numbers["stage_distribution"] == {"not_started": 0, "expect": 1, "like": 0, "love": 0}
    assert numbers["coverage"] == {"written": 1, "due": 1, "pct": 100.0}
    assert numbers["movement"] == {
        "from": "2026-09",
        "to": "2026-10",
        "up": 2,  # rule 6: rated in both months only
        "down": 0,
        "same": 0,
    }
    assert (numbers["scope"], numbers["id"], numbers["period"]) == ("programme", None, "2026-10")


def test_numbers_per_building_block_theme_opgave_and_engagement(api, world):
    software = api.json("/api/v1/metrics", scope="building_block", id="software", period="2026-09")
    assert software["tier_attainment"]["expect"] == {"reached": 1, "total": 2, "pct": 50.0}
    for scope, scope_id in (
        ("theme", world.theme1_id),
        ("opgave", world.opgave1_id),
        ("engagement", world.engagement1_id),
    ):
        numbers = api.json("/api/v1/metrics", scope=scope, id=scope_id, period="2026-09")
        assert numbers["tier_attainment"] == software["tier_attainment"], scope
        assert numbers["id"] == str(scope_id)
    empty = api.json("/api/v1/metrics", scope="theme", id=world.theme2_id, period="2026-10")
    assert empty["tier_attainment"]["expect"] == {"reached": 0, "total": 0, "pct": None}
    assert empty["coverage"] == {"written": 0, "due": 0, "pct": None}


def test_programme_scope_accepts_its_own_id_only(api, world):
    own = api.json("/api/v1/metrics", scope="programme", id=world.programme_id)
    assert own["id"] == str(world.programme_id)
    other = api.get("/api/v1/metrics", scope="programme", id=world.other_programme_id)
    assert other.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"scope": "galaxy"},
        {"scope": "theme"},
        {"scope": "building_block"},
        {"scope": "programme", "period": "2026-13"},
        {"scope": "programme", "period": "2026-1"},
        {"scope": "programme", "period": "0000-01"},
    ],
)
def test_bad_metric_requests_get_400(api, world, params):
    response = api.get("/api/v1/metrics", **params)
    assert response.status_code == 400 and response.get_json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"scope": "opgave", "id": 2_000_000_000},
        {"scope": "theme", "id": "abc"},
        {"scope": "theme", "id": "-3"},
        {"scope": "theme", "id": "0"},
        {"scope": "engagement", "id": "99999999999"},
        {"scope": "theme", "id": "١٢"},
        {"scope": "building_block", "id": "plastic"},
    ],
)
def test_a_scope_id_that_names_nothing_gets_404(api, world, params):
    response = api.get("/api/v1/metrics", **params)
    assert response.status_code == 404 and response.get_json()["detail"]


def publish(programme_id: int, period: str, snapshot: dict, by: str = "regisseur") -> None:
    body = json.dumps(snapshot, sort_keys=True).encode()
    db.session.add(
        MonthlyReport(
            programme_id=programme_id,
            period=period,
            published_by_id=user(by).id,
            snapshot=snapshot,
            snapshot_sha256=hashlib.sha256(body).hexdigest(),
        )
    )
    db.session.commit()


def test_published_reports_newest_first_with_their_frozen_snapshot(api, world):
    publish(world.programme_id, "2026-09", {"title": "september"})
    publish(world.programme_id, "2026-10", {"title": "oktober", "themes": [1, 2]})
    publish(world.other_programme_id, "2026-10", {"title": "elders"}, by="anderregisseur")
    listing = api.json("/api/v1/reports", "bestuur")
    assert [r["period"] for r in listing["items"]] == ["2026-10", "2026-09"]
    assert listing["items"][0]["published_by"] == "Regisseur"
    assert listing["items"][0]["url"] == "/api/v1/reports/2026-10"
    report = api.json("/api/v1/reports/2026-10", "bestuur")
    assert report["snapshot"] == {"title": "oktober", "themes": [1, 2]}
    assert api.json("/api/v1/reports/2026-10", "anderregisseur")["snapshot"]["title"] == "elders"


@pytest.mark.parametrize("period", ["2026-13", "2026-11", "abcdefg", "2026-1"])
def test_missing_or_malformed_report_month_gets_404(api, world, period):
    publish(world.programme_id, "2026-10", {})
    assert api.get(f"/api/v1/reports/{period}").status_code == 404


LISTS = [
    "/api/v1/programmes",
    "/api/v1/themes",
    "/api/v1/opgaven",
    "/api/v1/partners",
    "/api/v1/engagements",
    "/api/v1/markers",
    "/api/v1/journal-entries",
    "/api/v1/reports",
]


def _cost(api: ApiClient, count_queries, path: str, **params) -> int:
    api.json(path, **params)  # token lookup and last-use bookkeeping out of the way
    with count_queries() as counter:
        body = api.json(path, **params)
    assert body.get("total", 1) >= 0
    return counter.count


@pytest.mark.parametrize("path", LISTS)
def test_every_list_costs_the_same_number_of_queries_at_two_sizes(api, world, count_queries, path):
    publish(world.programme_id, "2026-10", {})
    small = _cost(api, count_queries, path, per_page=200)
    grow(world, 12)
    large = _cost(api, count_queries, path, per_page=200)
    assert small == large, (path, small, large)
    assert large <= 8


def test_metrics_cost_the_same_number_of_queries_at_two_sizes(api, world, count_queries):
    small = _cost(api, count_queries, "/api/v1/metrics", scope="programme", period="2026-10")
    grow(world, 12)
    large = _cost(api, count_queries, "/api/v1/metrics", scope="programme", period="2026-10")
    assert small == large and large <= 10
    numbers = api.json("/api/v1/metrics", scope="programme", period="2026-10")
    assert numbers["tier_attainment"]["expect"]["total"] == 2 + 12 * 2
