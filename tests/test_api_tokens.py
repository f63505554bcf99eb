"""API tokens: made and revoked on the profile page, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from omtracker.api import services
from omtracker.api.auth import LAST_USED_RESOLUTION
from omtracker.extensions import db
from omtracker.models import ApiToken, AuditEvent
from omtracker.models.base import utcnow
from tests.api_support import bearer, make_token, user


def shown_secret(html: str) -> str:
    match = re.search(r'id="new-token"[^>]*value="(omt_[^"]+)"', html)
    assert match, "the new token is shown on the page"
    return match.group(1)


def test_profile_links_to_the_token_page(login, world):
    html = login("lid1").get("/profiel").get_data(as_text=True)
    assert 'href="/profiel/tokens"' in html


def test_token_page_requires_login(client, world):
    response = client.get("/profiel/tokens")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_new_token_is_shown_once_and_only_its_hash_is_stored(login, world):
    client = login("trekker1")
    response = client.post("/profiel/tokens", data={"name": "Power BI"})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    secret = shown_secret(response.get_data(as_text=True))
    token = db.session.scalar(select(ApiToken).where(ApiToken.name == "Power BI"))
    assert token.user_id == user("trekker1").id
    assert token.token_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(db.session.scalars(select(AuditEvent.after)).all())
    listing = client.get("/profiel/tokens").get_data(as_text=True)
    assert "Power BI" in listing and secret not in listing
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200


def test_token_list_shows_name_created_and_last_use(login, world):
    secret = make_token("trekker1", "Spreadsheet")
    client = login("trekker1")
    assert "Nog nooit" in client.get("/profiel/tokens").get_data(as_text=True)
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    html = client.get("/profiel/tokens").get_data(as_text=True)
    assert "Spreadsheet" in html and "Nog nooit" not in html and "Actief" in html


def test_a_token_needs_a_name(login, world):
    response = login("trekker1").post("/profiel/tokens", data={"name": "  "})
    assert response.status_code == 400
    assert "Geef het token een naam." in response.get_data(as_text=True)
    assert db.session.scalar(select(ApiToken)) is None


def test_too_long_name_is_refused_and_kept_in_the_form(login, world):
    response = login("trekker1").post("/profiel/tokens", data={"name": "x" * 101})
    assert response.status_code == 400
    assert 'value="' + "x" * 101 in response.get_data(as_text=True)


def test_at_most_twenty_live_tokens_per_user(login, world):
    for i in range(services.MAX_ACTIVE_TOKENS):
        make_token("lid1", f"t{i}")
    response = login("lid1").post("/profiel/tokens", data={"name": "one too many"})
    assert response.status_code == 400
    assert "Trek er eerst een in." in response.get_data(as_text=True)


def test_revoked_token_gets_401_and_stays_in_the_list(login, world):
    secret = make_token("trekker1", "Oud script")
    token = db.session.scalar(select(ApiToken).where(ApiToken.name == "Oud script"))
    client = login("trekker1")
    response = client.post(f"/profiel/tokens/{token.id}/intrekken")
    assert response.headers["Location"] == "/profiel/tokens"
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    answer = client.get("/api/v1/me", headers=bearer(secret))
    assert answer.status_code == 401
    assert answer.get_json()["status"] == 401
    html = client.get("/profiel/tokens").get_data(as_text=True)
    assert "Oud script" in html and "Ingetrokken" in html


def test_revoking_twice_changes_nothing(login, world):
    make_token("trekker1", "t")
    token = db.session.scalar(select(ApiToken))
    client = login("trekker1")
    client.post(f"/profiel/tokens/{token.id}/intrekken")
    first = db.session.get(ApiToken, token.id).revoked_at
    client.post(f"/profiel/tokens/{token.id}/intrekken")
    assert db.session.get(ApiToken, token.id).revoked_at == first


def test_nobody_can_revoke_another_users_token(login, world):
    secret = make_token("trekker1")
    token = db.session.scalar(select(ApiToken))
    response = login("regisseur").post(f"/profiel/tokens/{token.id}/intrekken")
    assert response.status_code == 404
    assert login("regisseur").get("/api/v1/me", headers=bearer(secret)).status_code == 200


@pytest.mark.parametrize("username", ["lid1", "bestuur", "admin"])
def test_every_role_can_make_a_token(login, world, username):
    response = login(username).post("/profiel/tokens", data={"name": "mijn token"})
    secret = shown_secret(response.get_data(as_text=True))
    me = login(username).get("/api/v1/me", headers=bearer(secret)).get_json()
    assert me["username"] == username and me["token"]["name"] == "mijn token"


def test_a_token_does_not_log_in_to_the_web_pages(client, world):
    secret = make_token("regisseur")
    response = client.get("/", headers=bearer(secret))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_token_of_a_deactivated_account_gets_401(client, world):
    secret = make_token("trekker2")
    user("trekker2").is_active_account = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwdw==",
        "Bearer omt_nonsense",
        "Bearer " + "x" * 500,
    ],
)
def test_missing_or_wrong_token_gets_401_json_with_a_bearer_challenge(client, world, header):
    headers = {"Authorization": header} if header is not None else {}
    response = client.get("/api/v1/themes", headers=headers)
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"] == "Unauthorized"
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_last_use_is_recorded_without_a_write_on_every_request(client, world):
    secret = make_token("lid1")
    client.get("/api/v1/me", headers=bearer(secret))
    token = db.session.scalar(select(ApiToken))
    db.session.refresh(token)
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/me", headers=bearer(secret))
    db.session.refresh(token)
    assert token.last_used_at == first
    token.last_used_at = utcnow() - LAST_USED_RESOLUTION - timedelta(seconds=1)
    db.session.commit()
    client.get("/api/v1/me", headers=bearer(secret))
    db.session.refresh(token)
    assert token.last_used_at > first - LAST_USED_RESOLUTION


def test_token_page_posts_are_csrf_protected(app, login, world):
    client = login("lid1")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/profiel/tokens", data={"name": "zonder csrf"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert db.session.scalar(select(ApiToken)) is None
