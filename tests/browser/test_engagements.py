"""In Chromium: a theme leader engages a partner, builds a ladder, reorders it by keyboard, retires
a marker, and reads the marker page — all in Dutch, with nothing loaded from another host."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

# In the seeded demo the second opgave, "Motorische vaardigheden", belongs to theme 1 (trekker1).
OPGAVE_ID = 2


def test_theme_leader_builds_and_keeps_a_ladder(page, context):
    log_in(page, "trekker1")
    page.goto(f"/opgaven/{OPGAVE_ID}/uitkomstuitdagingen/nieuw")
    search = page.get_by_placeholder("Zoek op naam, soort of wijk…")
    expect(search).to_be_visible()  # the script reveals the search box
    select = page.get_by_label("Grenspartner", exact=True)
    option = select.locator("option").nth(1)
    name = option.inner_text().split(" (")[0]
    value = option.get_attribute("value")
    search.fill(name)
    visible = select.locator("option:not([hidden])")
    assert 2 <= visible.count() < select.locator("option").count()
    select.select_option(value)
    page.get_by_label("Uitkomstuitdaging", exact=True).fill(
        "De organisatie biedt elke week een beweegles aan en deelt wat werkt."
    )
    page.get_by_role("button", name="Uitkomstuitdaging aanmaken").click()
    page.wait_for_url(re.compile(r"/uitkomstuitdagingen/\d+$"))
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()

    page.get_by_role("link", name="Markering toevoegen").first.click()
    for tier, text in [
        ("Verwacht te zien", "Neemt deel aan het overleg"),
        ("Verwacht te zien", "Wijst een vaste contactpersoon aan"),
        ("Graag te zien", "Organiseert samen een activiteit"),
    ]:
        page.get_by_label("Niveau van de ladder").select_option(label=tier)
        page.get_by_label("Markering", exact=True).fill(text)
        page.get_by_role("button", name="Opslaan en nog een toevoegen").click()
        page.wait_for_url(re.compile(r"/markeringen/nieuw\?niveau="))
    page.get_by_role("link", name="Annuleren").click()
    page.wait_for_url(re.compile(r"/uitkomstuitdagingen/\d+$"))
    expect(page.get_by_text("Deze ladder wijkt af")).to_be_visible()  # 2 expect, 1 like, 0 love

    # Move the second expect marker up with the keyboard; focus comes back to its row.
    up = page.get_by_role("button", name="Omhoog: Wijst een vaste contactpersoon aan")
    up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("tbody.tier-expect tr[id^=marker-]")
    assert rows.nth(0).locator("th a").inner_text() == "Wijst een vaste contactpersoon aan"
    page.wait_for_function("document.activeElement.classList.contains('move-btn')")
    focused_row = page.evaluate("document.activeElement.closest('tr').id")
    assert focused_row == rows.nth(0).get_attribute("id")

    page.get_by_role("link", name=re.compile(r"^Intrekken\s*: Organiseert samen")).click()
    page.get_by_role("button", name="Intrekken").click()
    page.wait_for_url(re.compile(r"/uitkomstuitdagingen/\d+#marker-\d+$"))
    retired = page.locator("tr.retired-marker del")
    assert retired.inner_text() == "Organiseert samen een activiteit"
    screenshot(page, "engagement-ladder")

    retired.get_by_role("link").click()
    expect(page.get_by_text("Ingetrokken", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Wijzigingen")).to_be_visible()
    expect(page.get_by_text("Aangemaakt")).to_be_visible()
    screenshot(page, "engagement-marker")
    assert context.foreign_requests == []


def test_demo_engagement_page_reads_in_dutch_for_the_board(page, context):
    log_in(page, "bestuur")
    assert page.goto(f"/opgaven/{OPGAVE_ID}/uitkomstuitdagingen/nieuw").status == 403
    page.goto("/uitkomstuitdagingen/1")
    for text in ("Voortgangsmarkeringen", "Verwacht te zien", "Uitkomstenlogboeken", "Fase"):
        expect(page.get_by_text(text, exact=False).first).to_be_visible()
    assert page.get_by_role("button", name=re.compile("Omhoog")).count() == 0
    screenshot(page, "engagement-board")
    assert context.foreign_requests == []
