"""Sessions end on time, new passwords are strong, and guessing a password gets throttled.

Time is moved by rewriting the clocks kept in the (signed) session cookie, or the moments of
stored failed logins, rather than by waiting.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from flask_login.utils import encode_cookie
from sqlalchemy import select, update
from werkzeug.datastructures import MultiDict

from omtracker.auth.forms import PasswordChangeForm, password_problem
from omtracker.extensions import db
from omtracker.models import LoginAttempt, User
from omtracker.models.base import utcnow
from tests.factories import PASSWORD

MINUTE = 60


def move_clocks(client, *, idle: float = 0, since_login: float = 0) -> None:
    """Pretend the last request was `idle` seconds ago and the login `since_login` seconds ago."""
    now = int(time.time())
    with client.session_transaction() as session:
        session["last_seen"] = now - int(idle)
        session["login_at"] = now - int(since_login or idle)


# --- idle timeout and lifetime ---------------------------------------------------------------


def test_after_two_idle_hours_the_user_is_logged_out_with_a_dutch_message(client, world, login):
    login("trekker1")
    move_clocks(client, idle=121 * MINUTE)
    response = client.get("/themas")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/themas"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "automatisch uitgelogd omdat je 120 minuten niets hebt gedaan" in html
    assert "Log in om deze pagina te bekijken" not in html  # one message, not two
    assert client.get("/").status_code == 302  # the session really ended


def test_activity_within_the_idle_limit_keeps_the_session_and_restarts_the_clock(
    client, world, login
):
    login("trekker1")
    move_clocks(client, idle=119 * MINUTE)
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session["last_seen"] < 5
    move_clocks(client, idle=119 * MINUTE, since_login=4 * 60 * MINUTE)
    assert client.get("/").status_code == 200


def test_a_session_ends_twelve_hours_after_login_however_active(client, world, login):
    login("trekker1")
    move_clocks(client, idle=1, since_login=12 * 60 * MINUTE + 1)
    response = client.get("/")
    assert response.headers["Location"].startswith("/login")
    assert "Je sessie is verlopen" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_the_idle_limit_follows_the_setting(app, client, world, login):
    app.config["SESSION_IDLE_MINUTES"] = 15
    try:
        login("lid1")
        move_clocks(client, idle=14 * MINUTE)
        assert client.get("/").status_code == 200
        move_clocks(client, idle=16 * MINUTE)
        assert client.get("/").status_code == 302
    finally:
        app.config["SESSION_IDLE_MINUTES"] = 120


def test_a_session_cookie_without_its_clocks_is_not_accepted(client, world, login):
    login("lid1")
    with client.session_transaction() as session:
        del session["login_at"]
    assert client.get("/").status_code == 302


def test_a_form_posted_after_the_idle_limit_changes_nothing(client, world, login):
    login("lid1")
    move_clocks(client, idle=121 * MINUTE)
    new = "Ander-wachtwoord-2026"
    response = client.post(
        "/profiel", data={"current_password": PASSWORD, "new_password": new, "confirm": new}
    )
    assert response.headers["Location"].startswith("/login?next=")  # back to the form after
    user = db.session.scalar(select(User).where(User.username == "lid1"))
    assert user.check_password(PASSWORD)


def test_idle_logout_keeps_the_chosen_language(client, world, login):
    login("lid1")
    client.post("/taal", data={"lang": "en", "next": "/"})
    move_clocks(client, idle=121 * MINUTE)
    client.get("/")
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)


def test_stay_logged_in_keeps_the_cookie_across_browser_restarts_without_a_remember_cookie(
    client, world
):
    kept = client.post(
        "/login", data={"username": "lid1", "password": PASSWORD, "remember": "y"}
    ).headers.getlist("Set-Cookie")
    assert any(c.startswith("session=") and "Expires=" in c for c in kept)
    # Flask-Login's year-long remember-me cookie would log the user back in after an idle
    # logout or the twelve hours: it is never set.
    assert not any(c.startswith("remember_token=") for c in kept)
    client.post("/logout")
    plain = client.post("/login", data={"username": "lid1", "password": PASSWORD})
    cookie = next(c for c in plain.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Expires=" not in cookie  # ends when the browser closes


def test_logout_also_deletes_an_old_remember_me_cookie(app, client, world, login):
    login("lid1")
    user = db.session.scalar(select(User).where(User.username == "lid1"))
    client.set_cookie("remember_token", encode_cookie(str(user.id)))
    response = client.post("/logout")
    deleted = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert deleted and "Expires=Thu, 01 Jan 1970" in deleted[0]


# --- password rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Kort-1", False),  # too short
        ("elf-tekens!", False),  # 11 characters
        ("alleenkleineletters", False),  # one kind of character
        ("ALLEENHOOFDLETTERS", False),
        ("123456789012345", False),
        ("kleineletters2026", True),
        ("Sportpark-Assen", True),
        ("twaalf tekens", True),  # a space is a sign too
        ("ÉénTweeDrieVier", True),  # accented letters count as letters
    ],
)
def test_new_passwords_need_twelve_characters_of_two_kinds(app, password, accepted):
    assert (password_problem(password) is None) is accepted
    with app.test_request_context(method="POST"):
        form = PasswordChangeForm(
            formdata=MultiDict(
                {"current_password": "x", "new_password": password, "confirm": password}
            )
        )
        assert form.validate() is accepted


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaa1",  # a repetition
        "abcdefghijk1",  # a sequence
        "qwertyuiop12",  # a keyboard row
        "password1234",  # a common password
        "Sportakkoord2026",  # the programme's own word and a year
    ],
)
def test_common_repetitive_and_sequential_passwords_are_refused(app, password):
    """NIST SP 800-63B: check new passwords against common, repetitive and sequential ones."""
    with app.test_request_context():
        assert "te makkelijk te raden" in str(password_problem(password))


def test_a_guessable_new_password_is_refused_in_the_profile_with_a_dutch_message(
    client, world, login
):
    login("lid1")
    response = client.post(
        "/profiel",
        data={
            "current_password": PASSWORD,
            "new_password": "aaaaaaaaaaa1",
            "confirm": "aaaaaaaaaaa1",
        },
    )
    assert response.status_code == 400
    assert "Dit wachtwoord is te makkelijk te raden" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "lid1")).check_password(PASSWORD)


def test_a_new_accounts_username_does_not_make_a_password(client, world, login):
    login("admin")
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "username": "jvandermeer",
            "display_name": "Jan van der Meer",
            "role": "user",
            "password": "jvandermeer2026",
        },
    )
    assert response.status_code == 400
    assert "te makkelijk te raden" in response.get_data(as_text=True)


def test_a_refused_password_is_not_stored(client, world, login):
    login("lid1")
    response = client.post(
        "/profiel",
        data={
            "current_password": PASSWORD,
            "new_password": "alleenkleineletters",
            "confirm": "alleenkleineletters",
        },
    )
    assert response.status_code == 400
    assert "Combineer minstens twee soorten tekens" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "lid1")).check_password(PASSWORD)


def test_an_administrator_cannot_give_a_new_account_a_weak_password(client, world, login):
    login("admin")
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data={"username": "nieuw", "display_name": "Nieuw", "role": "user", "password": "kort"},
    )
    assert response.status_code == 400
    assert "minstens 12 tekens" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "nieuw")) is None


def test_passwords_are_stored_as_a_salted_slow_hash(app, world):
    user = db.session.scalar(select(User).where(User.username == "lid1"))
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


# --- login throttling ------------------------------------------------------------------------


def fail(client, username: str, times: int, address: str = "192.0.2.1") -> None:
    for _ in range(times):
        response = client.post(
            "/login",
            data={"username": username, "password": "fout-wachtwoord"},
            environ_base={"REMOTE_ADDR": address},
        )
        assert response.status_code in (401, 429)


def log_in(client, username: str, address: str = "192.0.2.1"):
    return client.post(
        "/login",
        data={"username": username, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": address},
    )


def test_nine_failures_still_let_the_right_password_in(client, world):
    fail(client, "trekker2", 9)
    assert log_in(client, "trekker2").status_code == 302


def test_ten_failures_from_one_address_block_that_username_from_that_address(client, world):
    fail(client, "TREKKER2", 5)  # letter case does not make a new username
    fail(client, "trekker2", 5)
    refused = log_in(client, "trekker2")
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "Te veel mislukte pogingen" in html and "Probeer het over een paar minuten" in html
    assert log_in(client, "trekker1").status_code == 302  # someone else is not affected


def test_an_attacker_elsewhere_cannot_lock_the_real_user_out(client, world):
    for number in range(30):  # rotating addresses, far past the limit for one address
        fail(client, "trekker2", 1, address=f"198.51.100.{number}")
    fail(client, "trekker2", 10, address="198.51.100.200")
    assert log_in(client, "trekker2", address="198.51.100.200").status_code == 429
    assert log_in(client, "trekker2", address="203.0.113.9").status_code == 302  # the user


def test_spraying_many_usernames_from_one_address_is_refused(app, client, world):
    """One common password against 45 usernames from one address: refused after 30."""
    answers = [
        client.post(
            "/login",
            data={"username": f"gebruiker{number}", "password": "Welkom2026!"},
            environ_base={"REMOTE_ADDR": "192.0.2.66"},
        ).status_code
        for number in range(45)
    ]
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    assert answers == [401] * limit + [429] * (45 - limit)
    assert log_in(client, "trekker1", address="192.0.2.66").status_code == 429
    assert log_in(client, "trekker1", address="192.0.2.67").status_code == 302


def test_an_ipv6_attacker_counts_by_network_not_by_address(client, world):
    for number in range(10):
        fail(client, "trekker2", 1, address=f"2001:db8:0:1::{number + 1:x}")
    assert log_in(client, "trekker2", address="2001:db8:0:1::ffff").status_code == 429
    assert log_in(client, "trekker2", address="2001:db8:0:2::1").status_code == 302


def median_seconds(action, times: int = 5) -> float:
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        durations.append(time.perf_counter() - started)
    return sorted(durations)[times // 2]


def test_unknown_and_known_usernames_take_as_long_to_refuse(app, world):
    from omtracker.auth.services import authenticate

    authenticate("niemand-bekend", "fout-wachtwoord")  # the dummy hash is made once, up front
    known = median_seconds(lambda: authenticate("trekker1", "fout-wachtwoord"))
    unknown = median_seconds(lambda: authenticate("niemand-bekend", "fout-wachtwoord"))
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_attempts_while_blocked_are_refused_without_extending_the_block(client, world):
    fail(client, "trekker2", 10)
    fail(client, "trekker2", 5)  # refused with 429 before the password is looked at
    count = db.session.query(LoginAttempt).filter_by(username="trekker2").count()
    assert count == 10


def test_the_block_lifts_when_the_failures_are_older_than_the_window(app, client, world):
    fail(client, "trekker2", 10)
    assert log_in(client, "trekker2").status_code == 429
    window = app.config["LOGIN_FAILURE_WINDOW_SECONDS"]
    db.session.execute(
        update(LoginAttempt)
        .where(LoginAttempt.username == "trekker2")
        .values(at=utcnow() - timedelta(seconds=window + 1))
    )
    assert log_in(client, "trekker2").status_code == 302


def test_failed_logins_are_forgotten_once_they_no_longer_count(app, client, world):
    """They hold a username and an IP address: personal data kept only as long as needed."""
    fail(client, "niemand", 2, address="198.51.100.20")
    window = app.config["LOGIN_FAILURE_WINDOW_SECONDS"]
    db.session.execute(update(LoginAttempt).values(at=utcnow() - timedelta(seconds=window + 1)))
    fail(client, "trekker2", 1)
    left = db.session.scalars(select(LoginAttempt.username)).all()
    assert left == ["trekker2"]


def test_a_long_passphrase_is_accepted_and_a_long_repetition_refused(app):
    with app.test_request_context():
        assert (
            password_problem("Ons sportpark aan de Vaart gaat in 2027 eindelijk open " * 3) is None
        )
        assert password_problem("ab" * 100) is not None
