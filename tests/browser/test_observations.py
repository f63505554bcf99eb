"""In Chromium at 390 px: a theme leader notes a quick observation on a phone — tap a partner,
type what was seen, add a photo, save — then opens that partner's journal for the month, which
lists the observation and begins with it; saved, the journal keeps it as evidence."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.journals_support import PNG

PHONE = {"width": 390, "height": 844}
SEEN = "De trainer nam zelf drie kinderen uit de wijk mee naar de open les."


def fits_the_screen(page) -> bool:  # noqa: ANN001
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def serious_violations(page) -> list[str]:  # noqa: ANN001
    """axe-core's WCAG 2.1 AA rules on the page as it is now (tests/browser/test_accessibility)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import AXE_OPTIONS, BLOCKING

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in BLOCKING]


def test_a_quick_observation_on_a_phone_reaches_the_months_journal(browser, live_server):
    # Reduced motion: Bootstrap's 0.15 s colour transitions are off, so axe judges the contrast
    # of the chosen significance button as it ends up, not halfway through the fade (CI once
    # caught it mid-transition).
    context = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport=PHONE, reduced_motion="reduce"
    )
    foreign: list[str] = []
    context.on(
        "request",
        lambda r: None if r.url.startswith((live_server, "data:")) else foreign.append(r.url),
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, "trekker1")

    # A partner whose journal for this month is still to be written ("Mijn maand").
    page.goto("/mijn-maand")
    write = page.get_by_role("link", name=re.compile(r"^Schrijven")).first
    engagement_id, period = re.search(
        r"/uitkomstuitdagingen/(\d+)/logboek/(\d{4}-\d{2})", write.get_attribute("href")
    ).groups()

    # Step 1: tap the partner.
    page.get_by_role("link", name="Waarneming toevoegen").click()
    page.wait_for_url("**/waarneming")
    assert fits_the_screen(page)
    screenshot(page, "observation-step1-390")
    steps = 0
    page.locator(f'a[href="/uitkomstuitdagingen/{engagement_id}/waarneming"]').click()
    page.wait_for_url(f"**/uitkomstuitdagingen/{engagement_id}/waarneming")
    steps += 1

    # Step 2: what was seen, a photo, how significant; save.
    partner = page.locator("h1").inner_text()
    page.get_by_label("Wat zag je?").fill(SEEN)
    page.get_by_label("Foto of bestand (optioneel)").set_input_files(
        {"name": "open-les.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.locator("label", has_text=re.compile(r"^Hoog$")).click()
    assert fits_the_screen(page)
    assert serious_violations(page) == []
    screenshot(page, "observation-step2-390")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/waarneming")
    steps += 1
    assert steps <= 3
    expect(page.get_by_text(f"Waarneming over {partner} opgeslagen.")).to_be_visible()
    expect(page.get_by_text(SEEN)).to_be_visible()
    expect(page.get_by_text("Belang: Hoog")).to_be_visible()
    screenshot(page, "observation-saved-390")

    # The month's journal for that partner lists it and begins with it.
    page.get_by_role("link", name=re.compile("Naar het logboek van")).click()
    page.wait_for_url(f"**/uitkomstuitdagingen/{engagement_id}/logboek/{period}")
    listing = page.locator(".jl-observations")
    expect(listing.get_by_role("heading", name="1 waarneming deze maand")).to_be_visible()
    expect(listing.get_by_text(SEEN)).to_be_visible()
    expect(listing.get_by_role("link", name="open-les.png")).to_be_visible()
    description = page.get_by_label("Beschrijving van de verandering")
    assert SEEN in description.input_value()
    assert fits_the_screen(page)
    assert serious_violations(page) == []
    screenshot(page, "observation-journal-390")
    listing.scroll_into_view_if_needed()  # and the part a phone shows: the list, then the text
    page.screenshot(path=str(ARTIFACTS / "observation-journal-390-view.png"))

    # Saved, the journal keeps the observation (and its photo) as evidence.
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/logboeken/\d+$"))
    expect(page.get_by_role("heading", name="Waarnemingen")).to_be_visible()
    expect(page.get_by_role("link", name="open-les.png")).to_be_visible()
    screenshot(page, "observation-entry-390")
    entry_url = page.url

    # A later observation for the written journal: offered, and added in place by the button.
    later = "De voorzitter vroeg om een tweede open les."
    page.goto(f"/uitkomstuitdagingen/{engagement_id}/waarneming")
    page.get_by_label("Wat zag je?").fill(later)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/waarneming")
    page.goto(f"/uitkomstuitdagingen/{engagement_id}/logboek/{period}")
    description = page.get_by_label("Beschrijving van de verandering")
    assert later not in description.input_value() and SEEN in description.input_value()
    page.get_by_role("link", name="Als begintekst gebruiken").click()
    assert page.url.endswith(f"/logboek/{period}")  # the script added it without reloading
    assert later in description.input_value() and SEEN in description.input_value()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(entry_url)
    expect(page.get_by_text(later).first).to_be_visible()
    assert foreign == []  # everything from the app itself, also on a phone
    context.close()
