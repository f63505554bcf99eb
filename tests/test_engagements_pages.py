"""A theme leader keeps outcome challenges: create, read, edit, stop and archive them."""

from __future__ import annotations

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import AuditEvent, Engagement
from tests.engagements_support import ladder, other_programme_engagement

NEW = "/opgaven/{}/uitkomstuitdagingen/nieuw"


def engagement_data(**overrides):
    data = {
        "partner_id": "",
        "outcome_challenge": "Welzijn verwijst gezinnen door naar de beweegles.",
        "monitoring_frequency_months": "1",
        "start_date": "2026-11-01",
    }
    data.update(overrides)
    return data


def test_create_form_offers_only_partners_not_yet_engaged_in_the_opgave(world, login):
    html = login("trekker1").get(NEW.format(world.opgave1_id)).get_data(as_text=True)
    assert "Nieuwe uitkomstuitdaging" in html
    assert "Basisschool De Test" in html and "Welzijn Test" in html
    assert "VV Testclub" not in html  # already engaged in opgave 1
    assert "Club Elders" not in html  # another programme's registry
    assert "het gedrag dat deze partner laat zien als de opgave slaagt" in html
    assert "Elke maand" in html and "Elk kwartaal (3 maanden)" in html


def test_theme_leader_creates_an_engagement_and_lands_on_its_page(world, login):
    client = login("trekker1")
    response = client.post(
        NEW.format(world.opgave1_id),
        data=engagement_data(
            partner_id=world.partner_ids["school"], monitoring_frequency_months="3"
        ),
    )
    assert response.status_code == 302
    engagement = db.session.scalar(
        select(Engagement).where(
            Engagement.opgave_id == world.opgave1_id,
            Engagement.partner_id == world.partner_ids["school"],
        )
    )
    assert response.headers["Location"] == f"/uitkomstuitdagingen/{engagement.id}"
    assert engagement.monitoring_frequency_months == 3
    assert engagement.outcome_challenge.startswith("Welzijn verwijst")
    audited = db.session.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.entity_type == "Engagement", AuditEvent.entity_id == engagement.id
        )
    )
    assert audited == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Basisschool De Test" in page and "Elk kwartaal (3 maanden)" in page
    assert "Nog geen voortgangsmarkeringen" in page


def test_engaging_a_partner_twice_gets_a_clear_error_and_keeps_the_input(world, login):
    response = login("trekker1").post(
        NEW.format(world.opgave1_id),
        data=engagement_data(partner_id=world.partner_ids["club"], outcome_challenge="Mijn tekst"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "VV Testclub heeft al een uitkomstuitdaging in deze opgave" in html
    assert "Mijn tekst" in html
    assert f"/uitkomstuitdagingen/{world.engagement1_id}" in html  # a way to the existing one


def test_a_partner_of_another_programme_cannot_be_engaged(world, login):
    response = login("trekker1").post(
        NEW.format(world.opgave1_id),
        data=engagement_data(partner_id=world.partner_ids["elders"]),
    )
    assert response.status_code == 400
    assert "Kies een grenspartner uit het register" in response.get_data(as_text=True)


def test_missing_text_bad_date_and_unknown_frequency_get_dutch_messages(world, login):
    response = login("trekker1").post(
        NEW.format(world.opgave1_id),
        data=engagement_data(
            partner_id=world.partner_ids["school"],
            outcome_challenge="",
            start_date="31-31-2026",
            monitoring_frequency_months="5",
        ),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Beschrijf de uitkomstuitdaging." in html
    assert "Kies hoe vaak een logboek wordt geschreven." in html
    assert "31-31-2026" in html  # what was typed stays
    assert db.session.scalar(select(func.count(Engagement.id))) == 1


def test_no_partner_chosen_is_named_next_to_the_field(world, login):
    response = login("trekker1").post(NEW.format(world.opgave1_id), data=engagement_data())
    assert response.status_code == 400
    assert "Kies een grenspartner uit het register." in response.get_data(as_text=True)


def test_engagement_page_shows_ladder_levels_stage_and_journals(world, login):
    html = login("lid1").get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    assert "VV Testclub" in html and "De club biedt beweegles aan kleuters." in html
    for heading in ("Verwacht te zien", "Graag te zien", "Prachtig om te zien"):
        assert heading in html
    # expect1 was rated 3 in October, expect2 2: both reached; like1 only 1.
    assert "Verwacht bereikt" in html
    assert "2 van 2 bereikt" in html and "0 van 1 bereikt" in html
    assert html.count("level-badge level-3") == 1 and "Hoog" in html
    assert "september 2026" in html and "oktober 2026" in html  # the journal list
    assert 'title="oktober 2026: Hoog"' in html  # the grid cell says it in words too
    # the ladder is shorter than usual: a hint, not an error
    assert "gebruikelijk 3–5" in html
    # a member reads but does not edit the ladder
    assert "Markering toevoegen" not in html and "Uitkomstuitdaging bewerken" not in html


def test_engagement_page_offers_the_journal_for_this_month_to_writers(app, world, client, login):
    html = login("lid1").get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    if "journals.form" in app.view_functions:
        assert "Logboek schrijven voor november 2026" in html
    client.post("/logout")
    html = login("bestuur").get(f"/uitkomstuitdagingen/{world.engagement1_id}")
    assert "Logboek schrijven" not in html.get_data(as_text=True)


def test_retired_markers_are_listed_apart_and_struck_through(world, login):
    engagement_id = ladder(world, markers=5, months=4)
    html = login("trekker1").get(f"/uitkomstuitdagingen/{engagement_id}").get_data(as_text=True)
    assert "Ingetrokken markeringen" in html
    assert '<del><a href="/markeringen/' in html and "Markering 5" in html
    assert "Weer laten meetellen" in html


def test_leader_edits_the_outcome_challenge(world, login):
    client = login("trekker1")
    engagement = db.session.get(Engagement, world.engagement1_id)
    response = client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken",
        data=engagement_data(
            outcome_challenge="Nieuwe tekst", monitoring_frequency_months="2", version="1"
        ),
    )
    assert response.status_code == 302
    db.session.refresh(engagement)
    assert engagement.outcome_challenge == "Nieuwe tekst"
    assert engagement.monitoring_frequency_months == 2
    page = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    assert "Wijzigingen aan deze uitkomstuitdaging" in page and "Elke 2 maanden" in page


def test_second_save_of_an_engagement_gets_a_conflict_with_both_versions(world, login):
    client = login("trekker1")
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken"
    first = client.post(url, data=engagement_data(outcome_challenge="Eerste", version="1"))
    assert first.status_code == 302
    second = client.post(url, data=engagement_data(outcome_challenge="Tweede", version="1"))
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert "Eerste" in html and "Tweede" in html
    assert db.session.get(Engagement, world.engagement1_id).outcome_challenge == "Eerste"
    assert 'name="version" type="hidden" value="2"' in html  # saving again is deliberate


def test_edit_with_an_invalid_date_is_400_and_keeps_the_text(world, login):
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken",
        data=engagement_data(outcome_challenge="Bewaard", start_date="morgen", version="1"),
    )
    assert response.status_code == 400
    assert "Bewaard" in response.get_data(as_text=True)


def test_archive_and_restore_keep_the_page_readable(world, login):
    client = login("regisseur")
    base = f"/uitkomstuitdagingen/{world.engagement1_id}"
    assert client.post(f"{base}/archiveren", data={"version": "1"}).status_code == 302
    engagement = db.session.get(Engagement, world.engagement1_id)
    assert engagement.archived is True
    html = client.get(base).get_data(as_text=True)
    assert "Gearchiveerd" in html and "telt niet mee in de cijfers" in html
    assert "Club neemt deel aan overleg" in html  # markers stay readable
    assert client.post(f"{base}/terugzetten", data={"version": "2"}).status_code == 302
    db.session.refresh(engagement)
    assert engagement.archived is False


def test_stopping_monitoring_with_a_stale_version_changes_nothing(world, login):
    client = login("trekker1")
    base = f"/uitkomstuitdagingen/{world.engagement1_id}"
    assert client.post(f"{base}/stoppen", data={"version": "1"}).status_code == 302
    assert db.session.get(Engagement, world.engagement1_id).active is False
    stale = client.post(f"{base}/hervatten", data={"version": "1"})
    assert stale.status_code == 409
    assert "Iemand anders heeft deze uitkomstuitdaging intussen gewijzigd" in stale.get_data(
        as_text=True
    )
    assert db.session.get(Engagement, world.engagement1_id).active is False


def test_unknown_and_foreign_engagements_are_404(world, login):
    foreign_id, _ = other_programme_engagement(world)
    client = login("regisseur")
    assert client.get("/uitkomstuitdagingen/999999").status_code == 404
    assert client.get(f"/uitkomstuitdagingen/{foreign_id}").status_code == 404
    assert client.get("/opgaven/999999/uitkomstuitdagingen/nieuw").status_code == 404


def test_pages_need_a_login(world, client):
    response = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_an_edit_without_a_version_is_a_conflict_not_a_silent_overwrite(login, client, world):
    login("trekker1")
    response = client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken",
        data={
            "outcome_challenge": "Zonder versie",
            "monitoring_frequency_months": "1",
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 409
    from omtracker.extensions import db
    from omtracker.models import Engagement

    assert db.session.get(Engagement, world.engagement1_id).outcome_challenge != "Zonder versie"
