"""People by e-mail: a coordinator invites, the person accepts through a one-time link and
chooses name and password; resend, withdraw, and every way a link can be wrong."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from omtracker import clock, onetime
from omtracker.extensions import db
from omtracker.models import Invitation, MembershipRole, OutgoingMail, Role, ThemeMembership, User
from tests.mail_support import link_in

GOOD_PASSWORD = "Sterk-wachtwoord-1"


def invite(client, email: str, **extra):  # noqa: ANN001, ANN003, ANN201
    data = {"email": email, "role": "user", "theme_id": "0", "theme_role": "", "locale": "nl"}
    data.update(extra)
    return client.post("/beheer/uitnodigingen", data=data)


def invitation_link(smtp, email: str, count: int = 1) -> str:  # noqa: ANN001
    return link_in(smtp.wait_for(email, count)[count - 1], "/uitnodiging/")


def accept(client, link: str, username: str = "nieuwetrekker"):  # noqa: ANN001, ANN201
    return client.post(
        link,
        data={
            "display_name": "Nieuwe Trekker",
            "username": username,
            "password": GOOD_PASSWORD,
            "confirm": GOOD_PASSWORD,
        },
    )


def test_theme_leader_invited_by_mail_chooses_a_password_and_leads_the_theme(
    login, client, world, smtp
):
    login("regisseur")
    response = invite(client, "trekker@club.nl", theme_id=str(world.theme1_id), theme_role="lead")
    assert response.status_code == 302
    link = invitation_link(smtp, "trekker@club.nl")
    client.post("/logout")
    form = client.get(link)
    assert form.status_code == 200 and 'value="trekker"' in form.get_data(as_text=True)
    done = accept(client, link)
    assert done.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "nieuwetrekker"))
    assert user.email == "trekker@club.nl" and user.role == Role.user
    assert user.programme_id == world.programme_id and user.check_password(GOOD_PASSWORD)
    membership = db.session.scalar(
        select(ThemeMembership).where(ThemeMembership.user_id == user.id)
    )
    assert membership.theme_id == world.theme1_id and membership.role == MembershipRole.lead
    assert client.get(f"/themas/{world.theme1_id}/status").status_code == 200  # logged in, leads


def test_the_token_is_stored_only_as_its_hash(login, client, world, smtp):
    login("regisseur")
    invite(client, "hash@voorbeeld.nl")
    token = invitation_link(smtp, "hash@voorbeeld.nl").rsplit("/", 1)[1]
    stored = db.session.scalar(select(Invitation).where(Invitation.email == "hash@voorbeeld.nl"))
    assert stored.token_sha256 == onetime.token_hash(token) and token not in stored.token_sha256


def test_a_used_link_is_refused_with_a_clear_page(login, client, world, smtp):
    login("regisseur")
    invite(client, "eenmalig@voorbeeld.nl")
    link = invitation_link(smtp, "eenmalig@voorbeeld.nl")
    client.post("/logout")
    assert accept(client, link).status_code == 302
    client.post("/logout")
    again = client.get(link)
    assert again.status_code == 410
    assert "Deze link is al gebruikt" in again.get_data(as_text=True)
    assert accept(client, link, username="tweede").status_code == 410
    assert db.session.scalar(select(User).where(User.username == "tweede")) is None


def test_an_expired_link_is_refused_with_a_clear_page(login, client, world, smtp, time_machine):
    login("regisseur")
    invite(client, "laat@voorbeeld.nl")
    link = invitation_link(smtp, "laat@voorbeeld.nl")
    client.post("/logout")
    time_machine.move_to(clock.now() + timedelta(days=7, minutes=1), tick=False)
    page = client.get(link)
    assert page.status_code == 410
    assert "Deze link is verlopen" in page.get_data(as_text=True)


def test_a_tampered_link_is_refused_with_a_clear_page(login, client, world, smtp):
    login("regisseur")
    invite(client, "knoeien@voorbeeld.nl")
    link = invitation_link(smtp, "knoeien@voorbeeld.nl")
    client.post("/logout")
    flipped = link[:-1] + ("A" if link[-1] != "A" else "B")
    for bad in (flipped, link[:-5], link + "x", "/uitnodiging/%3Cscript%3E"):
        page = client.get(bad)
        assert page.status_code == 404, bad
        assert "Deze link klopt niet" in page.get_data(as_text=True)


def test_a_foreign_token_opens_nothing(login, client, world, smtp):
    """A password-reset token at the invitation address (and back) is just a wrong link."""
    user = db.session.get(User, 1)
    user.email = "beheer@voorbeeld.nl"
    db.session.commit()
    client.post("/wachtwoord-vergeten", data={"email": "beheer@voorbeeld.nl"})
    reset_link = link_in(smtp.wait_for("beheer@voorbeeld.nl")[0], "/wachtwoord-herstellen/")
    token = reset_link.rsplit("/", 1)[1]
    page = client.get(f"/uitnodiging/{token}")
    assert page.status_code == 404 and "Deze link klopt niet" in page.get_data(as_text=True)
    login("regisseur")
    invite(client, "vreemd@voorbeeld.nl")
    invite_token = invitation_link(smtp, "vreemd@voorbeeld.nl").rsplit("/", 1)[1]
    client.post("/logout")
    page = client.get(f"/wachtwoord-herstellen/{invite_token}")
    assert page.status_code == 404 and "Deze link klopt niet" in page.get_data(as_text=True)


def test_resend_makes_a_new_link_and_the_old_one_stops_working(login, client, world, smtp):
    login("regisseur")
    invite(client, "opnieuw@voorbeeld.nl")
    old = invitation_link(smtp, "opnieuw@voorbeeld.nl")
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "opnieuw@voorbeeld.nl")
    )
    assert client.post(f"/beheer/uitnodigingen/{invitation.id}/opnieuw").status_code == 302
    new = invitation_link(smtp, "opnieuw@voorbeeld.nl", count=2)
    assert new != old
    client.post("/logout")
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_withdrawn_invitation_is_refused_with_a_clear_page(login, client, world, smtp):
    login("regisseur")
    invite(client, "ingetrokken@voorbeeld.nl")
    link = invitation_link(smtp, "ingetrokken@voorbeeld.nl")
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "ingetrokken@voorbeeld.nl")
    )
    assert client.post(f"/beheer/uitnodigingen/{invitation.id}/intrekken").status_code == 302
    client.post("/logout")
    page = client.get(link)
    assert page.status_code == 410 and "ingetrokken" in page.get_data(as_text=True)


def test_invitations_to_one_address_are_throttled(app, login, client, world, smtp):
    login("regisseur")
    invite(client, "veel@voorbeeld.nl")
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "veel@voorbeeld.nl")
    )
    limit = app.config["LINK_MAILS_PER_HOUR"]
    for _ in range(limit - 1):
        client.post(f"/beheer/uitnodigingen/{invitation.id}/opnieuw")
    refused = client.post(f"/beheer/uitnodigingen/{invitation.id}/opnieuw", follow_redirects=True)
    assert "genoeg e-mails" in refused.get_data(as_text=True)
    count = (
        db.session.query(OutgoingMail).filter(OutgoingMail.recipient == "veel@voorbeeld.nl").count()
    )
    assert count == limit


def test_an_invitation_form_with_a_bad_address_keeps_what_was_typed(login, client, world):
    login("regisseur")
    response = invite(client, "geen-adres", display_name="Mijn Naam")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in." in html and 'value="Mijn Naam"' in html


def test_an_existing_account_is_not_invited_twice(login, client, world):
    user = db.session.get(User, 1)
    user.email = "bestaand@voorbeeld.nl"
    db.session.commit()
    login("regisseur")
    response = invite(client, "Bestaand@Voorbeeld.nl")
    assert response.status_code == 400
    assert "Er is al een account met dit e-mailadres." in response.get_data(as_text=True)


def test_a_weak_password_is_refused_and_the_name_kept(login, client, world, smtp):
    login("regisseur")
    invite(client, "zwak@voorbeeld.nl")
    link = invitation_link(smtp, "zwak@voorbeeld.nl")
    client.post("/logout")
    response = client.post(
        link,
        data={"display_name": "Zwak", "username": "zwak", "password": "kort", "confirm": "kort"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "minstens 12 tekens" in html and 'value="Zwak"' in html


def test_a_coordinator_of_another_programme_cannot_touch_our_invitations(
    login, client, world, smtp
):
    login("regisseur")
    invite(client, "onze@voorbeeld.nl")
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.email == "onze@voorbeeld.nl")
    )
    login("anderregisseur")
    assert client.post(f"/beheer/uitnodigingen/{invitation.id}/intrekken").status_code == 404
    assert "onze@voorbeeld.nl" not in client.get("/beheer/uitnodigingen").get_data(as_text=True)
    assert invitation.withdrawn_at is None
