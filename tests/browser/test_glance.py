"""Issue 14 in a real browser: who is behind and why in the first screen, theme leaders on a phone.

As the board on the monthly report and as the coordinator on the dashboard (1366 x 768), the
names of the themes that need attention and their leaders' reasons are inside the first
viewport. Every page a theme leader uses has no sideways scroll at 360 and 390 px. axe-core
finds nothing serious on these pages, the published report's banner included. Screenshots go to
test-artifacts/ (attention panel, summary, phone journal form).
"""

from __future__ import annotations

import re

import pytest

from omtracker.demo.examples import SHOWN_STATUS
from omtracker.demo.facts import documents
from omtracker.models import Rag
from omtracker.periods import add_months, current_period
from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.test_accessibility import Target, check_page, describe

FIRST_SCREEN = {"width": 1366, "height": 768}
PHONES = (360, 390)
THEME_NAMES = {t["number"]: t["name_nl"] for t in documents()["themes"]}
# The demo's last-month statuses (omtracker/demo/examples.py): these themes need attention.
CONCERNS = {
    THEME_NAMES[number]: text for number, (rag, text) in SHOWN_STATUS.items() if rag != Rag.on_track
}


def shot(page, name: str) -> None:  # noqa: ANN001
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def assert_in_first_screen(page, text: str) -> None:  # noqa: ANN001
    """`text` is on the page and its box lies inside the viewport without scrolling."""
    box = page.locator(".attention-panel").get_by_text(text, exact=False).first.bounding_box()
    assert box is not None, text
    assert box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN["height"], (text, box)
    assert box["x"] + box["width"] <= FIRST_SCREEN["width"], (text, box)


def assert_concerns_in_first_screen(page) -> None:  # noqa: ANN001
    assert page.evaluate("window.scrollY") == 0
    for name, reason in CONCERNS.items():
        assert_in_first_screen(page, name)
        assert_in_first_screen(page, reason)
    # Last month's statuses stand in until the leaders set this month's: marked as such.
    last_month = add_months(current_period(), -1)
    assert page.locator(".attention-panel .stand-in-badge").count() == len(CONCERNS), last_month


def test_board_sees_the_themes_needing_attention_and_why_in_the_first_screen(browser, live_server):
    ctx = browser.new_context(base_url=live_server, locale="nl-NL", viewport=FIRST_SCREEN)
    page = ctx.new_page()
    log_in(page, "bestuur")
    page.goto(f"/rapportage/{current_period()}")
    assert_concerns_in_first_screen(page)
    summary = page.locator(".plain-summary").inner_text()
    assert re.search(r"schreven de thema’s voor \d+ van de \d+ samenwerkingen", summary)
    assert f"{len(CONCERNS)} thema’s vragen aandacht" in summary
    assert "▲" not in page.content()  # movement in words
    shot(page, "issue14-report-first-screen")
    page.locator(".plain-summary").screenshot(path=str(ARTIFACTS / "issue14-summary.png"))
    page.locator(".attention-panel").screenshot(path=str(ARTIFACTS / "issue14-attention-panel.png"))
    ctx.close()


def test_coordinator_sees_the_same_on_the_dashboard(browser, live_server):
    ctx = browser.new_context(base_url=live_server, locale="nl-NL", viewport=FIRST_SCREEN)
    page = ctx.new_page()
    log_in(page, "regisseur")
    page.goto("/dashboard/")
    assert_concerns_in_first_screen(page)
    shot(page, "issue14-dashboard-first-screen")
    ctx.close()


# A theme leader's pages: fixed addresses, then links followed from them (trekker1 leads theme 1).
LEADER_START = [
    "/",
    "/mijn-maand",
    "/themas",
    "/partners/",
    "/partners/nieuw",
    "/netwerk",
    "/netwerk/tekst",
    "/indicatoren/",
    "/profiel",
    "/profiel/tokens",
]
LEADER_LINKS = [
    r"^/themas/\d+$",
    r"^/themas/\d+/status$",
    r"^/opgaven/\d+$",
    r"^/opgaven/\d+/bewerken$",
    r"^/opgaven/\d+/strategieen$",
    r"^/opgaven/\d+/uitkomstuitdagingen/nieuw$",
    r"^/uitkomstuitdagingen/\d+$",
    r"^/uitkomstuitdagingen/\d+/bewerken$",
    r"^/uitkomstuitdagingen/\d+/logboek/\d{4}-\d{2}$",
    r"^/logboeken/\d+$",
    r"^/logboeken/\d+/versies$",
    r"^/markeringen/\d+$",
    r"^/markeringen/\d+/bewerken$",
    r"^/partners/\d+$",
    r"^/partners/\d+/bewerken$",
    r"^/dashboard/thema/\d+$",
    r"^/dashboard/opgave/\d+$",
    r"^/rapportage/\d{4}-\d{2}$",
    r"^/indicatoren/\d+$",
]


def leader_pages(page, own_theme: str) -> list[str]:  # noqa: ANN001
    """Every kind of page trekker1 reaches, one of each, found by following links."""
    queue, seen, found = [own_theme, *LEADER_START], [], {LEADER_LINKS[0]}
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        response = page.goto(path)
        assert response.status == 200, path
        for href in page.eval_on_selector_all(
            "a[href]", "ls => ls.map(a => a.getAttribute('href'))"
        ):
            href = href.split("#")[0].split("?")[0]
            for pattern in LEADER_LINKS:
                if pattern not in found and re.match(pattern, href):
                    found.add(pattern)
                    queue.append(href)
    return seen


def test_no_page_of_a_theme_leader_scrolls_sideways_on_a_phone(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = ctx.new_page()
    page.set_default_timeout(15000)
    log_in(page, "trekker1")
    page.goto("/themas")
    page.get_by_role("link", name=THEME_NAMES[1]).first.click()  # start from the own theme
    page.wait_for_url(re.compile(r".*/themas/\d+$"))
    pages = leader_pages(page, page.url.removeprefix(live_server))
    assert any(re.match(r"^/uitkomstuitdagingen/\d+/logboek/", p) for p in pages), pages
    assert any(p.startswith("/dashboard/thema/") for p in pages), pages
    assert any(re.match(r"^/rapportage/\d{4}-\d{2}$", p) for p in pages), pages
    too_wide = []
    for width in PHONES:
        page.set_viewport_size({"width": width, "height": 800})
        for path in pages:
            page.goto(path)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                too_wide.append((width, path, scroll))
    assert too_wide == []
    assert len(pages) >= 20, pages
    ctx.close()


def test_phone_journal_form_keeps_every_level_and_the_save_bar_in_view(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = ctx.new_page()
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    form = page.locator("a[href*='/logboek/']").first.get_attribute("href")
    page.goto(form)
    levels = page.locator(".jl-levels").first
    for label in ("Geen", "Laag", "Gemiddeld", "Hoog"):
        box = levels.get_by_text(label, exact=True).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
    bar = page.locator(".jl-actions").bounding_box()
    assert bar and bar["y"] + bar["height"] <= 844  # sticky at the bottom of the screen
    save = page.locator(".jl-actions button").first.bounding_box()
    assert save and save["x"] + save["width"] <= 390
    shot(page, "issue14-phone-journal-form")
    ctx.close()


@pytest.fixture(scope="module")
def published_month(browser, live_server) -> str:  # noqa: ANN001
    """Last month published by the coordinator through the form (once for this module)."""
    month = add_months(current_period(), -1)
    ctx = browser.new_context(base_url=live_server, locale="nl-NL")
    page = ctx.new_page()
    log_in(page, "regisseur")
    page.goto(f"/rapportage/{month}")
    if page.locator(".publish-card").count():
        page.locator(".publish-card input[type=checkbox]").check()
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(".publish-card button").click()
        page.wait_for_url(f"**/rapportage/{month}/gepubliceerd")
    ctx.close()
    return month


@pytest.mark.parametrize(
    "role, path",
    [
        ("bestuur", "/rapportage/{month}"),
        ("bestuur", "/rapportage/{published}/gepubliceerd"),
        ("regisseur", "/dashboard/"),
        ("trekker1", "/rapportage/{month}"),
        ("trekker1", "/rapportage/{published}/gepubliceerd"),
    ],
)
def test_glance_pages_have_no_serious_accessibility_violations(
    browser, live_server, published_month, role, path
):
    ctx = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 1280, "height": 720}
    )
    page = ctx.new_page()
    page.set_default_timeout(15000)
    log_in(page, role)
    url = path.format(month=current_period(), published=published_month)
    assert page.goto(url).status == 200
    target = Target(f"issue14 {url}", role, url)
    blocking = check_page(page, target)
    assert not blocking, describe(target, page.url, blocking)
    if "gepubliceerd" in url and role == "bestuur":
        shot(page, "issue14-published-report")
    ctx.close()


def test_theme_leader_dashboard_page_has_no_serious_violations(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 1280, "height": 720}
    )
    page = ctx.new_page()
    log_in(page, "trekker1")
    page.goto("/themas")
    page.get_by_role("link", name=THEME_NAMES[1]).first.click()
    page.get_by_role("link", name="Dashboard van dit thema").click()
    assert "/dashboard/thema/" in page.url
    target = Target("issue14 dashboard thema (trekker)", "trekker1", page.url)
    blocking = check_page(page, target)
    assert not blocking, describe(target, page.url, blocking)
    ctx.close()


def test_network_map_names_themes_and_central_partners_and_colours_groups(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server, locale="nl-NL", viewport={"width": 1366, "height": 1000}
    )
    page = ctx.new_page()
    page.set_default_timeout(15000)
    log_in(page, "regisseur")
    page.goto("/netwerk")
    page.wait_for_selector("body[data-network-ready]")
    page.locator("#network-map").screenshot(path=str(ARTIFACTS / "issue14-network-labelled.png"))
    page.check("#colour-group")
    legend = page.locator("#network-group-legend")
    assert legend.is_visible()
    assert "Groep rond" in legend.inner_text()
    assert page.locator("#colour-group").is_checked()
    assert page.locator("label[for=colour-group]").inner_text() == (
        "groepen partners die vaak samen optrekken"
    )
    page.locator(".col-xl-8").first.screenshot(path=str(ARTIFACTS / "issue14-network-groups.png"))
    ctx.close()
