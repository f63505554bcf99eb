"""Quick observations: a theme's writer notes what a partner did, in two steps from a phone;
the month's journal lists them, begins with them and takes them as evidence when saved."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from omtracker.evidence import strengths_of
from omtracker.extensions import db
from omtracker.models import (
    AuditEvent,
    Engagement,
    JournalEntry,
    Observation,
    ProgressMarker,
    User,
)
from omtracker.observations import services
from omtracker.periods import current_period
from tests.journals_support import PDF, PNG, add_engagement, journal_url, payload

NOW = current_period()  # 2026-11 under the suite's pinned clock


def observe(client, engagement_id, **fields):  # noqa: ANN001, ANN003, ANN201
    data = {"text": "De voorzitter belde zelf de school.", "observed_on": "2026-11-12"}
    data.update(fields)
    return client.post(
        f"/uitkomstuitdagingen/{engagement_id}/waarneming",
        data=data,
        content_type="multipart/form-data",
    )


def observations() -> list[Observation]:
    return list(db.session.scalars(select(Observation).order_by(Observation.id)))


def test_a_member_notes_an_observation_in_two_steps(client, login, world):
    login("lid1")
    assert 'href="/waarneming"' in client.get("/").get_data(as_text=True)  # in the navigation
    step1 = client.get("/waarneming")
    html = step1.get_data(as_text=True)
    assert step1.status_code == 200
    assert (
        "VV Testclub" in html and f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming" in html
    )
    step2 = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming")
    assert step2.status_code == 200 and "Club neemt deel aan overleg" in step2.get_data(
        as_text=True
    )
    saved = observe(
        client,
        world.engagement1_id,
        marker=str(world.marker_ids["like1"]),
        significance="high",
    )
    assert saved.status_code == 302
    [stored] = observations()
    assert stored.period == "2026-11" and stored.significance == "high"
    assert stored.progress_marker_id == world.marker_ids["like1"]
    assert stored.programme_id == world.programme_id and stored.journal_entry_id is None
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Waarneming over VV Testclub opgeslagen." in page
    assert journal_url(world.engagement1_id, NOW) in page  # the flash leads on to the journal
    assert "De voorzitter belde zelf de school." in page  # under "Mijn laatste waarnemingen"
    audited = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.entity_type == "Observation")
    )
    assert audited == 1


def test_the_date_defaults_to_today_and_the_month_follows_the_date(client, login, world):
    login("trekker1")
    form = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming")
    assert 'value="2026-11-16"' in form.get_data(as_text=True)
    observe(client, world.engagement1_id, observed_on="2026-10-30")
    assert observations()[0].period == "2026-10"


def test_bad_input_is_refused_with_a_message_and_keeps_the_text(client, login, world):
    login("trekker1")
    typed = "Trainer kwam voor het eerst naar het overleg."
    cases = [
        ({"observed_on": "2026-12-01"}, "Een waarneming gaat over vandaag"),
        ({"observed_on": "2025-12-31"}, "De samenwerking begon in januari 2026"),
        ({"observed_on": ""}, "Vul de datum in"),
        ({"marker": "999999"}, "Kies een markering van deze partner"),
        ({"marker": "abc"}, ""),
        ({"significance": "enorm"}, "Kies laag, gemiddeld of hoog"),
        ({"text": "x" * 5001}, "Hoogstens 5000 tekens"),
    ]
    for fields, message in cases:
        response = observe(client, world.engagement1_id, **{"text": typed, **fields})
        html = response.get_data(as_text=True)
        assert response.status_code == 400, fields
        assert message in html, fields
        assert (fields.get("text") or typed)[:40] in html, fields
    empty = observe(client, world.engagement1_id, text="   ")
    assert empty.status_code == 400 and "Beschrijf kort wat je zag." in empty.get_data(as_text=True)
    assert observations() == []


def test_a_photo_is_stored_checked_and_served_to_readers(app, client, login, world):
    login("trekker1")
    saved = observe(
        client, world.engagement1_id, file=(io.BytesIO(PNG), "foto.png"), significance="low"
    )
    assert saved.status_code == 302
    [stored] = observations()
    assert stored.filename == "foto.png" and stored.content_type == "image/png"
    assert (Path(app.config["ATTACHMENT_DIR"]) / stored.stored_name).exists()
    login("bestuur")  # the board reads the programme, like journal attachments
    with client.get(f"/waarnemingen/{stored.id}/bestand") as shown:
        assert shown.status_code == 200 and shown.data == PNG


def test_a_file_that_is_not_what_it_says_or_too_big_is_refused(app, client, login, world):
    login("trekker1")
    fake = observe(client, world.engagement1_id, file=(io.BytesIO(b"MZ\x90\x00"), "foto.jpg"))
    assert fake.status_code == 400
    assert "geen echt jpg-bestand" in fake.get_data(as_text=True)
    assert "De voorzitter belde zelf de school." in fake.get_data(as_text=True)
    app.config["ATTACHMENT_MAX_BYTES"], before = 100, app.config["ATTACHMENT_MAX_BYTES"]
    try:
        big = observe(client, world.engagement1_id, file=(io.BytesIO(PDF * 10), "verslag.pdf"))
    finally:
        app.config["ATTACHMENT_MAX_BYTES"] = before
    assert big.status_code == 400 and "is te groot" in big.get_data(as_text=True)
    wrong = observe(client, world.engagement1_id, file=(io.BytesIO(b"x"), "script.exe"))
    assert wrong.status_code == 400 and "niet toegestaan" in wrong.get_data(as_text=True)
    assert observations() == []


def test_another_themes_leader_and_the_board_cannot_add(client, login, world):
    login("trekker2")
    assert observe(client, world.engagement1_id).status_code == 403
    assert client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming").status_code == 403
    assert "VV Testclub" not in client.get("/waarneming").get_data(as_text=True)
    login("bestuur")
    assert client.get("/waarneming").status_code == 403
    assert observe(client, world.engagement1_id).status_code == 403
    login("anderregisseur")  # another programme's coordinator: the partner does not exist there
    assert observe(client, world.engagement1_id).status_code == 404
    assert observations() == []


def test_only_the_author_edits_or_removes_and_only_until_a_journal_took_it(client, login, world):
    login("lid1")
    observe(client, world.engagement1_id)
    [stored] = observations()
    login("trekker1")
    assert client.get(f"/waarnemingen/{stored.id}/bewerken").status_code == 403
    assert client.post(f"/waarnemingen/{stored.id}/verwijderen").status_code == 403
    login("lid1")
    form = client.get(f"/waarnemingen/{stored.id}/bewerken").get_data(as_text=True)
    assert "Waarneming bewerken" in form and "De voorzitter belde zelf de school." in form
    edited = client.post(
        f"/waarnemingen/{stored.id}/bewerken",
        data={"text": "Het was de penningmeester.", "observed_on": "2026-11-13"},
        content_type="multipart/form-data",
    )
    assert edited.status_code == 302
    db.session.refresh(stored)
    assert stored.text == "Het was de penningmeester."
    login("trekker1")
    client.post(
        journal_url(world.engagement1_id, NOW), data=payload(world, observation_ids=[stored.id])
    )
    db.session.refresh(stored)
    assert stored.journal_entry_id is not None
    login("lid1")
    assert client.get(f"/waarnemingen/{stored.id}/bewerken").status_code == 403
    assert client.post(f"/waarnemingen/{stored.id}/verwijderen").status_code == 403


def test_removing_archives_and_hides_it(client, login, world):
    login("lid1")
    observe(client, world.engagement1_id)
    [stored] = observations()
    assert client.post(f"/waarnemingen/{stored.id}/verwijderen").status_code == 302
    db.session.refresh(stored)
    assert stored.archived  # nothing is hard-deleted
    form = client.get(journal_url(world.engagement1_id, NOW)).get_data(as_text=True)
    assert "De voorzitter belde" not in form
    assert client.get(f"/waarnemingen/{stored.id}/bewerken").status_code == 404


def test_the_months_journal_lists_the_observations_and_begins_with_them(client, login, world):
    login("lid1")
    observe(client, world.engagement1_id, marker=str(world.marker_ids["expect1"]))
    observe(client, world.engagement1_id, text="Twintig kleuters op de les.", significance="medium")
    observe(client, world.engagement1_id, text="Oktober-notitie.", observed_on="2026-10-05")
    login("trekker1")
    form = client.get(journal_url(world.engagement1_id, NOW))
    html = form.get_data(as_text=True)
    assert "2 waarnemingen deze maand" in html
    assert "Oktober-notitie." not in html  # another month's observation
    textarea = html.split('id="change_description"', 1)[1].split("</textarea>", 1)[0]
    assert "De voorzitter belde zelf de school. (Club neemt deel aan overleg)" in textarea
    assert "Twintig kleuters op de les. (gemiddeld)" in textarea
    assert "Lid1" in textarea and "12 nov" in textarea


def test_saving_the_journal_takes_the_observations_as_evidence(client, login, world):
    login("lid1")
    observe(client, world.engagement1_id, file=(io.BytesIO(PDF), "presentielijst.pdf"))
    observe(client, world.engagement1_id, text="Later gezien, na het openen van het logboek.")
    first, late = observations()
    login("trekker1")
    saved = client.post(
        journal_url(world.engagement1_id, NOW),
        data=payload(world, evidence="", observation_ids=[str(first.id), "abc", "99999999999"]),
    )
    assert saved.status_code == 302
    entry = db.session.scalar(
        select(JournalEntry).where(
            JournalEntry.engagement_id == world.engagement1_id, JournalEntry.period == NOW
        )
    )
    db.session.refresh(first)
    db.session.refresh(late)
    assert first.journal_entry_id == entry.id
    assert late.journal_entry_id is None  # not on the form that was saved: still open
    page = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert "Waarnemingen" in page and "presentielijst.pdf" in page
    assert strengths_of([entry.id]) == {entry.id: "document"}  # an observed file is a document
    engagement_page = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}")
    assert "1 waarneming wacht op het logboek" in engagement_page.get_data(as_text=True)
    again = client.get(journal_url(world.engagement1_id, NOW)).get_data(as_text=True)
    assert "1 waarneming deze maand" in again and "Als begintekst gebruiken" in again
    assert "Waarnemingen bij dit logboek" in again


def test_an_observation_without_a_file_makes_a_journal_described(client, login, world):
    login("trekker1")
    observe(client, world.engagement1_id)
    [stored] = observations()
    client.post(
        journal_url(world.engagement1_id, NOW),
        data=payload(world, evidence="", observation_ids=[str(stored.id)]),
    )
    db.session.refresh(stored)
    assert strengths_of([stored.journal_entry_id]) == {stored.journal_entry_id: "described"}


def test_as_starting_text_adds_them_to_a_written_journal_without_javascript(client, login, world):
    login("trekker1")
    observe(client, world.engagement1_id, observed_on="2026-10-20")
    url = journal_url(world.engagement1_id, "2026-10")
    plain = client.get(url).get_data(as_text=True)
    textarea = plain.split('id="change_description"', 1)[1].split("</textarea>", 1)[0]
    assert "Contactpersoon aangewezen." in textarea and "De voorzitter" not in textarea
    added = client.get(url + "?begintekst=1").get_data(as_text=True)
    textarea = added.split('id="change_description"', 1)[1].split("</textarea>", 1)[0]
    assert "Contactpersoon aangewezen." in textarea and "De voorzitter belde" in textarea


def test_link_to_entry_takes_only_open_observations_of_that_partner_and_month(app, world):
    other = add_engagement(world, partner_name="Zwemclub Nat")
    author = db.session.scalar(select(User).where(User.username == "lid1"))
    made = []
    for engagement_id, day in ((world.engagement1_id, 3), (other, 4), (world.engagement1_id, 5)):
        engagement = db.session.get(Engagement, engagement_id)
        month = 10 if day == 5 else 11
        data = services.ObservationInput(observed_on=date(2026, month, day), text="x")
        made.append(services.record_observation(engagement, data, author)[0])
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    assert services.link_to_entry(entry, [o.id for o in made]) == 1
    assert [o.journal_entry_id for o in made] == [None, None, entry.id]


def test_the_pages_speak_english_when_asked(client, login, world):
    login("lid1")
    client.post("/taal", data={"lang": "en", "next": "/"})
    step1 = client.get("/waarneming").get_data(as_text=True)
    assert "Step 1 of 2: which partner?" in step1
    step2 = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming")
    assert "What did you see?" in step2.get_data(as_text=True)
    observe(client, world.engagement1_id)
    form = client.get(journal_url(world.engagement1_id, NOW)).get_data(as_text=True)
    assert "1 observation this month" in form


def test_an_edit_keeps_a_marker_retired_since(client, login, world):
    login("lid1")
    observe(client, world.engagement1_id, marker=str(world.marker_ids["love1"]))
    [stored] = observations()
    db.session.get(ProgressMarker, world.marker_ids["love1"]).retired_period = "2026-10"
    db.session.commit()
    form = client.get(f"/waarnemingen/{stored.id}/bewerken").get_data(as_text=True)
    assert "Club borgt de aanpak" in form
    edited = client.post(
        f"/waarnemingen/{stored.id}/bewerken",
        data={
            "text": "Nog steeds.",
            "observed_on": "2026-11-12",
            "marker": str(stored.progress_marker_id),
        },
        content_type="multipart/form-data",
    )
    assert edited.status_code == 302
    fresh = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/waarneming")
    assert "Club borgt de aanpak" not in fresh.get_data(as_text=True)  # not for new ones
