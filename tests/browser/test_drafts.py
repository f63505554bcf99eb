"""In Chromium: a journal typed while the session runs out is not lost.

The app here has an idle limit of one minute and warns 57 seconds before it. The test moves the
server's clock past the limit (time-machine; the server runs in this process) instead of waiting.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from omtracker import clock, create_app
from omtracker.extensions import db
from tests.browser.conftest import log_in, screenshot, serve

TYPED = (
    "Tijdens het overleg getypt: de vereniging opende haar velden voor de school in de wijk "
    "en twaalf kinderen deden mee."
)


@pytest.fixture(scope="module")
def short_idle_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from flask_migrate import upgrade

    from omtracker.demo import seed

    path = tmp_path_factory.mktemp("drafts") / "live.sqlite"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SECRET_KEY": "browser-test-drafts",
            "DEMO_MODE": True,
            "SESSION_IDLE_MINUTES": 1,
            "SESSION_WARNING_SECONDS": 57,
            "ATTACHMENT_DIR": str(tmp_path_factory.mktemp("drafts-attachments")),
        }
    )
    with app.app_context():
        upgrade()
        seed.load_demo(months=3)
        db.session.commit()
        db.session.remove()
    server = serve(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def short_page(browser, short_idle_server: str) -> Iterator:
    context = browser.new_context(base_url=short_idle_server, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_journal_text_survives_an_expired_session_and_is_saved_after_logging_in(
    short_page, time_machine
):
    page = short_page
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    journal = page.locator("a[href*='/logboek/']").first.get_attribute("href")
    form_path = journal.split("?")[0]
    page.goto(journal)
    page.get_by_label("Beschrijving van de verandering").fill(TYPED)

    # A few seconds in, the page warns that the session is about to end; staying is one click.
    warning = page.locator(".session-warning")
    expect(warning).to_contain_text("automatisch uitgelogd", timeout=10000)
    screenshot(page, "drafts-session-warning")
    page.get_by_role("button", name="Ingelogd blijven").click()
    expect(warning).to_be_hidden()

    # Then the user leaves for a meeting: the server's clock moves past the idle limit.
    time_machine.move_to(clock.now() + timedelta(minutes=5), tick=True)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/login\?next="))
    expect(page.get_by_text("automatisch uitgelogd")).to_be_visible()

    page.get_by_label("Gebruikersnaam").fill("trekker1")
    page.get_by_label("Wachtwoord").fill("omtracker-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(form_path)))
    notice = page.locator(".draft-notice")
    expect(notice).to_contain_text(re.compile(r"Concept van \d\d:\d\d hersteld"))
    expect(page.get_by_label("Beschrijving van de verandering")).to_have_value(TYPED)
    screenshot(page, "drafts-restored")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "drafts-restored-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/logboeken/\d+$"))
    expect(page.get_by_text(TYPED)).to_be_visible()
    left = page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('omtracker-draft:'))"
    )
    assert left == []  # the saved form's draft is gone from the browser too

    # Opening the form again shows the saved text, with no draft notice.
    page.goto(form_path)
    expect(page.get_by_label("Beschrijving van de verandering")).to_have_value(TYPED)
    assert page.locator(".draft-notice").count() == 0


def test_a_draft_can_be_discarded(short_page):
    page = short_page
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    journal = page.locator("a[href*='/logboek/']").first.get_attribute("href")
    page.goto(journal)
    field = page.get_by_label("Lessen en benodigde aanpassingen")
    before = field.input_value()
    field.fill("Nog niet af")
    field.blur()  # leaving the field sends the draft to the server too
    page.wait_for_timeout(800)
    page.goto(journal)
    expect(page.locator(".draft-notice")).to_be_visible()
    expect(field).to_have_value("Nog niet af")
    page.get_by_role("button", name="Concept weggooien").click()
    expect(field).to_have_value(before)
    page.evaluate("localStorage.clear()")
    page.goto(journal)  # nothing left on the server either
    expect(field).to_have_value(before)
    assert page.locator(".draft-notice").count() == 0


def test_after_logging_out_the_draft_comes_back_from_the_server_not_this_browser(short_page):
    page = short_page
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    journal = page.locator("a[href*='/logboek/']").first.get_attribute("href")
    page.goto(journal)
    field = page.get_by_label("Onverwachte verandering")
    with page.expect_response(lambda r: r.url.endswith("/concepten") and r.ok):
        field.fill("Ouders willen zelf ook sporten")
        field.blur()  # leaving the field keeps the draft on the server
    page.get_by_role("button", name="Thematrekker 1 (demo)").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    kept_here = page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('omtracker-draft:'))"
    )
    assert kept_here == []  # nothing typed stays behind on a shared computer
    log_in(page, "trekker1")
    page.goto(journal)
    expect(page.locator(".draft-notice")).to_contain_text("hersteld")
    expect(field).to_have_value("Ouders willen zelf ook sporten")
    page.get_by_role("button", name="Concept weggooien").click()


def test_text_typed_before_the_servers_copy_arrives_is_not_overwritten_by_it(short_page):
    # The server's copy of a draft arrives after the page has loaded. Whoever starts typing
    # before it arrives (a fast typist, a slow line, a test robot) keeps what they typed.
    page = short_page
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    journal = page.locator("a[href*='/logboek/']").first.get_attribute("href")
    page.goto(journal)
    field = page.get_by_label("Beschrijving van de verandering")
    with page.expect_response(lambda r: r.url.endswith("/concepten") and r.ok):
        field.fill("Een eerdere versie op de server")
        field.blur()
    page.goto("/mijn-maand")
    page.evaluate("localStorage.clear()")  # only the server's copy is left

    held = []
    page.route(re.compile(r"/concepten\?key="), lambda route: held.append(route))
    page.goto(journal)
    for _ in range(50):  # the page asks for the server's copy; it is held until typed over
        if held:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1
    field.fill(TYPED)
    held[0].continue_()
    page.wait_for_timeout(500)
    expect(field).to_have_value(TYPED)
    assert page.locator(".draft-notice").count() == 0
