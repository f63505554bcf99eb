"""Real-browser fixtures: the app served on 127.0.0.1 with the demo programme, and Chromium.

Debian's chromium is driven by Playwright (`playwright install` cannot download browsers here).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from omtracker import create_app
from omtracker.extensions import db

CHROMIUM = os.environ.get("OMTRACKER_CHROMIUM", "/usr/bin/chromium")
# The served app, for tests that read what it stored (a mail queued in the same transaction).
LIVE: dict[str, object] = {}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # One worker runs all browser tests, sharing one live server and one Chromium.
            item.add_marker(pytest.mark.xdist_group("browser"))


def closing_after_send(app):  # noqa: ANN001, ANN201
    """The WSGI app, with each response closed as soon as its last byte is written.

    The app runs work after the answer has gone out (mail delivery, `response.call_on_close`),
    as gunicorn calls it. Werkzeug's development server calls close() only after draining the
    socket, and when the browser resets the connection after a redirect that drain raises and
    close() is skipped: the queued mail then waited for `flask send-mail` (seen as an
    intermittent "no mail arrived" in CI). Closing when the body is sent is what a production
    server does.
    """

    def wsgi(environ, start_response):  # noqa: ANN001, ANN202
        body = app(environ, start_response)
        try:
            yield from body
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


def serve(app):  # noqa: ANN001, ANN201
    """A threaded server for `app` on a free port of 127.0.0.1 (call serve_forever)."""
    return make_server("127.0.0.1", 0, closing_after_send(app), threaded=True)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with the demo programme in a fresh SQLite file, served from a thread."""
    from flask_migrate import upgrade

    from omtracker.demo import seed

    path = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SECRET_KEY": "browser-test",
            "DEMO_MODE": True,
            "ATTACHMENT_DIR": str(tmp_path_factory.mktemp("live-attachments")),
        }
    )
    with app.app_context():
        upgrade()
        seed.load_demo(months=18)
        db.session.commit()
        db.session.remove()
    server = serve(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    LIVE["app"] = app
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server: str) -> Iterator:
    """A fresh browser context that records every request leaving for another host."""
    ctx = browser.new_context(base_url=live_server, locale="nl-NL")
    ctx.foreign_requests = []

    def watch(request) -> None:  # noqa: ANN001
        if not request.url.startswith((live_server, "data:", "blob:")):
            ctx.foreign_requests.append(request.url)

    ctx.on("request", watch)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context) -> Iterator:
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page


def log_in(page, username: str, password: str = "omtracker-demo") -> None:  # noqa: ANN001
    page.goto("/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")


def screenshot(page, name: str) -> Path:  # noqa: ANN001
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target
