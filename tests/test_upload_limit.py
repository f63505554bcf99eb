"""A request body over MAX_CONTENT_LENGTH: a Dutch 413 page with the limit and a way back, JSON
under /api/, and the limits the browser script needs (static/js/app.js) on every page."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from omtracker.extensions import db
from omtracker.models import JournalAttachment, JournalEntry
from omtracker.periods import current_period
from tests.api_support import bearer, make_token
from tests.journals_support import journal_url, payload

LIMIT = 1024 * 1024  # small, so the oversized body stays cheap


@pytest.fixture
def small_limit(app, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", LIMIT)
    return LIMIT


def post_big_journal(client, world, referrer: str | None):  # noqa: ANN001, ANN201
    """The journal form with a file just over the limit, encoded in memory (the test client
    would spool it to a temporary file that the refused request never closes)."""
    url = journal_url(world.engagement1_id, current_period())
    values = MultiDict(payload(world))
    values.add("files", FileStorage(io.BytesIO(b"x" * (LIMIT + 1)), filename="video.txt"))
    boundary, body = encode_multipart(values)
    headers = {"Referer": referrer} if referrer else {}
    return client.post(
        url,
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=headers,
    )


def entries_and_attachments() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(JournalEntry.id))),
        db.session.scalar(select(func.count(JournalAttachment.id))),
    )


def test_an_oversized_upload_gets_a_dutch_413_page_with_the_limit_and_a_way_back(
    app, client, world, login, small_limit
):
    login("trekker1")
    before = entries_and_attachments()
    form_page = "http://localhost" + journal_url(world.engagement1_id, current_period())
    response = post_big_journal(client, world, referrer=form_page)
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "Het bestand is te groot" in html
    assert "maximaal 1 MB per keer" in html
    assert "Er is niets opgeslagen" in html
    assert re.search(rf'<a href="{re.escape(form_page)}">Terug naar het formulier</a>', html)
    assert entries_and_attachments() == before
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.parametrize(
    "referrer",
    [None, "https://elders.example/logboek", "//elders.example/x", "http://localhost:8080/x"],
)
def test_without_a_referrer_of_our_own_the_way_back_is_the_overview(
    app, client, world, login, small_limit, referrer
):
    login("trekker1")
    response = post_big_journal(client, world, referrer=referrer)
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert '<a href="/">Terug naar het overzicht</a>' in html
    assert "elders.example" not in html


def test_the_413_page_is_translated(app, client, world, login, small_limit):
    login("trekker1")
    client.post("/taal", data={"lang": "en", "next": "/"})
    response = post_big_journal(client, world, referrer=None)
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The file is too large" in html and "1 MB" in html


def test_the_api_answers_an_oversized_body_with_its_json_error(app, client, world, small_limit):
    headers = bearer(make_token("regisseur"))
    response = client.get("/api/v1/themes", data={"x": "y" * (LIMIT + 1)}, headers=headers)
    assert response.status_code == 413
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert (body["error"], body["status"]) == ("Request Entity Too Large", 413)
    assert body["detail"] == f"The request body is larger than the limit of {LIMIT} bytes (1 MB)."


def test_pages_tell_the_browser_script_the_limits(app, client, world, login):
    login("trekker1")
    html = client.get(journal_url(world.engagement1_id, current_period())).get_data(as_text=True)
    request_max = app.config["MAX_CONTENT_LENGTH"]
    assert f'data-upload-max-bytes="{request_max}"' in html
    assert 'data-upload-too-big="{name} is te groot; het maximum is 12 MB."' in html
    # The journal's own limit per file is stricter, and the script uses the stricter one.
    per_file = app.config["ATTACHMENT_MAX_BYTES"]
    assert per_file < request_max
    assert f'data-max-bytes="{per_file}"' in html
    assert 'data-too-big="{name} is te groot; het maximum is 10 MB."' in html


def test_without_a_request_limit_pages_carry_no_upload_limit(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", None)
    assert "data-upload-max-bytes" not in client.get("/login").get_data(as_text=True)


def test_the_import_page_tells_the_browser_script_its_own_limit(app, client, world, login):
    login("regisseur")
    html = client.get("/partners/importeren").get_data(as_text=True)
    assert 'data-max-bytes="2097152"' in html
    assert (
        'data-too-big="Het bestand is groter dan 2 MB. Splits het in kleinere bestanden."' in html
    )
