"""The board reads the dashboard and the key indicators in a real browser: charts drawn on the
server, tables behind them, drill-down from theme to opgave, nothing that changes data."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

READ_ONLY_POSTS = {"/logout", "/taal"}


def post_forms(page) -> set[str]:  # noqa: ANN001
    return set(
        page.eval_on_selector_all(
            "form",
            "forms => forms.filter(f => (f.getAttribute('method') || 'get').toLowerCase()"
            " === 'post').map(f => new URL(f.action).pathname)",
        )
    )


def test_board_reads_the_dashboard_and_drills_down(page, context):
    log_in(page, "bestuur")
    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    for block in ("Hardware", "Orgware", "Software"):
        expect(page.get_by_role("heading", name=block, exact=True)).to_be_visible()
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 3 + 6 + 2  # blocks, themes, heatmap and coverage
    assert page.locator("svg[role=img] title").first.text_content()
    assert post_forms(page) <= READ_ONLY_POSTS
    screenshot(page, "dashboard-board")

    # The numbers behind the heatmap, as a table.
    heat = page.locator("section[aria-labelledby=heat-heading]")
    heat.get_by_text("Toon de cijfers als tabel").click()
    expect(heat.locator("table th[scope=row]").first).to_be_visible()

    page.get_by_role("link", name="24 maanden").click()
    page.wait_for_url("**periode=24**")
    assert page.get_by_role("link", name="24 maanden").get_attribute("aria-current") == "true"

    page.locator("article.theme-card h4 a").first.click()
    page.wait_for_url("**/dashboard/thema/**")
    expect(page.get_by_role("heading", name="Opgaven")).to_be_visible()
    assert "periode=24" in page.url  # the chosen window travels along
    page.locator("section[aria-labelledby=opgaven-heading] h3 a").first.click()
    page.wait_for_url("**/dashboard/opgave/**")
    expect(page.get_by_role("heading", name="Grenspartners")).to_be_visible()
    assert page.locator("table.engagement-table tbody tr").count() >= 1
    assert post_forms(page) <= READ_ONLY_POSTS
    screenshot(page, "dashboard-opgave-board")
    assert context.foreign_requests == []


def test_board_reads_the_key_indicators_without_edit_controls(page, context):
    log_in(page, "bestuur")
    page.get_by_role("link", name="Kernindicatoren").first.click()
    page.wait_for_url("**/indicatoren/")
    card = page.locator("article.indicator-card", has_text="Wekelijkse sportdeelname")
    assert card.locator(".indicator-value").text_content().strip() == "45%"
    club = page.locator("article.indicator-card", has_text="Lidmaatschap sportvereniging")
    assert club.locator(".indicator-value").text_content().strip() == "18,4%"
    assert page.get_by_role("link", name="Nieuwe indicator").count() == 0
    assert post_forms(page) <= READ_ONLY_POSTS
    screenshot(page, "indicators-board")
    card.get_by_role("link", name="Wekelijkse sportdeelname").click()
    page.wait_for_url("**/indicatoren/*")
    expect(page.get_by_text("Alle waarden")).to_be_visible()
    assert page.get_by_role("link", name="Bewerken").count() == 0
    assert post_forms(page) <= READ_ONLY_POSTS
    assert context.foreign_requests == []
