"""The partner registry: finding partners, adding and editing them, archiving, who may do what."""

from __future__ import annotations

import pytest

from omtracker.extensions import db
from omtracker.models import AuditEvent, Partner
from tests.partners_support import add_partner, engage, grow_registry, write_entry

WRITERS = ["admin", "regisseur", "trekker1", "trekker2"]
READERS_ONLY = ["bestuur", "lid1", "buiten"]


def partner_form(**overrides):  # noqa: ANN003, ANN201
    data = {
        "name": "Atletiekvereniging Hardloop",
        "type": "club",
        "wijk": "Kloosterveen",
        "website": "www.hardloop.nl",
        "contact_name": "J. de Vries",
        "contact_email": "info@hardloop.nl",
        "contact_phone": "0592 123456",
        "description": "Loopgroepen voor alle leeftijden.",
    }
    data.update(overrides)
    return data


def test_registry_lists_the_programmes_partners_in_dutch(login, world):
    html = login("bestuur").get("/partners/").get_data(as_text=True)
    assert "Grenspartners" in html
    assert "VV Testclub" in html and "Basisschool De Test" in html
    assert "Club Elders" not in html  # another programme's partner
    assert "3 partners gevonden" in html


def test_registry_search_matches_name_wijk_and_contact(login, world):
    add_partner(world.programme_id, "Zwemclub Golf", contact_name="Anna Bakker")
    client = login("lid1")
    assert "Zwemclub Golf" in client.get("/partners/?q=bakker").get_data(as_text=True)
    by_wijk = client.get("/partners/?q=pittelo").get_data(as_text=True)
    assert "VV Testclub" in by_wijk and "Zwemclub Golf" not in by_wijk


def test_registry_filters_by_type_wijk_and_theme(login, world):
    client = login("lid1")
    schools = client.get("/partners/?type=school").get_data(as_text=True)
    assert "Basisschool De Test" in schools and "VV Testclub" not in schools
    pittelo = client.get("/partners/?wijk=Pittelo").get_data(as_text=True)
    assert "VV Testclub" in pittelo and "Welzijn Test" not in pittelo
    theme1 = client.get(f"/partners/?thema={world.theme1_id}").get_data(as_text=True)
    assert "VV Testclub" in theme1 and "Welzijn Test" not in theme1
    theme2 = client.get(f"/partners/?thema={world.theme2_id}").get_data(as_text=True)
    assert "VV Testclub" not in theme2


def test_registry_tells_dormant_from_active_partners(login, world):
    quiet = add_partner(world.programme_id, "Tennisclub Stil")
    write_entry(engage(quiet, world.opgave1_id), "2026-02")
    client = login("lid1")
    dormant = client.get("/partners/?activiteit=slapend").get_data(as_text=True)
    assert "Tennisclub Stil" in dormant and "VV Testclub" not in dormant
    active = client.get("/partners/?activiteit=actief").get_data(as_text=True)
    assert "VV Testclub" in active and "Tennisclub Stil" not in active
    idle = client.get("/partners/?activiteit=zonder").get_data(as_text=True)
    assert "Welzijn Test" in idle and "VV Testclub" not in idle


def test_archived_partners_only_show_when_asked(login, world):
    add_partner(world.programme_id, "Oude Kaatsclub", archived=True)
    client = login("lid1")
    assert "Oude Kaatsclub" not in client.get("/partners/").get_data(as_text=True)
    assert "Oude Kaatsclub" in client.get("/partners/?archief=1").get_data(as_text=True)


def test_nonsense_filters_and_pages_are_ignored_not_errors(login, world):
    client = login("lid1")
    for query in ("type=xyz", "thema=abc", "page=-3", "page=999", "activiteit=raar", "q=%25_"):
        assert client.get(f"/partners/?{query}").status_code == 200


def test_registry_is_paginated(login, world):
    grow_registry(world.programme_id, world.opgave2_id, 30)
    client = login("lid1")
    first = client.get("/partners/").get_data(as_text=True)
    assert "Pagina 1 van 2" in first
    second = client.get("/partners/?page=2").get_data(as_text=True)
    assert "Welzijn Test" in second and "Welzijn Test" not in first


def test_registry_runs_a_fixed_number_of_queries(login, world, count_queries):
    client = login("lid1")
    grow_registry(world.programme_id, world.opgave1_id, 3, prefix="Klein")
    client.get("/partners/")
    with count_queries() as small:
        assert client.get("/partners/").status_code == 200
    grow_registry(world.programme_id, world.opgave2_id, 40, prefix="Groot")
    with count_queries() as large:
        assert client.get("/partners/?thema=&activiteit=actief").status_code == 200
    with count_queries() as large_plain:
        assert client.get("/partners/").status_code == 200
    assert large_plain.count == small.count
    assert large.count == small.count
    assert small.count <= 12


@pytest.mark.parametrize("username", WRITERS)
def test_coordinators_and_theme_leaders_can_add_a_partner(login, world, username):
    response = login(username).post("/partners/nieuw", data=partner_form())
    assert response.status_code == 302
    partner = db.session.scalars(
        db.select(Partner).filter_by(name="Atletiekvereniging Hardloop")
    ).one()
    assert response.headers["Location"] == f"/partners/{partner.id}"
    assert partner.website == "https://www.hardloop.nl"
    assert partner.programme_id == world.programme_id
    audit = db.session.scalars(
        db.select(AuditEvent).filter_by(entity_type="Partner", entity_id=partner.id)
    ).all()
    assert [a.action for a in audit] == ["create"]


@pytest.mark.parametrize("username", READERS_ONLY)
def test_board_members_and_others_cannot_change_the_registry(login, world, username):
    client = login(username)
    pid = world.partner_ids["welzijn"]
    assert client.get("/partners/nieuw").status_code == 403
    assert client.post("/partners/nieuw", data=partner_form()).status_code == 403
    assert client.post(f"/partners/{pid}/bewerken", data=partner_form(version=1)).status_code == 403
    assert client.post(f"/partners/{pid}/archiveren").status_code == 403
    assert client.post(f"/partners/{pid}/herstellen").status_code == 403
    assert (
        client.post(
            f"/partners/{pid}/relaties",
            data={"other_partner_id": world.partner_ids["club"], "type": "referral"},
        ).status_code
        == 403
    )
    assert db.session.get(Partner, pid).archived is False
    assert "Nieuwe partner" not in client.get("/partners/").get_data(as_text=True)


def test_another_programmes_partner_is_not_found(login, world):
    client = login("regisseur")
    other = world.partner_ids["elders"]
    assert client.get(f"/partners/{other}").status_code == 404
    assert client.get(f"/partners/{other}/bewerken").status_code == 404
    assert client.post(f"/partners/{other}/archiveren").status_code == 404
    assert (
        client.post(f"/partners/{other}/bewerken", data=partner_form(version=1)).status_code == 404
    )


def test_another_programmes_coordinator_cannot_touch_our_partners(login, world):
    client = login("anderregisseur")
    pid = world.partner_ids["club"]
    assert client.get(f"/partners/{pid}").status_code == 404
    assert client.post(f"/partners/{pid}/archiveren").status_code == 404
    assert client.post(f"/partners/{pid}/samenvoegen", data={"target_id": 1}).status_code == 404
    assert "VV Testclub" not in client.get("/partners/").get_data(as_text=True)


def test_bad_input_keeps_what_was_typed_with_a_dutch_message(login, world):
    response = login("trekker1").post(
        "/partners/nieuw", data=partner_form(name="", contact_email="geen-mail")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul de naam in." in html and "Vul een geldig e-mailadres in." in html
    assert 'value="Kloosterveen"' in html and "Loopgroepen voor alle leeftijden." in html


def test_an_exact_duplicate_name_is_refused(login, world):
    response = login("trekker1").post("/partners/nieuw", data=partner_form(name="vv testclub"))
    assert response.status_code == 400
    assert "Er staat al een partner met deze naam" in response.get_data(as_text=True)


def test_editing_saves_and_is_audited(login, world):
    pid = world.partner_ids["welzijn"]
    partner = db.session.get(Partner, pid)
    response = login("trekker2").post(
        f"/partners/{pid}/bewerken",
        data=partner_form(name="Welzijn Test", type="welfare", version=partner.version),
    )
    assert response.status_code == 302
    db.session.refresh(partner)
    assert partner.wijk == "Kloosterveen" and partner.version == 2
    event = db.session.scalars(
        db.select(AuditEvent).filter_by(entity_type="Partner", entity_id=pid, action="update")
    ).one()
    assert event.after["wijk"] == "Kloosterveen"


def test_a_stale_edit_gets_a_conflict_and_keeps_the_input(login, world):
    pid = world.partner_ids["welzijn"]
    partner = db.session.get(Partner, pid)
    stale = partner.version
    partner.wijk = "Marsdijk"
    db.session.flush()
    response = login("regisseur").post(
        f"/partners/{pid}/bewerken",
        data=partner_form(name="Welzijn Test", type="welfare", wijk="Lages", version=stale),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert "Marsdijk" in html and 'value="Lages"' in html
    assert "Welzijn" in html  # the type is shown by its Dutch label
    db.session.refresh(partner)
    assert partner.wijk == "Marsdijk"


def test_archiving_is_refused_while_challenges_run_and_restoring_works(login, world):
    client = login("regisseur")
    club = world.partner_ids["club"]
    response = client.post(f"/partners/{club}/archiveren", follow_redirects=True)
    assert "nog betrokken bij lopende uitkomstuitdagingen (Beweegdiploma)" in response.get_data(
        as_text=True
    )
    assert db.session.get(Partner, club).archived is False
    school = world.partner_ids["school"]
    assert client.post(f"/partners/{school}/archiveren").status_code == 302
    assert db.session.get(Partner, school).archived is True
    page = client.get(f"/partners/{school}").get_data(as_text=True)
    assert "Gearchiveerd" in page and "Herstellen" in page
    assert client.post(f"/partners/{school}/herstellen").status_code == 302
    assert db.session.get(Partner, school).archived is False
