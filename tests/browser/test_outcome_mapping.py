"""In Chromium, one opgave walked through Outcome Mapping: the vision where people work, a strategy
map for one partner with a strategy aimed at a marker, the theme's monitoring plan, one month of
strategy, outcome and performance journals side by side, the evaluation plan, and a harvested
outcome promoted from the journal.

Works in theme 3 (trekker3) so the other browser tests' themes stay as the demo made them.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from omtracker.periods import current_period
from tests.browser.conftest import log_in, screenshot
from tests.themes_support import month_nl

THEME = "Vitale aanbieders en positief sportklimaat"
OPGAVE = "Versterken van het kader"


def test_one_opgave_walked_through_outcome_mapping(page, context):
    page.on("dialog", lambda dialog: dialog.accept())
    month = month_nl(current_period())
    log_in(page, "trekker3")

    # 1. The vision and mission are where people work: the overview and the theme page.
    expect(page.locator(".ambition")).to_contain_text("Sportstad Assen stimuleert")
    expect(page.locator(".mission-text")).to_contain_text("Iedere inwoner")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Thema’s").click()
    page.get_by_role("link", name=THEME).click()
    page.wait_for_url(re.compile(r".*/themas/\d+$"))
    theme_url = page.url
    expect(page.get_by_role("heading", name=re.compile("Visie en missie van"))).to_be_visible()
    expect(page.locator(".vision-text")).to_contain_text("Sportstad Assen stimuleert")

    # 2. The theme's monitoring plan, valid from this month.
    page.get_by_role("link", name="Monitoringsplan").click()
    page.get_by_role("link", name="Plan schrijven of bijwerken").click()
    page.get_by_label("Wat volgen we").fill("De ladders van de clubs en de kaderstrategieën.")
    page.get_by_label("Door wie").fill("De thematrekker met de clubkadercoaches.")
    page.get_by_label("Hoe vaak").fill("Elke maand, kwartaalgesprek in de themagroep.")
    page.get_by_label("Wat doen we met de informatie").fill("Strategieën bijsturen.")
    page.get_by_label("Uitkomstenlogboek van grenspartners").select_option(label="Elke maand")
    page.get_by_role("button", name="Monitoringsplan opslaan").click()
    expect(page.get_by_text("Monitoringsplan opgeslagen.")).to_be_visible()
    expect(page.locator(".monitoring-plan-current")).to_contain_text("kaderstrategieën")
    screenshot(page, "om-monitoring-plan")

    # 3. A strategy map for one partner, with a strategy aimed at one of its markers.
    page.goto(theme_url)
    page.get_by_role("link", name=OPGAVE).click()
    page.get_by_role("link", name="Strategiekaart", exact=True).click()
    partner_link = page.locator("#partner-maps + ul a").first
    partner = partner_link.inner_text()
    partner_link.click()
    page.wait_for_url(re.compile(r".*/uitkomstuitdagingen/\d+/strategieen$"))
    engagement_path = re.search(r"/uitkomstuitdagingen/\d+", page.url).group(0)
    expect(page.get_by_role("heading", name=f"Strategiekaart voor {partner}")).to_be_visible()
    expect(page.get_by_text("E-3 Netwerken van gelijken versterken").first).to_be_visible()
    page.get_by_role("link", name="Toevoegen I-3 Ondersteunend").click()
    page.get_by_label("Titel").fill("Maandelijkse kadercoaching")
    marker = page.locator("input[name=marker_ids]").first
    marker_text = page.locator(f"label[for={marker.get_attribute('id')}]").inner_text()
    marker.check()
    page.get_by_role("button", name="Strategie opslaan").click()
    expect(page.get_by_text("gericht op 1 markering")).to_be_visible()
    screenshot(page, "om-partner-strategy-map")

    # 4. This month's strategy journal for it.
    page.get_by_role("link", name="Maandelijkse kadercoaching").click()
    expect(page.locator(".strategy-markers")).to_contain_text(marker_text.split(": ", 1)[1][:30])
    page.get_by_role("link", name=f"Logboek {month} schrijven").click()
    page.get_by_label("Uitgevoerde activiteiten").fill("Twee coachgesprekken met het bestuur.")
    page.get_by_role("button", name="Logboek opslaan").click()
    expect(page.get_by_text(f"Strategielogboek voor {month} opgeslagen.")).to_be_visible()

    # 5. This month's performance journal of the theme.
    page.goto(theme_url)
    page.get_by_role("link", name="Prestatielogboek (organisatiepraktijken)").click()
    page.get_by_role("link", name=re.compile("Prestatielogboek voor")).click()
    feedback = page.get_by_role("group", name="2. Feedback vragen van sleutelinformanten")
    feedback.get_by_label("Voorbeeld").fill("Rondetafel met drie clubvoorzitters.")
    feedback.get_by_label("Hoe goed gevolgd").select_option(label="Gemiddeld")
    page.get_by_role("button", name="Prestatielogboek opslaan").click()
    expect(page.get_by_text(re.compile("Prestatielogboek voor .* opgeslagen."))).to_be_visible()

    # 6. This month's outcome journal for the partner, with an unanticipated change.
    page.goto(engagement_path)
    engagement_url = page.url
    page.get_by_role("link", name=re.compile(f"Logboek (schrijven voor|van) {month}")).click()
    page.get_by_label("Beschrijving van de verandering").fill(
        "Het bestuur stelde een vrijwilligerscoördinator aan."
    )
    page.get_by_label("Onverwachte verandering").fill(
        "Een buurtclub vroeg of ze mocht aansluiten bij de kadercoaching."
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r"/logboeken/\d+$"))
    entry_url = page.url

    # The engagement page shows the month side by side: what we did, what changed, how we worked.
    page.goto(engagement_url)
    row = page.locator(".side-by-side tbody tr").filter(has_text=month).first
    expect(row).to_contain_text("Maandelijkse kadercoaching")
    expect(row).to_contain_text("Twee coachgesprekken met het bestuur.")
    expect(row).to_contain_text("Het bestuur stelde een vrijwilligerscoördinator aan.")
    expect(row).to_contain_text("1 praktijk beoordeeld")
    page.locator("#month-by-month-heading").scroll_into_view_if_needed()
    screenshot(page, "om-month-side-by-side")

    # 7. The unanticipated change becomes a harvested outcome in one step.
    page.goto(entry_url)
    page.get_by_role("link", name="Vastleggen als geoogste uitkomst").click()
    expect(page.get_by_label("Wat veranderde")).to_have_value(
        "Een buurtclub vroeg of ze mocht aansluiten bij de kadercoaching."
    )
    page.get_by_label("Waarom dit belangrijk is").fill("Het kader groeit buiten de vaste clubs.")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("Uitkomst vastgelegd uit het logboek.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Uitkomstenlogboek van"))).to_be_visible()
    screenshot(page, "om-harvested-outcome")
    page.get_by_role("link", name="Geoogste uitkomsten").first.click()
    expect(page.get_by_text("Een buurtclub vroeg of ze mocht aansluiten")).to_be_visible()

    # 8. The coordinator keeps the programme's evaluation plan.
    context.clear_cookies()
    log_in(page, "regisseur")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Outcome Mapping"
    ).click()
    page.get_by_role("link", name="Evaluatieplan").click()
    page.get_by_role("link", name="Evaluatie toevoegen").click()
    page.get_by_label("Evaluatievraag").fill("Versterkt de kadercoaching het bestuur van clubs?")
    page.get_by_label("Wie gebruikt de bevindingen").fill("Regiegroep en themagroep 3")
    page.get_by_label("Methoden").fill("Contributieanalyse op de logboeken")
    page.get_by_label("Kosten (euro)").fill("1500")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("Versterkt de kadercoaching het bestuur van clubs?")).to_be_visible()
    expect(page.get_by_text("€ 1.500")).to_be_visible()
    screenshot(page, "om-evaluation-plan")
