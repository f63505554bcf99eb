"""Drafts: typed text kept on the server per user and form, discarded by a successful save, and
a user whose session ended is sent back to the form after logging in again."""

from __future__ import annotations

import json
import re
import time

from sqlalchemy import select

from omtracker.drafts import services
from omtracker.extensions import db
from omtracker.models import Draft, JournalEntry, User
from tests.factories import PASSWORD
from tests.journals_support import journal_url, payload

MINUTE = 60


def user_id(username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))


def keep(client, key: str, fields: dict, **headers):  # noqa: ANN001, ANN003, ANN201
    return client.post(
        "/concepten", data=json.dumps({"key": key, "fields": fields}), headers=headers,
        content_type="application/json",
    )  # fmt: skip


def test_a_draft_is_kept_per_user_and_form_and_shown_with_its_local_time(login, world):
    client = login("trekker1")
    url = journal_url(world.engagement1_id, "2026-10")
    answer = keep(client, url, {"change_description": "Halverwege getypt", "version": "1"})
    assert answer.status_code == 200
    assert re.fullmatch(r"\d\d:\d\d", answer.json["draft"]["time"])
    # The suite's clock says 10:00 in Amsterdam (09:00 UTC): the label is Amsterdam time.
    assert answer.json["draft"]["time"].startswith("10:")
    shown = client.get("/concepten", query_string={"key": url}).json["draft"]
    assert shown["fields"] == {"change_description": "Halverwege getypt", "version": "1"}

    keep(client, url, {"change_description": "Verder getypt"})
    drafts = db.session.scalars(select(Draft).where(Draft.form_key == url)).all()
    assert [d.fields["change_description"] for d in drafts] == ["Verder getypt"]

    other = login("lid1")
    assert other.get("/concepten", query_string={"key": url}).json == {"draft": None}


def test_drafts_refuse_what_no_one_types(login, world):
    client = login("trekker1")
    assert keep(client, "https://elders.example/x", {"a": "b"}).status_code == 400
    assert keep(client, "//elders.example/x", {"a": "b"}).status_code == 400
    assert keep(client, "/x", {"a": {"nested": 1}}).status_code == 400
    assert keep(client, "/x", {"password": "geheim"}).status_code == 400
    assert keep(client, "/x", {"a": "x" * (services.MAX_FIELD_CHARS + 1)}).status_code == 400
    assert client.post("/concepten", data="geen json").status_code == 400
    assert db.session.scalar(select(Draft.id)) is None


def test_draft_endpoints_need_a_login_and_the_csrf_token(app, client, login, world):
    assert keep(client, "/x", {"a": "b"}).status_code == 302
    assert client.get("/concepten?key=/x").status_code == 302
    login("trekker1")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert keep(client, "/x", {"a": "b"}).status_code == 400
        client.get("/mijn-maand")
        with client.session_transaction() as session:
            assert "csrf_token" in session
        page = client.get("/mijn-maand").get_data(as_text=True)
        token = re.search(r'data-csrf="([^"]+)"', page).group(1)
        assert keep(client, "/x", {"a": "b"}, **{"X-CSRFToken": token}).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_saving_the_form_discards_its_draft_and_tells_the_browser(login, world):
    client = login("trekker1")
    url = journal_url(world.engagement1_id, "2026-10")
    keep(client, url, {"change_description": "Concepttekst"})
    keep(client, "/ander/formulier", {"text": "blijft"})
    version = str(db.session.get(JournalEntry, world.entry_ids["2026-10"]).version)
    saved = client.post(url, data=payload(world, version, change_description="Opgeslagen"))
    assert saved.status_code == 302
    assert services.find_draft(user_id("trekker1"), url) is None
    assert services.find_draft(user_id("trekker1"), "/ander/formulier") is not None
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    done = re.search(r'data-done="([^"]*)"', page).group(1)
    assert json.loads(done.replace("&#34;", '"').replace("&quot;", '"')) == [url]
    assert 'src="/static/js/drafts.js"' in page


def test_a_form_with_a_mistake_keeps_its_draft(login, world):
    client = login("trekker1")
    url = journal_url(world.engagement1_id, "2026-10")
    keep(client, url, {"change_description": "Concepttekst"})
    refused = client.post(url, data=payload(world, "0"))  # opened before the stored version
    assert refused.status_code == 409
    assert services.find_draft(user_id("trekker1"), url) is not None
    assert 'data-posted="1"' in refused.get_data(as_text=True)


def test_a_form_sent_after_the_session_ended_leads_back_to_the_form_after_login(
    client, login, world
):
    login("trekker1")
    url = journal_url(world.engagement1_id, "2026-10")
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 121 * MINUTE
    sent = client.post(
        url, data=payload(world, "1"), headers={"Referer": f"http://localhost{url}?thema=1"}
    )
    assert sent.status_code == 302
    assert sent.headers["Location"] == f"/login?next={url}?thema%3D1"
    logged_in = client.post(
        sent.headers["Location"], data={"username": "trekker1", "password": PASSWORD}
    )
    assert logged_in.headers["Location"] == f"{url}?thema=1"


def test_ingelogd_blijven_restarts_the_idle_clock(client, login, world):
    login("trekker1")
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 118 * MINUTE
    assert client.post("/sessie/verlengen").json == {"idle_seconds": 120 * 60}
    with client.session_transaction() as session:
        assert session["last_seen"] >= int(time.time()) - 2
    assert client.get("/mijn-maand").status_code == 200


def test_pages_tell_the_script_the_idle_limit_and_when_to_warn(client, login, world):
    login("lid1")
    page = client.get("/mijn-maand").get_data(as_text=True)
    assert 'data-idle-seconds="7200"' in page and 'data-warn-seconds="300"' in page
    assert "Ingelogd blijven" in page


def test_each_month_of_the_status_form_keeps_a_draft_of_its_own(login, world):
    # One form serves every month (?maand=…): saving October's status must not throw away the
    # text typed for September, nor restore September's text into October.
    client = login("trekker1")
    base = f"/themas/{world.theme1_id}/status"
    september, october = f"{base}?maand=2026-09", f"{base}?maand=2026-10"
    keep(client, september, {"text": "September, nog niet af"})
    keep(client, october, {"text": "Oktober, concept"})
    assert client.get("/concepten", query_string={"key": october}).json["draft"]["fields"] == {
        "text": "Oktober, concept"
    }
    saved = client.post(october, data={"period": "2026-10", "rag": "on_track", "text": "Klaar."})
    assert saved.status_code == 302
    assert services.find_draft(user_id("trekker1"), october) is None
    assert services.find_draft(user_id("trekker1"), september) is not None
