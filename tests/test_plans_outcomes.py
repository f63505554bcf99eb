"""Harvested outcomes (Outcome Harvesting): recorded by theme leaders and coordinators, listed
with filters, promoted in one step from a journal's unanticipated change, and an actor who is
not yet a boundary partner made one in one step."""

from __future__ import annotations

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import AuditEvent, HarvestedOutcome, JournalEntry, Partner

OUTCOME = {
    "theme_id": "",
    "opgave_id": "",
    "partner_id": "",
    "actor_name": "Buurtvereniging Kloosterveen",
    "change": "De buurtvereniging opent haar zaal op woensdag voor beweegles.",
    "period": "2026-10",
    "place": "Kloosterveen",
    "significance": "Eerste aanbod in de wijk.",
    "contribution": "De buurtsportcoach legde het contact.",
    "substantiation": "Verslag van het wijkoverleg.",
}


def _outcome(**where) -> HarvestedOutcome | None:  # noqa: ANN003
    db.session.expire_all()
    query = select(HarvestedOutcome)
    for name, value in where.items():
        query = query.where(getattr(HarvestedOutcome, name) == value)
    return db.session.scalar(query)


def test_theme_leader_records_an_outcome_of_an_actor_not_yet_a_partner(login, world):
    client = login("trekker1")
    response = client.post("/uitkomsten/nieuw", data={**OUTCOME, "theme_id": str(world.theme1_id)})
    assert response.status_code == 302
    outcome = _outcome(actor_name="Buurtvereniging Kloosterveen")
    assert outcome.theme_id == world.theme1_id and outcome.partner_id is None
    assert response.headers["Location"] == f"/uitkomsten/{outcome.id}"
    page = client.get(f"/uitkomsten/{outcome.id}").get_data(as_text=True)
    assert "De buurtvereniging opent haar zaal" in page and "Maak grenspartner" in page
    audited = db.session.scalar(
        select(func.count()).where(AuditEvent.entity_type == "HarvestedOutcome")
    )
    assert audited == 1


def test_make_partner_creates_the_registry_entry_and_links_it(login, world):
    client = login("trekker1")
    client.post("/uitkomsten/nieuw", data={**OUTCOME, "theme_id": str(world.theme1_id)})
    outcome = _outcome(actor_name="Buurtvereniging Kloosterveen")
    response = client.post(
        f"/uitkomsten/{outcome.id}/grenspartner",
        data={"type": "other", "version": str(outcome.version)},
    )
    assert response.status_code == 302
    outcome = _outcome(id=outcome.id)
    partner = db.session.get(Partner, outcome.partner_id)
    assert partner.name == "Buurtvereniging Kloosterveen"
    assert partner.programme_id == world.programme_id and outcome.actor_name == ""
    page = client.get(f"/uitkomsten/{outcome.id}").get_data(as_text=True)
    assert "Maak grenspartner" not in page


def test_member_and_board_cannot_record_and_leader_not_for_another_theme(login, world):
    for user in ("lid1", "bestuur"):
        client = login(user)
        assert client.get("/uitkomsten/nieuw").status_code == 403
        assert client.get("/uitkomsten").status_code == 200
    client = login("trekker1")
    response = client.post("/uitkomsten/nieuw", data={**OUTCOME, "theme_id": str(world.theme2_id)})
    assert response.status_code == 400
    assert _outcome(actor_name="Buurtvereniging Kloosterveen") is None


def test_outcome_needs_who_and_what_and_keeps_the_typed_text(login, world):
    client = login("regisseur")
    response = client.post(
        "/uitkomsten/nieuw",
        data={**OUTCOME, "actor_name": "", "period": "2031-01", "change": "Getypte tekst."},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies een grenspartner of noem de actor die veranderde." in html
    assert "kies deze maand of eerder" in html and "Getypte tekst." in html


def test_unanticipated_change_in_a_journal_becomes_an_outcome_in_one_step(login, world):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.unanticipated_change = "De club start zelf een G-team."
    db.session.flush()
    client = login("trekker1")
    page = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert f"/logboeken/{entry.id}/uitkomst" in page
    form = client.get(f"/logboeken/{entry.id}/uitkomst").get_data(as_text=True)
    assert "De club start zelf een G-team." in form and "Club neemt deel aan overleg" in form
    response = client.post(
        f"/logboeken/{entry.id}/uitkomst",
        data={
            **OUTCOME,
            "theme_id": str(world.theme1_id),
            "opgave_id": str(world.opgave1_id),
            "partner_id": str(world.partner_ids["club"]),
            "actor_name": "",
            "change": "De club start zelf een G-team.",
            "marker_ids": [str(world.marker_ids["like1"])],
        },
    )
    assert response.status_code == 302
    outcome = _outcome(origin_entry_id=entry.id)
    assert outcome.partner_id == world.partner_ids["club"]
    assert [m.id for m in outcome.markers] == [world.marker_ids["like1"]]
    detail = client.get(f"/uitkomsten/{outcome.id}").get_data(as_text=True)
    assert f"/logboeken/{entry.id}" in detail and "Club organiseert les met school" in detail
    back = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert f"/uitkomsten/{outcome.id}" in back
    assert login("lid1").get(f"/logboeken/{entry.id}/uitkomst").status_code == 403


def test_outcome_list_filters_by_theme_partner_and_period(login, world):
    client = login("regisseur")
    client.post("/uitkomsten/nieuw", data={**OUTCOME, "theme_id": str(world.theme1_id)})
    client.post(
        "/uitkomsten/nieuw",
        data={
            **OUTCOME,
            "theme_id": str(world.theme2_id),
            "partner_id": str(world.partner_ids["school"]),
            "actor_name": "",
            "change": "De school stelt het plein open.",
            "period": "2026-06",
        },
    )
    everything = client.get("/uitkomsten").get_data(as_text=True)
    assert "De school stelt het plein open." in everything and "Kloosterveen" in everything
    theme1 = client.get(f"/uitkomsten?thema={world.theme1_id}").get_data(as_text=True)
    assert "Kloosterveen" in theme1 and "De school stelt" not in theme1
    school = client.get(f"/uitkomsten?partner={world.partner_ids['school']}").get_data(as_text=True)
    assert "De school stelt" in school and "opent haar zaal" not in school
    autumn = client.get("/uitkomsten?van=2026-09&tot=2026-12").get_data(as_text=True)
    assert "opent haar zaal" in autumn and "De school stelt" not in autumn


def test_another_programmes_outcome_is_not_disclosed(login, world):
    client = login("regisseur")
    client.post("/uitkomsten/nieuw", data=OUTCOME)
    outcome = _outcome(actor_name="Buurtvereniging Kloosterveen")
    assert outcome.theme_id is None
    assert login("anderregisseur").get(f"/uitkomsten/{outcome.id}").status_code == 404
