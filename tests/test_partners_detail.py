"""The partner page, relations between partners and the similar-name warning."""

from __future__ import annotations

import pytest

from omtracker.extensions import db
from omtracker.models import JournalEntry, Partner, PartnerRelation, RelationType
from omtracker.partners.similar import names_look_alike, normalise_name
from tests.partners_support import (
    add_partner,
    engage,
    grow_registry,
    mention,
    relate,
    write_entry,
)


def test_partner_page_shows_engagements_themes_and_journal_history(login, world):
    html = login("bestuur").get(f"/partners/{world.partner_ids['club']}").get_data(as_text=True)
    assert "VV Testclub" in html and "Sportvereniging" in html and "Pittelo" in html
    assert "Beweegdiploma" in html and "1. Jong geleerd" in html
    assert "De club biedt beweegles aan kleuters." in html
    assert "oktober 2026" in html and "Contactpersoon aangewezen." in html
    assert "Verwacht bereikt" in html  # stage from omtracker.metrics
    assert "Bewerken" not in html  # the board reads only


def test_partner_page_links_to_engagements_and_journal_entries_when_those_pages_exist(
    app, login, world
):
    html = login("lid1").get(f"/partners/{world.partner_ids['club']}").get_data(as_text=True)
    if "engagements.engagement" in app.view_functions:
        assert f"/{world.engagement1_id}" in html
    if "journals.entry" in app.view_functions:
        from flask import url_for

        with app.test_request_context():
            assert url_for("journals.entry", entry_id=world.entry_ids["2026-10"]) in html


def test_journal_history_is_paginated(login, world):
    club = db.session.get(Partner, world.partner_ids["club"])
    engagement = engage(club, world.opgave2_id)
    for month in range(1, 13):
        write_entry(engagement, f"2025-{month:02d}", text=f"Stap {month}")
    client = login("lid1")
    first = client.get(f"/partners/{club.id}").get_data(as_text=True)
    assert "Pagina 1 van 2" in first and "Stap 12" in first and "Stap 1<" not in first
    second = client.get(f"/partners/{club.id}?page=2").get_data(as_text=True)
    assert "Stap 1<" in second and "Stap 12" not in second


def test_partner_page_shows_mentions_in_other_partners_journals(login, world):
    school = db.session.get(Partner, world.partner_ids["school"])
    mention(db.session.get(JournalEntry, world.entry_ids["2026-10"]), school)
    html = login("lid1").get(f"/partners/{school.id}").get_data(as_text=True)
    assert "Genoemd in logboeken van andere partners" in html
    assert "1 keer genoemd als bijdragende partij." in html
    assert "logboek van" in html and "VV Testclub" in html


def test_partner_page_runs_a_fixed_number_of_queries(login, world, count_queries):
    client = login("regisseur")
    small = add_partner(world.programme_id, "Klein Partnertje")
    write_entry(engage(small, world.opgave1_id), "2026-10")
    client.get(f"/partners/{small.id}")
    with count_queries() as few:
        assert client.get(f"/partners/{small.id}").status_code == 200
    big = add_partner(world.programme_id, "Grote Partner")
    others = grow_registry(world.programme_id, world.opgave1_id, 8, prefix="Buur")
    for opgave_id in (world.opgave1_id, world.opgave2_id):
        engagement = engage(big, opgave_id)
        for month in range(1, 10):
            entry = write_entry(engagement, f"2026-{month:02d}")
            mention(entry, others[month % 8])
    for other in others:
        relate(big, other, RelationType.referral)
        mention(write_entry(other.engagements[0], "2026-09"), big)
    client.get(f"/partners/{big.id}")  # both measured with the metrics roll-up cached
    with count_queries() as many:
        assert client.get(f"/partners/{big.id}").status_code == 200
    assert many.count == few.count
    assert few.count <= 20


def test_leader_adds_and_archives_a_relation(login, world):
    client = login("trekker1")
    club, school = world.partner_ids["club"], world.partner_ids["school"]
    response = client.post(
        f"/partners/{club}/relaties",
        data={
            "other_partner_id": school,
            "type": "referral",
            "direction": "out",
            "note": "Via gym",
        },
    )
    assert response.status_code == 302
    relation = db.session.scalars(db.select(PartnerRelation)).one()
    assert (relation.source_partner_id, relation.target_partner_id) == (club, school)
    html = client.get(f"/partners/{school}").get_data(as_text=True)
    assert "Doorverwijzing" in html and "Via gym" in html
    again = client.post(
        f"/partners/{club}/relaties",
        data={"other_partner_id": school, "type": "referral", "direction": "out"},
    )
    assert again.status_code == 400
    assert "Deze relatie staat al geregistreerd." in again.get_data(as_text=True)
    url = f"/partners/{club}/relaties/{relation.id}/archiveren"
    assert client.post(url).status_code == 302
    assert relation.archived is True
    assert "1 gearchiveerde relatie" in client.get(f"/partners/{club}").get_data(as_text=True)


def test_symmetric_relation_is_not_recorded_twice(login, world):
    club, school = world.partner_ids["club"], world.partner_ids["school"]
    relate(db.session.get(Partner, school), db.session.get(Partner, club))
    response = login("regisseur").post(
        f"/partners/{club}/relaties",
        data={"other_partner_id": school, "type": "cooperation", "direction": "out"},
    )
    assert response.status_code == 400


def test_relation_without_a_partner_gets_a_dutch_message(login, world):
    response = login("regisseur").post(
        f"/partners/{world.partner_ids['club']}/relaties",
        data={"other_partner_id": "0", "type": "cooperation", "direction": "out"},
    )
    assert response.status_code == 400
    assert "Kies een partner." in response.get_data(as_text=True)


def test_relation_to_another_programmes_partner_is_refused(login, world):
    response = login("regisseur").post(
        f"/partners/{world.partner_ids['club']}/relaties",
        data={"other_partner_id": world.partner_ids["elders"], "type": "funding"},
    )
    assert response.status_code == 400
    assert db.session.scalars(db.select(PartnerRelation)).all() == []


def test_relation_of_another_partner_cannot_be_archived_through_this_one(login, world):
    club = db.session.get(Partner, world.partner_ids["club"])
    school = db.session.get(Partner, world.partner_ids["school"])
    welzijn = db.session.get(Partner, world.partner_ids["welzijn"])
    relation = relate(school, welzijn)
    url = f"/partners/{club.id}/relaties/{relation.id}/archiveren"
    assert login("regisseur").post(url).status_code == 404


# Similar names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("VV Testclub", "Testclub"),
        ("v.v. Testclub", "Sportvereniging Test-Club"),
        ("Stichting Welzijn Test", "welzijn test"),
        ("Café Zuid", "Cafe Zuid"),
        ("Rugbyclub Assen", "Rugby Club Assen"),
        ("Het Drentse Land", "Drents Land"),
        ("Stichting Sport Assen Noord", "Sport Assen Noord Oost"),
    ],
)
def test_names_that_mean_the_same_organisation_look_alike(a, b):
    assert names_look_alike(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Basisschool De Test", "Welzijn Test"),
        ("Basisschool De Test", "Basisschool Het Anker"),
        ("Gemeente Assen", "Gemeente Emmen"),
        ("Sportbedrijf Assen", "Sportbedrijf Emmen"),
        ("Sportvereniging Test-Club", "Welzijn Test"),
    ],
)
def test_different_organisations_do_not_look_alike(a, b):
    assert not names_look_alike(a, b)


def test_normalised_name_drops_case_accents_punctuation_and_common_words():
    assert normalise_name("Stichting V.V. Héérenveen-Zuid!") == "heerenveen zuid"


def test_similar_name_asks_for_confirmation_before_creating(login, world):
    client = login("trekker1")
    data = {"name": "Sportvereniging Test-Club", "type": "club"}
    response = client.post("/partners/nieuw", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Deze naam lijkt op een partner die al in het register staat" in html
    assert f'href="/partners/{world.partner_ids["club"]}"' in html and "VV Testclub" in html
    assert "Welzijn Test" not in html and "Basisschool De Test" not in html
    assert "Toch aanmaken" in html and 'value="Sportvereniging Test-Club"' in html
    assert db.session.scalars(db.select(Partner).filter_by(name=data["name"])).first() is None
    confirmed = client.post("/partners/nieuw", data={**data, "confirm_similar": "y"})
    assert confirmed.status_code == 302
    assert db.session.scalars(db.select(Partner).filter_by(name=data["name"])).one()


def test_a_name_unlike_any_other_is_created_without_a_question(login, world):
    response = login("trekker1").post(
        "/partners/nieuw", data={"name": "Judo Kwartier", "type": "club"}
    )
    assert response.status_code == 302
