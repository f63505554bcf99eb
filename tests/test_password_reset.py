"""'Wachtwoord vergeten': a reset link by e-mail that never reveals whether an address exists."""

from __future__ import annotations

import re
import statistics
import time
from datetime import timedelta

from sqlalchemy import select

from omtracker import clock
from omtracker.extensions import db
from omtracker.models import OutgoingMail, User
from tests.mail_support import link_in

NEW_PASSWORD = "Nieuw-wachtwoord-9"


def _with_email(username: str, email: str) -> User:
    user = db.session.scalar(select(User).where(User.username == username))
    user.email = email
    db.session.commit()
    return user


def _reset_link(client, smtp, email: str, count: int = 1) -> str:  # noqa: ANN001
    client.post("/wachtwoord-vergeten", data={"email": email})
    return link_in(smtp.wait_for(email, count)[count - 1], "/wachtwoord-herstellen/")


def test_the_login_page_offers_wachtwoord_vergeten(client, world):
    assert "Wachtwoord vergeten?" in client.get("/login").get_data(as_text=True)


def test_a_forgotten_password_is_reset_through_the_link(client, world, smtp):
    user = _with_email("trekker1", "trekker1@voorbeeld.nl")
    link = _reset_link(client, smtp, "trekker1@voorbeeld.nl")
    assert "trekker1" in client.get(link).get_data(as_text=True)
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    assert user.check_password(NEW_PASSWORD)
    login = client.post("/login", data={"username": "trekker1", "password": NEW_PASSWORD})
    assert login.status_code == 302
    client.post("/logout")
    reused = client.get(link)
    assert reused.status_code == 410 and "Deze link is al gebruikt" in reused.get_data(as_text=True)


def test_the_answer_never_reveals_whether_an_address_exists(client, world, smtp):
    _with_email("lid1", "lid1@voorbeeld.nl")
    known = client.post("/wachtwoord-vergeten", data={"email": "lid1@voorbeeld.nl"})
    unknown = client.post("/wachtwoord-vergeten", data={"email": "niemand@voorbeeld.nl"})
    assert known.status_code == unknown.status_code == 200

    def normalise(response, address):  # noqa: ANN001, ANN202
        # CSRF tokens carry a timestamp: two answers a second apart differ there and only there.
        page = response.get_data(as_text=True).replace(address, "ADRES")
        return re.sub(r'(name="csrf_token" value|data-csrf)="[^"]*"', r"\1", page)

    assert normalise(known, "lid1@voorbeeld.nl") == normalise(unknown, "niemand@voorbeeld.nl")
    smtp.wait_for("lid1@voorbeeld.nl")
    assert smtp.to("niemand@voorbeeld.nl") == []


def test_known_and_unknown_addresses_take_similar_time(client, world, smtp, app):
    """The mail is sent after the answer, so a known address does not answer slower."""
    _with_email("lid1", "tijd@voorbeeld.nl")
    app.config["LINK_MAILS_PER_HOUR"] = 100
    app.testing = False  # deliver after the response, as in production
    try:

        def timed(address: str) -> float:
            started = time.perf_counter()
            client.post("/wachtwoord-vergeten", data={"email": address})
            return time.perf_counter() - started

        known = statistics.median(timed("tijd@voorbeeld.nl") for _ in range(5))
        unknown = statistics.median(timed("onbekend@voorbeeld.nl") for _ in range(5))
    finally:
        app.testing = True
    assert abs(known - unknown) < 0.05, (known, unknown)


def test_an_expired_reset_link_is_refused(client, world, smtp, time_machine):
    _with_email("trekker2", "trekker2@voorbeeld.nl")
    link = _reset_link(client, smtp, "trekker2@voorbeeld.nl")
    time_machine.move_to(clock.now() + timedelta(hours=2, minutes=1), tick=False)
    page = client.get(link)
    assert page.status_code == 410 and "Deze link is verlopen" in page.get_data(as_text=True)
    assert "Nieuwe link aanvragen" in page.get_data(as_text=True)


def test_a_tampered_reset_link_is_refused(client, world, smtp):
    _with_email("trekker2", "knoei@voorbeeld.nl")
    link = _reset_link(client, smtp, "knoei@voorbeeld.nl")
    for bad in (
        link[:-1] + ("A" if link[-1] != "A" else "B"),
        link[:-3],
        "/wachtwoord-herstellen/x",
    ):
        page = client.get(bad)
        assert page.status_code == 404 and "Deze link klopt niet" in page.get_data(as_text=True)
        posted = client.post(bad, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
        assert posted.status_code == 404


def test_a_newer_password_ends_every_older_link(client, world, smtp):
    _with_email("trekker2", "twee@voorbeeld.nl")
    first = _reset_link(client, smtp, "twee@voorbeeld.nl")
    second = _reset_link(client, smtp, "twee@voorbeeld.nl", count=2)
    assert (
        client.post(second, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )
    assert client.get(first).status_code == 410


def test_reset_mails_to_one_address_are_throttled(app, client, world, smtp):
    _with_email("trekker2", "veel@voorbeeld.nl")
    for _ in range(app.config["LINK_MAILS_PER_HOUR"] + 2):
        assert (
            client.post("/wachtwoord-vergeten", data={"email": "veel@voorbeeld.nl"}).status_code
            == 200
        )
    stored = (
        db.session.query(OutgoingMail).filter(OutgoingMail.recipient == "veel@voorbeeld.nl").count()
    )
    assert stored == app.config["LINK_MAILS_PER_HOUR"]


def test_a_deactivated_account_gets_no_reset_mail(client, world, smtp):
    user = _with_email("buiten", "uit@voorbeeld.nl")
    user.is_active_account = False
    db.session.commit()
    assert (
        client.post("/wachtwoord-vergeten", data={"email": "uit@voorbeeld.nl"}).status_code == 200
    )
    assert (
        db.session.query(OutgoingMail).filter(OutgoingMail.recipient == "uit@voorbeeld.nl").count()
        == 0
    )
