"""The coordinator finds a journal from the navigation: "/" puts the cursor in the search box,
typing "accommodatie" and Enter lists the journals that mention it, one click opens it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot


def test_type_in_the_navigation_box_pick_a_journal_and_land_on_it(page):  # noqa: ANN001
    page.set_viewport_size({"width": 1400, "height": 900})
    log_in(page, "regisseur")

    page.keyboard.press("/")
    box = page.locator("#nav-search")
    expect(box).to_be_focused()
    page.keyboard.type("accommodatie")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken\?q=accommodatie"))

    journals = page.locator("#groep-journal + ol .search-hit")
    expect(journals.first).to_be_visible()
    expect(journals.first.locator("mark").first).to_have_text(re.compile("accommodatie", re.I))
    screenshot(page, "search-results")
    link = journals.first.locator("a.search-hit-title")
    target = link.get_attribute("href")
    assert re.fullmatch(r"/logboeken/\d+", target)
    link.click()
    page.wait_for_url(f"**{target}")
    expect(page.locator("main")).to_contain_text("accommodatie")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/zoeken?q=accommodatie&soort=journal")
    expect(page.locator("#groep-journal")).to_be_visible()
    screenshot(page, "search-results-390")
