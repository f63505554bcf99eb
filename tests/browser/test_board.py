"""A board member reads the latest monthly report and the dashboard and finds nothing to change.

The demo starts without a published report, so the coordinator publishes last month first, in
a browser context of their own; then the board member logs in and reads.
"""

from __future__ import annotations

from playwright.sync_api import expect

from omtracker.periods import add_months, current_period
from omtracker.reports.halfyear import recent_halves
from tests.browser.conftest import log_in, screenshot

READ_ONLY_POSTS = {"/logout", "/taal"}  # logging out and switching language change no data


def _post_forms(page) -> list[str]:  # noqa: ANN001
    """The action of every form on the page that would POST."""
    return page.eval_on_selector_all(
        "form",
        "forms => forms.filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'post')"
        ".map(f => new URL(f.action).pathname)",
    )


def _publish_last_month(browser, live_server: str) -> str:  # noqa: ANN001
    period = add_months(current_period(), -1)
    ctx = browser.new_context(base_url=live_server, locale="nl-NL")
    try:
        page = ctx.new_page()
        page.set_default_timeout(15000)
        log_in(page, "regisseur")
        page.goto(f"/rapportage/{period}")
        if page.locator("form.publish-form, section.publish-card form").count():
            page.on("dialog", lambda dialog: dialog.accept())
            page.get_by_label("Ik heb het rapport gecontroleerd").check()
            page.get_by_role("button", name="Publiceer").click()
            page.wait_for_url(f"**/rapportage/{period}/gepubliceerd")
        expect(page.get_by_text("Gepubliceerd rapport")).to_be_visible()
    finally:
        ctx.close()
    return period


def test_board_member_reads_the_latest_report_and_cannot_change_anything(
    browser, live_server, page, context
):
    period = _publish_last_month(browser, live_server)
    log_in(page, "bestuur")
    assert _post_forms(page) and set(_post_forms(page)) <= READ_ONLY_POSTS

    page.get_by_role("link", name="Maandrapportage").first.click()
    page.wait_for_url("**/rapportage/")
    assert set(_post_forms(page)) <= READ_ONLY_POSTS
    page.locator(f"a[href='/rapportage/{period}/gepubliceerd']").click()
    page.wait_for_url(f"**/rapportage/{period}/gepubliceerd")
    expect(page.get_by_role("heading", name="Vraagt aandacht in")).to_be_visible()
    expect(page.get_by_role("heading", name="De cijfers per bouwsteen")).to_be_visible()
    for block in ("Hardware", "Orgware", "Software"):
        expect(page.get_by_role("heading", name=block, exact=True)).to_be_visible()
    expect(page.get_by_text("De inhoud is gecontroleerd en ongewijzigd.")).to_be_visible()
    page.get_by_text("Controlegetal van deze publicatie").click()  # the check code, on request
    expect(page.get_by_text("inhoud klopt met het controlegetal")).to_be_visible()
    assert set(_post_forms(page)) <= READ_ONLY_POSTS
    assert page.get_by_role("button", name="Publiceer").count() == 0
    shot = screenshot(page, "board-published-report")
    assert shot.stat().st_size > 20_000

    for url in (
        f"/rapportage/{period}",
        f"/rapportage/{period}/afdrukken",
        f"/rapportage/vergelijk?van={add_months(period, -1)}&tot={period}",
        "/rapportage/halfjaar/{0.year}/{0.half}".format(recent_halves()[0]),
        "/dashboard",
        "/netwerk",
    ):
        response = page.goto(url)
        if response.status == 404 and url in ("/dashboard", "/netwerk"):
            continue  # that area is not part of this installation
        assert response.status == 200, url
        assert set(_post_forms(page)) <= READ_ONLY_POSTS, url
    screenshot(page, "board-last-page")

    # Every write the board could try is refused on the server.
    status = page.evaluate(
        """async (period) => {
            const token = document.querySelector("input[name=csrf_token]").value;
            const body = new URLSearchParams({csrf_token: token, confirm: "y"});
            const r = await fetch(`/rapportage/${period}/publiceren`, {method: "POST", body});
            return r.status;
        }""",
        add_months(period, -1),
    )
    assert status == 403
    assert context.foreign_requests == []
