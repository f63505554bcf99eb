"""A theme leader logs in, sees the programme in Dutch, switches to English and back, logs out.

The choice is stored with the account, and the live server is shared by all browser tests: the
test ends in Dutch so later tests see trekker1 as everyone else does."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot


def test_theme_leader_sees_overview_in_dutch_then_english(page, context):
    log_in(page, "trekker1")
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("heading", name="Assen Sportstad")).to_be_visible()
    for block in ("Hardware", "Orgware", "Software"):
        expect(page.get_by_role("heading", name=block, exact=True)).to_be_visible()
    expect(page.get_by_text("Van jongs af aan vaardig in beweging").first).to_be_visible()
    expect(page.get_by_text("Voorbeelddata").first).to_be_visible()
    shot = screenshot(page, "smoke-overview-nl")
    assert shot.stat().st_size > 10_000

    page.get_by_role("button", name="Thematrekker 1 (demo)").click()  # the account menu
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Overview")).to_be_visible()
    screenshot(page, "smoke-overview-en")

    page.get_by_role("button", name="Thematrekker 1 (demo)").click()
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("link", name="Overzicht")).to_be_visible()

    page.get_by_role("button", name="Thematrekker 1 (demo)").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
    assert context.foreign_requests == []
