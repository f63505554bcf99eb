"""The coordinator opens the partner network map, clicks a partner, filters and downloads a PNG."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot


def wait_for_map(page) -> dict:  # noqa: ANN001
    # a selector, not a JS predicate: the page's CSP forbids eval, which predicates need
    page.wait_for_selector("body[data-network-ready='1']", state="attached")
    return json.loads(page.locator("#network-data").text_content())


def test_coordinator_explores_the_network_map(page, context):
    log_in(page, "regisseur")
    page.get_by_role("link", name="Netwerk", exact=True).click()
    data = wait_for_map(page)
    expect(page.get_by_role("heading", name="Netwerk van grenspartners")).to_be_visible()
    assert page.locator("#network-map canvas").count() == 1
    everything = len(data["nodes"])

    # a partner from the table beside the map: "kaart" centres it; then click it on the map
    first = page.locator("#central-heading ~ table tbody tr").first
    name = first.locator("a").first.text_content().strip()
    first.get_by_role("button").click()
    details = page.locator("#network-detail")
    expect(details.get_by_role("heading", name=name)).to_be_visible()
    # the view glides to the node for 300 ms; click the centre only once it is there
    expect(page.locator("body[data-network-moving]")).to_have_count(0)
    page.get_by_role("button", name="Sluiten").click()
    expect(page.get_by_text("Kies een knooppunt op de kaart of zoek er een.")).to_be_visible()
    box = page.locator("#network-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(details.get_by_role("heading", name=name)).to_be_visible()
    expect(details.get_by_text("Uitkomstuitdagingen")).to_be_visible()
    expect(details.get_by_role("link", name="Naar de partnerpagina")).to_be_visible()
    screenshot(page, "network-map-details")

    # search by name focuses the node and shows its details
    page.get_by_label("Zoek een partner, opgave of thema").fill("Sportparken")
    page.get_by_role("button", name="Zoeken").click()
    expect(
        page.locator("#network-search-results, #network-detail")
        .get_by_text("Sportparken", exact=False)
        .first
    ).to_be_visible()

    # the PNG of the current view
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download als PNG").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    with open(download.path(), "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"

    # filter to one building block
    page.get_by_label("Bouwsteen").select_option("hardware")
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url("**/netwerk?*bouwsteen=hardware*")
    filtered = wait_for_map(page)
    assert 0 < len(filtered["nodes"]) < everything
    assert {n["b"] for n in filtered["nodes"] if n["k"] != "p"} == {"hardware"}
    screenshot(page, "network-map-hardware")
    assert context.foreign_requests == []


def test_board_compares_two_months(page, context):
    log_in(page, "bestuur")
    page.goto("/netwerk/vergelijk")
    wait_for_map(page)
    expect(page.get_by_role("heading", name="Nieuwe verbindingen")).to_be_visible()
    expect(page.get_by_role("heading", name="Slapend geworden")).to_be_visible()
    screenshot(page, "network-compare")
    assert context.foreign_requests == []
