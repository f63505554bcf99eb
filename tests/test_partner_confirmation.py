""" "Klopt dit?": a theme's writer asks the partner's contact person to confirm an outcome; the
contact person answers through a one-time link without an account, and the journal shows it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import AuditEvent, Partner, PartnerConfirmation
from tests.mail_support import body, link_in

CONTACT = "contact@vv-testclub.example.org"


@pytest.fixture
def club_contact(world):  # noqa: ANN001, ANN201
    club = db.session.get(Partner, world.partner_ids["club"])
    club.contact_name = "Jan Contact"
    club.contact_email = CONTACT
    db.session.commit()
    return club


def _ask(client, world) -> object:  # noqa: ANN001
    return client.post(f"/logboeken/{world.entry_ids['2026-10']}/klopt-dit")


def _link(smtp) -> str:  # noqa: ANN001
    [mail] = smtp.wait_for(CONTACT)
    return link_in(mail, "/klopt-dit/")


def test_partner_confirms_through_the_link_and_the_journal_shows_it(
    client, login, world, smtp, club_contact
):
    login("trekker1")
    assert _ask(client, world).status_code == 302
    [mail] = smtp.wait_for(CONTACT)
    text = body(mail)
    assert "Hallo Jan Contact" in text and "Contactpersoon aangewezen." in text
    assert "oktober 2026" in text and "VV Testclub" in text
    link = link_in(mail, "/klopt-dit/")
    client.post("/logout")

    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Contactpersoon aangewezen." in html
    # Only this outcome statement: nothing else of the programme.
    for other in ("Beweegdiploma", "Jong geleerd", "Club neemt deel aan overleg", "Start."):
        assert other not in html
    done = client.post(link, data={"answer": "confirmed", "comment": ""})
    assert done.status_code == 200 and "Bedankt voor je antwoord" in done.get_data(as_text=True)

    login("lid1")
    entry_page = client.get(f"/logboeken/{world.entry_ids['2026-10']}").get_data(as_text=True)
    assert "bevestigd door de partner" in entry_page
    stored = db.session.scalar(select(PartnerConfirmation))
    assert stored.answer == "confirmed" and stored.answered_at is not None
    assert len(stored.token_sha256) == 64 and link.rsplit("/", 1)[1] not in stored.token_sha256
    audited = db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "PartnerConfirmation")
    ).all()
    assert any((event.after or {}).get("answer") == "confirmed" for event in audited)


def test_a_correction_needs_text_and_keeps_what_was_typed(client, login, world, smtp, club_contact):
    login("trekker1")
    _ask(client, world)
    link = _link(smtp)
    client.post("/logout")
    refused = client.post(link, data={"answer": "corrected", "comment": ""})
    assert refused.status_code == 400
    assert "Schrijf wat er anders is" in refused.get_data(as_text=True)
    saved = client.post(link, data={"answer": "corrected", "comment": "Het was in september."})
    assert saved.status_code == 200
    login("trekker1")
    page = client.get(f"/logboeken/{world.entry_ids['2026-10']}").get_data(as_text=True)
    assert "correctie van de partner" in page and "Het was in september." in page
    assert "bevestigd door de partner" not in page


def test_a_used_link_works_once(client, login, world, smtp, club_contact):
    login("trekker1")
    _ask(client, world)
    link = _link(smtp)
    client.post("/logout")
    assert client.post(link, data={"answer": "confirmed"}).status_code == 200
    again = client.post(link, data={"answer": "commented", "comment": "Toch niet."})
    assert again.status_code == 410 and "al gebruikt" in again.get_data(as_text=True)
    assert client.get(link).status_code == 410
    assert db.session.scalar(select(PartnerConfirmation.answer)) == "confirmed"


def test_an_expired_link_no_longer_opens(client, login, world, smtp, club_contact, time_machine):
    login("trekker1")
    _ask(client, world)
    link = _link(smtp)
    client.post("/logout")
    later = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")) + timedelta(days=31)
    time_machine.move_to(later, tick=False)
    expired = client.post(link, data={"answer": "confirmed"})
    assert expired.status_code == 410 and "verlopen" in expired.get_data(as_text=True)
    assert db.session.scalar(select(PartnerConfirmation.answered_at)) is None


def test_a_tampered_link_opens_nothing(client, login, world, smtp, club_contact):
    login("trekker1")
    _ask(client, world)
    link = _link(smtp)
    client.post("/logout")
    token = link.rsplit("/", 1)[1]
    tampered = link[: -len(token)] + ("A" if token[0] != "A" else "B") + token[1:]
    assert client.get(tampered).status_code == 404
    assert client.get("/klopt-dit/kort").status_code == 404
    assert client.post(tampered, data={"answer": "confirmed"}).status_code == 404


@pytest.mark.parametrize("who", ["trekker2", "bestuur"])
def test_only_writers_of_the_theme_can_send(client, login, world, smtp, club_contact, who):
    login(who)
    assert _ask(client, world).status_code == 403
    assert smtp.to(CONTACT) == []
    assert db.session.scalar(select(PartnerConfirmation)) is None


def test_sending_is_throttled_per_entry(client, login, world, smtp, club_contact, app):
    app.config["LINK_MAILS_PER_HOUR"] = 10
    login("lid1")
    for _ in range(3):
        assert _ask(client, world).status_code == 302
    refused = _ask(client, world)
    assert refused.status_code == 303
    assert len(db.session.scalars(select(PartnerConfirmation)).all()) == 3
    app.config["LINK_MAILS_PER_HOUR"] = 3


def test_without_a_contact_address_nothing_is_sent(client, login, world, smtp):
    login("trekker1")
    page = client.get(f"/logboeken/{world.entry_ids['2026-10']}").get_data(as_text=True)
    assert "Vul bij de partner het e-mailadres van een contactpersoon in" in page
    assert _ask(client, world).status_code == 303
    assert db.session.scalar(select(PartnerConfirmation)) is None
