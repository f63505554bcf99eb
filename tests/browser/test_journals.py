"""In Chromium: a theme leader's month (partner → outcome challenge → ladder → journal → stage,
coverage and revisions), and two people saving the same journal without losing anything."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

# In the seeded demo the second opgave, "Motorische vaardigheden", belongs to theme 1 (trekker1).
OPGAVE_ID = 2
THEME_NAME = "Van jongs af aan vaardig in beweging"
PARTNER = "Tennisvereniging Testpark"
LADDER = [
    ("Verwacht te zien", "Neemt deel aan het themaoverleg"),
    ("Verwacht te zien", "Wijst een vaste contactpersoon aan"),
    ("Graag te zien", "Organiseert een open les voor kinderen"),
    ("Graag te zien", "Werkt samen met de school in de wijk"),
    ("Prachtig om te zien", "Neemt de aanpak op in het jaarplan"),
    ("Prachtig om te zien", "Inspireert andere verenigingen"),
]


def coverage_numbers(page) -> tuple[int, int]:  # noqa: ANN001
    page.goto("/themas")
    page.get_by_role("link", name=THEME_NAME).first.click()
    sentence = page.locator(".coverage-sentence").inner_text()
    written, due = re.search(r"(\d+) van (\d+) partnerlogboeken", sentence).groups()
    return int(written), int(due)


def rate(page, marker_text: str, level: str) -> None:  # noqa: ANN001
    group = page.get_by_role("group", name=marker_text)
    group.locator("label", has_text=re.compile(rf"^{level}$")).click()


def test_theme_leader_plays_a_month(page, context):
    log_in(page, "trekker1")
    written_before, due_before = coverage_numbers(page)

    # A new boundary partner in the shared registry.
    page.goto("/partners/nieuw")
    page.get_by_label("Naam", exact=True).fill(PARTNER)
    page.get_by_label("Soort organisatie").select_option(label="Sportvereniging")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/partners/\d+$"))

    # Its outcome challenge in an opgave of theme 1.
    page.goto(f"/opgaven/{OPGAVE_ID}")
    page.get_by_role("link", name="Grenspartner toevoegen").click()
    select = page.get_by_label("Grenspartner", exact=True)
    value = select.locator("option", has_text=PARTNER).first.get_attribute("value")
    select.select_option(value)
    page.get_by_label("Uitkomstuitdaging", exact=True).fill(
        "De vereniging biedt kinderen uit de wijk wekelijks een open les en werkt samen "
        "met de school."
    )
    page.get_by_role("button", name="Uitkomstuitdaging aanmaken").click()
    page.wait_for_url(re.compile(r"/uitkomstuitdagingen/\d+$"))
    engagement_url = page.url

    # Six progress markers across the three tiers.
    page.get_by_role("link", name="Markering toevoegen").first.click()
    for index, (tier, text) in enumerate(LADDER):
        page.get_by_label("Niveau van de ladder").select_option(label=tier)
        page.get_by_label("Markering", exact=True).fill(text)
        last = index == len(LADDER) - 1
        button = "Opslaan" if last else "Opslaan en nog een toevoegen"
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
    page.goto(engagement_url)
    assert page.locator(".stage-badge").inner_text() == "Nog niet gestart"

    # The month's journal: ratings, a contributing partner, the story of the change.
    page.get_by_role("link", name=re.compile("Logboek schrijven voor")).click()
    page.wait_for_url(re.compile(r"/logboek/\d{4}-\d{2}$"))
    expect(page.get_by_role("heading", name="Voortgangsmarkeringen")).to_be_visible()
    expect(page.get_by_text("Nog nooit beoordeeld").first).to_be_visible()
    rate(page, "Neemt deel aan het themaoverleg", "Hoog")
    rate(page, "Wijst een vaste contactpersoon aan", "Gemiddeld")
    rate(page, "Organiseert een open les voor kinderen", "Gemiddeld")
    rate(page, "Werkt samen met de school in de wijk", "Laag")
    rate(page, "Neemt de aanpak op in het jaarplan", "Geen")
    page.get_by_label("Toelichting bij Neemt deel aan het themaoverleg").fill("Elke keer aanwezig.")
    page.get_by_label("Beschrijving van de verandering").fill(
        "De vereniging hield de eerste open les; twaalf kinderen uit de wijk deden mee."
    )
    search = page.get_by_placeholder("Zoek een partner…")
    expect(search).to_be_visible()  # the script reveals the filter
    search.fill("acv")
    page.get_by_label("ACV", exact=True).check()
    screenshot(page, "journal-form-filled")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/logboeken/\d+$"))
    entry_url = page.url
    expect(page.get_by_text("opgeslagen").first).to_be_visible()
    expect(page.get_by_role("link", name="ACV")).to_be_visible()
    assert "Graag bereikt" in page.locator("#stage-heading").inner_text()
    screenshot(page, "journal-entry")

    # The stage and the theme's journal coverage moved.
    page.goto(engagement_url)
    assert page.locator(".stage-badge").inner_text() == "Graag bereikt"
    written_after, due_after = coverage_numbers(page)
    assert (written_after, due_after) == (written_before + 1, due_before + 1)

    # An edit, then the revision history shows who changed what.
    page.goto(entry_url)
    page.get_by_role("link", name="Bewerken").click()
    rate(page, "Werkt samen met de school in de wijk", "Hoog")
    assert page.get_by_text("▲ hoger dan vorige").count() == 0  # no earlier month yet
    page.get_by_label("Lessen en benodigde aanpassingen").fill("Eerder starten met werven.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(entry_url)
    page.get_by_role("link", name="2 versies").click()
    expect(page.get_by_role("heading", name="Versie 2")).to_be_visible()
    expect(page.get_by_role("heading", name="Versie 1")).to_be_visible()
    newest = page.locator("#versie-2")
    expect(newest.get_by_text("Eerder starten met werven.")).to_be_visible()
    expect(newest.get_by_text("Werkt samen met de school in de wijk")).to_be_visible()
    assert "Thematrekker 1" in newest.inner_text()
    screenshot(page, "journal-revisions")
    assert context.foreign_requests == []


def test_two_people_save_the_same_journal_and_nothing_is_lost(browser, live_server, page, context):
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    expect(page.get_by_text(re.compile(r"\d+ van \d+ geschreven"))).to_be_visible()
    screenshot(page, "journal-my-month")
    journal = page.locator("a[href*='/logboek/']").first.get_attribute("href")

    other = browser.new_context(base_url=live_server, locale="nl-NL")
    foreign: list[str] = []
    other.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith((live_server, "data:")) else None,
    )
    try:
        second = other.new_page()
        second.set_default_timeout(15000)
        log_in(second, "lid1")
        page.goto(journal)
        second.goto(journal)
        first_marker = page.locator("fieldset.jl-marker legend").first.inner_text()

        page.get_by_label("Beschrijving van de verandering").fill("Versie van de thematrekker.")
        rate(page, first_marker, "Hoog")
        page.get_by_role("button", name="Opslaan", exact=True).click()
        page.wait_for_url(re.compile(r"/logboeken/\d+$"))

        second.get_by_label("Beschrijving van de verandering").fill("Versie van het themagroeplid.")
        rate(second, first_marker, "Laag")
        second.get_by_label(f"Toelichting bij {first_marker}").fill("Nog wisselend.")
        with second.expect_response(
            lambda r: r.request.method == "POST" and "/logboek/" in r.url  # not a draft's
        ) as answer:
            second.get_by_role("button", name="Opslaan", exact=True).click()
        assert answer.value.status == 409
        panel = second.locator("#conflict")
        expect(
            panel.get_by_role("heading", name="Iemand anders heeft dit intussen opgeslagen")
        ).to_be_visible()
        expect(panel.get_by_text("Versie van de thematrekker.")).to_be_visible()
        # What the second person typed and chose is still in the form.
        assert second.get_by_label("Beschrijving van de verandering").input_value() == (
            "Versie van het themagroeplid."
        )
        assert (
            second.get_by_label(f"Toelichting bij {first_marker}").input_value() == "Nog wisselend."
        )
        group = second.get_by_role("group", name=first_marker)
        assert group.locator("input[type=radio][value='1']").is_checked()
        screenshot(second, "journal-conflict")

        # Having compared, they save deliberately: now it goes through.
        second.get_by_role("button", name="Opslaan", exact=True).click()
        second.wait_for_url(re.compile(r"/logboeken/\d+$"))
        expect(second.get_by_text("Versie van het themagroeplid.")).to_be_visible()
        second.get_by_role("link", name=re.compile(r"\d+ versies")).click()
        history = second.locator("main").inner_text()
        assert "Versie van de thematrekker." in history
        assert "Versie van het themagroeplid." in history
    finally:
        other.close()
    assert context.foreign_requests == [] and foreign == []
