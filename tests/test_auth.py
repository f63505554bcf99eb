"""Logging in and out, throttling, safe redirects, roles and the login page's demo accounts."""

from __future__ import annotations

import pytest

from omtracker.auth.routes import safe_next
from omtracker.extensions import db
from omtracker.models import LoginAttempt, Theme, User
from omtracker.permissions import can_edit_theme, can_write_journal
from tests.factories import PASSWORD


def test_login_page_is_dutch_and_lists_demo_accounts_on_a_demo_instance(client):
    html = client.get("/login").get_data(as_text=True)
    assert "Inloggen bij omtracker" in html
    assert "Demo-accounts" in html and "trekker1" in html


def test_login_page_hides_accounts_outside_demo_mode(app, client):
    app.config["DEMO_MODE"] = False
    try:
        assert "Demo-accounts" not in client.get("/login").get_data(as_text=True)
    finally:
        app.config["DEMO_MODE"] = True


def test_overview_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_wrong_password_gets_a_clear_message_and_401(client, world):
    response = client.post("/login", data={"username": "trekker1", "password": "fout"})
    assert response.status_code == 401
    assert "Onbekende gebruikersnaam of onjuist wachtwoord" in response.get_data(as_text=True)


def test_unknown_user_gets_the_same_message(client, world):
    response = client.post("/login", data={"username": "niemand", "password": "x"})
    assert response.status_code == 401
    assert "Onbekende gebruikersnaam of onjuist wachtwoord" in response.get_data(as_text=True)


def test_missing_field_gets_400_and_keeps_what_was_typed(client, world):
    response = client.post("/login", data={"username": "trekker1", "password": ""})
    assert response.status_code == 400
    assert 'value="trekker1"' in response.get_data(as_text=True)


def test_ten_failures_throttle_even_the_right_password(client, world):
    for _ in range(10):
        client.post("/login", data={"username": "trekker2", "password": "fout"})
    response = client.post("/login", data={"username": "trekker2", "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)


def test_successful_login_clears_failures(client, world):
    client.post("/login", data={"username": "trekker1", "password": "fout"})
    client.post("/login", data={"username": "trekker1", "password": PASSWORD})
    assert db.session.query(LoginAttempt).filter_by(username="trekker1").count() == 0


def test_login_redirects_to_local_next_only(client, world):
    ok = client.post("/login?next=/profiel", data={"username": "lid1", "password": PASSWORD})
    assert ok.headers["Location"] == "/profiel"
    client.post("/logout")
    bad = client.post(
        "/login?next=https://evil.example/", data={"username": "lid1", "password": PASSWORD}
    )
    assert bad.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["//evil.example", "https://x.nl/", "/\\evil", "javascript:x"])
def test_safe_next_refuses_other_hosts(target):
    assert safe_next(target) is None


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = client.post("/login", data={"username": "lid1", "password": PASSWORD})
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_needs_post_and_ends_the_session(login, client, world):
    login("trekker1")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_expired_csrf_token_gets_friendly_400(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        "/login", data={"username": "trekker1", "password": PASSWORD, "csrf_token": "verlopen"}
    )
    assert response.status_code in (400, 401)
    html = response.get_data(as_text=True)
    assert "verlopen" in html.lower() or "formulier" in html.lower()


def test_language_switch_to_english_and_back(login, client, world):
    login("trekker1")
    client.post("/taal", data={"lang": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
    client.post("/taal", data={"lang": "nl", "next": "/"})
    assert 'lang="nl"' in client.get("/").get_data(as_text=True)
    assert client.post("/taal", data={"lang": "xx"}).status_code == 400


def test_overview_shows_building_blocks_themes_and_leaders(login, client, world):
    login("trekker1")
    html = client.get("/").get_data(as_text=True)
    for text in (
        "Testsportstad",
        "Hardware",
        "Orgware",
        "Software",
        "Jong geleerd",
        "Sportparken",
        "Beweegdiploma",
        "Trekker1",
    ):
        assert text in html
    assert "Elders" not in html  # another programme's theme


def test_password_change_enforces_rules_and_keeps_input(login, client, world):
    login("lid1")
    response = client.post(
        "/profiel", data={"current_password": PASSWORD, "new_password": "kort", "confirm": "kort"}
    )
    assert response.status_code == 400
    assert "minstens 12 tekens" in response.get_data(as_text=True)
    ok = client.post(
        "/profiel",
        data={
            "current_password": PASSWORD,
            "new_password": "Nieuw-wachtwoord-2026",
            "confirm": "Nieuw-wachtwoord-2026",
        },
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(
    ("username", "theme", "edit", "journal"),
    [
        ("trekker1", 1, True, True),
        ("trekker1", 2, False, False),
        ("lid1", 1, False, True),
        ("regisseur", 2, True, True),
        ("admin", 1, True, True),
        ("bestuur", 1, False, False),
        ("buiten", 1, False, False),
        ("anderregisseur", 1, False, False),
    ],
)
def test_theme_rights(app, world, username, theme, edit, journal):
    user = db.session.query(User).filter_by(username=username).one()
    theme_obj = db.session.get(Theme, world.theme1_id if theme == 1 else world.theme2_id)
    assert can_edit_theme(user, theme_obj) is edit
    assert can_write_journal(user, theme_obj) is journal
