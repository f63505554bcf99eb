"""The read API per role: each token sees its own programme, nothing of another, and no writes."""

from __future__ import annotations

import pytest

from omtracker.extensions import db
from omtracker.models import JournalContributor, JournalEntry, Partner, Theme
from tests.api_support import ApiClient

ROLES = ["lid1", "trekker1", "bestuur", "regisseur", "admin"]


@pytest.fixture
def api(client) -> ApiClient:
    return ApiClient(client)


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_its_own_programme(api, world, username):
    programmes = api.json("/api/v1/programmes", username)
    assert [p["slug"] for p in programmes["items"]] == ["testprog"]
    themes = api.json("/api/v1/themes", username)["items"]
    assert [t["name"] for t in themes] == ["Jong geleerd", "Sportparken"]
    partners = api.json("/api/v1/partners", username)["items"]
    assert "Club Elders" not in {p["name"] for p in partners} and len(partners) == 3
    entries = api.json("/api/v1/journal-entries", username)["items"]
    assert [e["period"] for e in entries] == ["2026-09", "2026-10"]


def test_answers_are_not_kept_by_caches(api, world):
    assert api.get("/api/v1/themes").headers["Cache-Control"] == "no-store"


def test_theme_lists_its_leaders(api, world):
    theme = api.json(f"/api/v1/themes/{world.theme1_id}", "lid1")
    assert theme["leaders"] == ["Trekker1"] and theme["building_block"] == "software"


def test_coordinator_of_another_programme_sees_nothing_of_ours(api, world):
    as_other = "anderregisseur"
    assert [t["name"] for t in api.json("/api/v1/themes", as_other)["items"]] == ["Elders"]
    assert api.json("/api/v1/journal-entries", as_other)["total"] == 0
    assert api.json("/api/v1/engagements", as_other)["total"] == 0
    assert api.json("/api/v1/markers", as_other)["total"] == 0
    for path in (
        f"/api/v1/programmes/{world.programme_id}",
        f"/api/v1/themes/{world.theme1_id}",
        f"/api/v1/opgaven/{world.opgave1_id}",
        f"/api/v1/partners/{world.partner_ids['club']}",
        f"/api/v1/engagements/{world.engagement1_id}",
        f"/api/v1/markers/{world.marker_ids['expect1']}",
        f"/api/v1/journal-entries/{world.entry_ids['2026-10']}",
    ):
        response = api.get(path, as_other)
        assert response.status_code == 404, path
        assert response.get_json()["status"] == 404
    for scope, scope_id in (("theme", world.theme1_id), ("engagement", world.engagement1_id)):
        response = api.get("/api/v1/metrics", as_other, scope=scope, id=scope_id)
        assert response.status_code == 404
    metrics = api.json("/api/v1/metrics", as_other, scope="programme", period="2026-10")
    assert metrics["tier_attainment"]["expect"]["total"] == 0


def test_filters_by_another_programmes_ids_answer_empty_lists(api, world):
    listing = api.json("/api/v1/opgaven", theme_id=world.other_theme_id)
    assert listing["items"] == [] and listing["total"] == 0


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_in_the_api_writes(api, world, method):
    token = api.token("admin")
    for path in ("/api/v1/themes", f"/api/v1/themes/{world.theme1_id}", "/api/v1/metrics"):
        response = getattr(api.client, method)(path, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 405 and response.is_json


@pytest.mark.parametrize("username", ROLES)
def test_partners_carry_their_contact_person_as_on_the_partner_page(api, world, username):
    partner = db.session.get(Partner, world.partner_ids["club"])
    partner.contact_name, partner.contact_email = "Jan Jansen", "jan@example.org"
    db.session.commit()
    found = api.json(f"/api/v1/partners/{partner.id}", username)
    assert found["contact"] == {"name": "Jan Jansen", "email": "jan@example.org", "phone": None}
    listed = {p["id"]: p for p in api.json("/api/v1/partners", username)["items"]}
    assert listed[partner.id]["contact"]["name"] == "Jan Jansen"


def test_pagination_walks_every_item_once(api, world):
    first = api.json("/api/v1/partners", per_page=2)
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 3)
    assert len(first["items"]) == 2
    assert first["next"] == "/api/v1/partners?per_page=2&page=2"
    second = api.json(first["next"])
    assert len(second["items"]) == 1 and second["next"] is None
    names = [p["name"] for p in first["items"] + second["items"]]
    assert sorted(names) == sorted(set(names)) and len(names) == 3


def test_next_link_keeps_the_filters(api, world):
    listing = api.json("/api/v1/markers", engagement_id=world.engagement1_id, per_page=1)
    assert listing["next"].startswith("/api/v1/markers?")
    assert f"engagement_id={world.engagement1_id}" in listing["next"]
    assert "page=2" in listing["next"]


def test_page_past_the_end_is_empty_not_an_error(api, world):
    listing = api.json("/api/v1/themes", page=1_000_000)
    assert listing["items"] == [] and listing["total"] == 2 and listing["next"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 201},
        {"per_page": 0},
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"page": "1.5"},
        {"page": 10**30},
        {"page": " 1"},
        {"building_block": "plastic"},
        {"include_archived": "maybe"},
        {"unknown": "1"},
    ],
)
def test_bad_query_parameters_get_400_json(api, world, params):
    response = api.get("/api/v1/themes", **params)
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and body["error"] == "Bad Request" and body["detail"]


def test_a_parameter_given_twice_gets_400(api, world):
    response = api.client.get(
        "/api/v1/themes?page=1&page=2", headers={"Authorization": f"Bearer {api.token('lid1')}"}
    )
    assert response.status_code == 400


def test_archived_records_only_on_request(api, world):
    db.session.get(Theme, world.theme2_id).archived = True
    db.session.commit()
    assert [t["number"] for t in api.json("/api/v1/themes")["items"]] == [1]
    with_archived = api.json("/api/v1/themes", include_archived="true")["items"]
    assert [(t["number"], t["archived"]) for t in with_archived] == [(1, False), (2, True)]


def test_theme_and_opgave_filters(api, world):
    hardware = api.json("/api/v1/themes", building_block="hardware")["items"]
    assert [t["id"] for t in hardware] == [world.theme2_id]
    opgaven = api.json("/api/v1/opgaven", theme_id=world.theme1_id)["items"]
    assert [o["id"] for o in opgaven] == [world.opgave1_id]
    assert api.json("/api/v1/opgaven", status="closed")["total"] == 0


def test_engagements_carry_their_outcome_challenge(api, world):
    listing = api.json("/api/v1/engagements", partner_id=world.partner_ids["club"])
    (engagement,) = listing["items"]
    assert engagement["outcome_challenge"] == "De club biedt beweegles aan kleuters."
    assert engagement["partner_name"] == "VV Testclub"
    assert engagement["theme_id"] == world.theme1_id
    assert api.json("/api/v1/engagements", opgave_id=world.opgave2_id)["total"] == 0


def test_markers_with_tier_and_current_level_of_a_month(api, world):
    listing = api.json("/api/v1/markers", engagement_id=world.engagement1_id, period="2026-10")
    levels = {m["id"]: (m["tier"], m["current_level"]) for m in listing["items"]}
    ids = world.marker_ids
    assert levels == {
        ids["expect1"]: ("expect", 3),
        ids["expect2"]: ("expect", 2),
        ids["like1"]: ("like", 1),
        ids["love1"]: ("love", None),  # never rated: null, not 0 ("Geen")
    }
    assert listing["period"] == "2026-10"
    september = api.json("/api/v1/markers", period="2026-09", tier="expect")["items"]
    assert [m["current_level"] for m in september] == [2, 1]
    before_start = api.json("/api/v1/markers", period="2025-12")["items"]
    assert {m["current_level"] for m in before_start} == {None}
    assert api.json("/api/v1/markers", period="2025-12", counting_only="true")["total"] == 0


def test_journal_entries_with_ratings_contributors_and_period_range(api, world):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.contributors.append(JournalContributor(partner_id=world.partner_ids["school"]))
    entry.highlight = True
    db.session.commit()
    listing = api.json("/api/v1/journal-entries", period_from="2026-10", period_to="2026-12")
    (found,) = listing["items"]
    assert found["author"] == "Trekker1"
    assert {r["marker_id"]: r["level"] for r in found["ratings"]} == {
        world.marker_ids["expect1"]: 3,
        world.marker_ids["expect2"]: 2,
        world.marker_ids["like1"]: 1,
    }
    assert found["contributors"] == [
        {"partner_id": world.partner_ids["school"], "name": "Basisschool De Test"}
    ]
    assert api.json("/api/v1/journal-entries", period_to="2026-09")["total"] == 1
    assert api.json("/api/v1/journal-entries", highlight_only="true")["total"] == 1
    by_engagement = api.json("/api/v1/journal-entries", engagement_id=world.engagement1_id)
    assert by_engagement["total"] == 2
    assert api.json("/api/v1/journal-entries", theme_id=world.theme2_id)["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"period_from": "2026-13"},
        {"period_to": "2026-00"},
        {"period_from": "26-01"},
        {"period_from": "2026-10", "period_to": "2026-09"},
        {"engagement_id": "abc"},
        {"engagement_id": 0},
        {"engagement_id": 2**31},
    ],
)
def test_bad_journal_filters_get_400(api, world, params):
    assert api.get("/api/v1/journal-entries", **params).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/themes/0",
        "/api/v1/themes/abc",
        "/api/v1/themes/99999999999999999999",
        "/api/v1/themes/-1",
        "/api/v1/nothing-here",
    ],
)
def test_unknown_paths_and_ids_get_404_json(api, world, path):
    response = api.get(path)
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_an_unexpected_failure_still_answers_json(app, api, world, monkeypatch):
    def broken(programme):
        raise RuntimeError("boom")

    monkeypatch.setattr("omtracker.api.serialize.programme", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = api.get("/api/v1/programmes")
    assert response.status_code == 500
    body = response.get_json()
    assert (body["error"], body["status"]) == ("Internal Server Error", 500)
    assert "boom" not in body["detail"]
