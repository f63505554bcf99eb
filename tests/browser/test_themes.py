"""A theme leader keeps their theme in a real browser: status, opgave, strategy, archive.

Works in theme 6 (trekker6) so the other browser tests' theme 1 stays as the demo made it.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from omtracker.periods import add_months, current_period
from tests.browser.conftest import log_in, screenshot
from tests.themes_support import month_nl


def _open_theme_6(page) -> None:  # noqa: ANN001
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Thema’s").click()
    page.wait_for_url("**/themas")
    page.get_by_role("link", name="Assen, gezonde sportstad").click()
    page.wait_for_url(re.compile(r".*/themas/\d+$"))


def test_theme_leader_sets_status_adds_an_opgave_with_a_strategy_and_archives_it(page, context):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "trekker6")
    _open_theme_6(page)
    expect(page.get_by_role("heading", name=re.compile("Assen, gezonde sportstad"))).to_be_visible()
    month = month_nl(current_period())
    assert page.get_by_text(re.compile(rf"\d+ van \d+ partnerlogboeken geschreven voor {month}"))
    screenshot(page, "themes-theme-page")

    # Monthly status
    page.get_by_role("link", name="Maandstatus zetten").click()
    page.get_by_label("Aandacht nodig").check()
    page.get_by_label("Toelichting").fill("Twee clubs zijn nog niet aangehaakt.")
    page.get_by_role("button", name="Status opslaan").click()
    page.wait_for_url(re.compile(r".*/themas/\d+$"))
    expect(page.get_by_text(f"Maandstatus voor {month} opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Twee clubs zijn nog niet aangehaakt.").first).to_be_visible()

    # A new opgave
    page.get_by_role("link", name="Nieuwe opgave").click()
    page.get_by_label("Titel").fill("Zwemvaardigheid voor nieuwkomers")
    page.get_by_label("Werkafspraken").fill("Zes weken proef met twee zwembaden.")
    page.get_by_label("Doeljaar").fill("2028")
    page.get_by_role("button", name="Opgave opslaan").click()
    page.wait_for_url(re.compile(r".*/opgaven/\d+$"))
    expect(page.get_by_role("heading", name="Zwemvaardigheid voor nieuwkomers")).to_be_visible()
    expect(page.get_by_text("Zes weken proef met twee zwembaden.")).to_be_visible()

    # A strategy in the I-2 cell and its journal for this month
    page.get_by_role("link", name="Strategiekaart", exact=True).click()
    page.get_by_role("link", name="Toevoegen I-2 Overtuigend").click()
    page.get_by_label("Titel").fill("Zwemles-instructie voor vrijwilligers")
    page.get_by_role("button", name="Strategie opslaan").click()
    page.get_by_role("link", name="Zwemles-instructie voor vrijwilligers").click()
    page.get_by_role("link", name=f"Logboek {month} schrijven").click()
    page.get_by_label("Uitgevoerde activiteiten").fill("Eerste instructieavond gehouden.")
    page.get_by_role("button", name="Logboek opslaan").click()
    expect(page.get_by_text("Eerste instructieavond gehouden.")).to_be_visible()
    screenshot(page, "themes-strategy")

    # Archive the opgave (with confirmation): it moves to the collapsed archive list
    page.get_by_role("link", name="Zwemvaardigheid voor nieuwkomers").click()
    page.get_by_role("button", name="Archiveren").click()
    expect(page.get_by_text("De opgave is gearchiveerd.")).to_be_visible()
    page.get_by_role("link", name="Assen, gezonde sportstad").first.click()
    archive = page.locator("details.archived-list").first
    expect(archive.get_by_text("Zwemvaardigheid voor nieuwkomers")).not_to_be_visible()
    archive.locator("summary").click()
    expect(archive.get_by_text("Zwemvaardigheid voor nieuwkomers")).to_be_visible()
    screenshot(page, "themes-theme-archive")
    assert context.foreign_requests == []


def test_choosing_another_month_loads_that_months_status(page, context):
    log_in(page, "trekker6")
    _open_theme_6(page)
    page.get_by_role("link", name=re.compile("Maandstatus (zetten|wijzigen)")).click()
    # The month reload is a script: wait until the page (and so themes.js) has loaded, as a
    # person would, before changing the month.
    page.wait_for_url(re.compile(r"/themas/\d+/status"))
    page.wait_for_load_state("load")
    previous = add_months(current_period(), -1)
    page.get_by_label("Maand").fill(previous)
    page.wait_for_url(re.compile(rf".*maand={previous}"), timeout=30_000)
    # The demo has a status for every earlier month: the form shows it, ready to edit.
    expect(page.get_by_text(f"Opgeslagen status voor {month_nl(previous)}")).to_be_visible()
    assert page.get_by_label("Toelichting").input_value() != ""
    assert context.foreign_requests == []
