"""In Chromium, from an empty database: a municipality goes live.

`flask create-programme` → the coordinator's invitation arrives at the test SMTP server → the
coordinator opens the link, chooses a password, adds a theme and an opgave, invites a theme
leader → the leader accepts, adds a partner, an outcome challenge with a ladder and writes the
first journal → the coordinator's dashboard shows it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from omtracker import create_app
from omtracker.extensions import db
from tests.browser.conftest import screenshot, serve
from tests.mail_support import link_in

COORDINATOR = "regie@nieuwdorp.example"
LEADER = "trekker@nieuwdorp.example"
PASSWORD = "Nieuwdorp-beweegt-2026"
LADDER = [
    ("Verwacht te zien", "Neemt deel aan het themaoverleg"),
    ("Graag te zien", "Organiseert een open les voor kinderen"),
    ("Prachtig om te zien", "Neemt de aanpak op in het jaarplan"),
]


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory, smtp_inbox) -> Iterator[tuple[str, object]]:  # noqa: ANN001
    """The app on an empty database (no demo), sending mail to the suite's SMTP server."""
    from flask_migrate import upgrade

    inbox, port = smtp_inbox
    path = tmp_path_factory.mktemp("golive") / "golive.sqlite"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SECRET_KEY": "going-live-test",
            "ATTACHMENT_DIR": str(tmp_path_factory.mktemp("golive-attachments")),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "MAIL_TIMEOUT": 5,
        }
    )
    with app.app_context():
        upgrade()
        db.session.remove()
    server = serve(app)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, app
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _page(browser, url: str):  # noqa: ANN001, ANN202
    context = browser.new_context(base_url=url, locale="nl-NL")
    context.foreign_requests = []
    context.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((url, "data:", "blob:"))
            else context.foreign_requests.append(r.url)
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _accept(page, link: str, name: str, username: str) -> None:  # noqa: ANN001
    page.goto(link)
    page.get_by_label("Je naam").fill(name)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_text(f"Welkom, {name}.")).to_be_visible()


def test_a_municipality_goes_live_from_an_empty_database(browser, empty_server, smtp_inbox):
    url, app = empty_server
    inbox, _port = smtp_inbox
    inbox.clear()

    with app.app_context():  # as `flask` does for every command
        made = app.test_cli_runner().invoke(
            args=[
                "create-programme", "--name", "Sportakkoord Nieuwdorp", "--municipality",
                "Nieuwdorp", "--inhabitants", "15000", "--ambition",
                "Iedereen in Nieuwdorp beweegt.", "--structure", "leeg",
                "--coordinator-email", COORDINATOR,
            ]
        )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "0 thema's, 0 opgaven" in made.output and "verstuurd" in made.output
    invitation = inbox.wait_for(COORDINATOR)[0]
    assert invitation["Subject"] == "Uitnodiging voor Sportakkoord Nieuwdorp"

    # The coordinator accepts, adds a theme and an opgave, invites a theme leader.
    coordinator_context, page = _page(browser, url)
    _accept(page, link_in(invitation, "/uitnodiging/"), "Rita Regie", "rita")
    page.goto("/beginnen")
    expect(page.get_by_role("heading", name="Beginnen met Sportakkoord Nieuwdorp")).to_be_visible()
    screenshot(page, "going-live-begin")
    page.get_by_role("link", name="Thema’s beheren").click()
    page.get_by_label("Naam van het thema").fill("Samen bewegen in de wijk")
    page.get_by_label("Bouwsteen").select_option(label="Software")
    page.get_by_role("button", name="Thema toevoegen").click()
    expect(page.get_by_text("Thema Samen bewegen in de wijk toegevoegd.")).to_be_visible()
    page.goto("/themas")
    page.get_by_role("link", name="Samen bewegen in de wijk").first.click()
    page.get_by_role("link", name="Nieuwe opgave").first.click()
    page.get_by_label("Titel").fill("Elk kind een zwemdiploma")
    page.get_by_role("button", name="Opgave opslaan").click()
    page.wait_for_url(re.compile(r"/opgaven/\d+$"))
    opgave_url = page.url
    page.goto("/beheer/uitnodigingen")
    page.get_by_label("E-mailadres").fill(LEADER)
    page.get_by_label("Themagroep", exact=True).select_option(label="1. Samen bewegen in de wijk")
    page.get_by_label("Rol in de themagroep").select_option(label="Thematrekker")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text(f"Uitnodiging verstuurd naar {LEADER}.")).to_be_visible()
    leader_mail = inbox.wait_for(LEADER)[0]

    # The theme leader accepts, adds a partner, an outcome challenge with a ladder, a journal.
    leader_context, leader = _page(browser, url)
    _accept(leader, link_in(leader_mail, "/uitnodiging/"), "Tom Trekker", "tom")
    leader.goto("/partners/nieuw")
    leader.get_by_label("Naam", exact=True).fill("Zwemclub De Golf")
    leader.get_by_label("Soort organisatie").select_option(label="Sportvereniging")
    leader.get_by_role("button", name="Opslaan", exact=True).click()
    leader.wait_for_url(re.compile(r"/partners/\d+$"))
    leader.goto(opgave_url)
    leader.get_by_role("link", name="Grenspartner toevoegen").click()
    select = leader.get_by_label("Grenspartner", exact=True)
    select.select_option(
        select.locator("option", has_text="Zwemclub De Golf").get_attribute("value")
    )
    leader.get_by_label("Uitkomstuitdaging", exact=True).fill(
        "De zwemclub geeft kinderen zonder diploma wekelijks les, samen met de scholen."
    )
    leader.get_by_role("button", name="Uitkomstuitdaging aanmaken").click()
    leader.wait_for_url(re.compile(r"/uitkomstuitdagingen/\d+$"))
    engagement_url = leader.url
    leader.get_by_role("link", name="Markering toevoegen").first.click()
    for index, (tier, text) in enumerate(LADDER):
        leader.get_by_label("Niveau van de ladder").select_option(label=tier)
        leader.get_by_label("Markering", exact=True).fill(text)
        button = "Opslaan" if index == len(LADDER) - 1 else "Opslaan en nog een toevoegen"
        with leader.expect_navigation():
            leader.get_by_role("button", name=button, exact=True).click()
    leader.goto(engagement_url)
    leader.get_by_role("link", name=re.compile("Logboek schrijven voor")).click()
    leader.wait_for_url(re.compile(r"/logboek/\d{4}-\d{2}$"))
    leader.get_by_role("group", name="Neemt deel aan het themaoverleg").locator(
        "label", has_text=re.compile(r"^Hoog$")
    ).click()
    leader.get_by_label("Beschrijving van de verandering").fill(
        "De zwemclub gaf de eerste les; acht kinderen zonder diploma deden mee."
    )
    leader.get_by_role("button", name="Opslaan", exact=True).click()
    leader.wait_for_url(re.compile(r"/logboeken/\d+$"))
    expect(leader.get_by_text("opgeslagen").first).to_be_visible()

    # The coordinator's dashboard shows it.
    page.goto("/dashboard/")
    expect(page.get_by_text("1 van 1 geschreven").first).to_be_visible()
    screenshot(page, "going-live-dashboard")
    assert coordinator_context.foreign_requests == [] and leader_context.foreign_requests == []
    coordinator_context.close()
    leader_context.close()


def test_a_forgotten_password_comes_by_mail_after_the_answer(browser, empty_server, smtp_inbox):
    """On a real server the reset mail is made and sent after the page has answered, with a
    link to the host the request came to; the link sets a new password once."""
    from omtracker.models import Role, User

    url, app = empty_server
    inbox, _port = smtp_inbox
    base_url = app.config["BASE_URL"]
    app.config["BASE_URL"] = ""  # the link must come from the request's own host
    with app.app_context():
        user = User(
            username="vergeetachtig",
            display_name="Vera",
            email="vera@nieuwdorp.example",
            role=Role.user,
        )
        user.set_password("Oud-wachtwoord-2026")
        db.session.add(user)
        db.session.commit()
        db.session.remove()
    context, page = _page(browser, url)
    try:
        page.goto("/login")
        page.get_by_role("link", name="Wachtwoord vergeten?").click()
        page.get_by_label("E-mailadres").fill("vera@nieuwdorp.example")
        page.get_by_role("button", name="Link versturen").click()
        expect(page.get_by_role("heading", name="Kijk in je e-mail")).to_be_visible()
        mail = inbox.wait_for("vera@nieuwdorp.example")[0]
        link = link_in(mail, "/wachtwoord-herstellen/")
        assert f"{url}{link}" in mail.get_payload(0).get_payload(decode=True).decode()
        page.goto(link)
        page.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_label("Herhaal nieuw wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Wachtwoord opslaan").click()
        expect(page.get_by_text("Je wachtwoord is gewijzigd.")).to_be_visible()
        page.get_by_label("Gebruikersnaam").fill("vergeetachtig")
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_text("Welkom, Vera.")).to_be_visible()
        page.goto(link)
        expect(page.get_by_role("heading", name="Deze link is al gebruikt")).to_be_visible()
        assert context.foreign_requests == []
    finally:
        app.config["BASE_URL"] = base_url
        context.close()
