"""A coordinator works with the partner registry in a real browser: find, add, import."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot


def test_coordinator_finds_adds_and_imports_partners(page, context, tmp_path):
    log_in(page, "regisseur")
    page.get_by_role("link", name="Grenspartners").first.click()
    page.wait_for_url("**/partners/")
    expect(page.get_by_role("heading", name="Grenspartners")).to_be_visible()
    expect(page.get_by_text("partners gevonden")).to_be_visible()
    screenshot(page, "partners-registry")

    page.get_by_label("Activiteit").select_option("actief")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**activiteit=actief**")
    first = page.locator("table.registry-table tbody th a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_role("heading", name="Betrokken bij opgaven")).to_be_visible()
    expect(page.get_by_role("heading", name="Logboekgeschiedenis")).to_be_visible()
    screenshot(page, "partners-detail")

    page.goto("/partners/nieuw")
    page.get_by_label("Naam").fill("Stichting Gemeente Assen")
    page.get_by_label("Soort organisatie").select_option("municipality")
    page.get_by_role("button", name="Opslaan").click()
    warning = page.get_by_text("Deze naam lijkt op een partner die al in het register staat")
    expect(warning).to_be_visible()
    screenshot(page, "partners-similar-warning")
    page.get_by_label("Toch aanmaken").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Stichting Gemeente Assen")).to_be_visible()

    csv = tmp_path / "partners.csv"
    csv.write_text(
        "naam;type;wijk\nZwemvereniging De Golf;Sportvereniging;Assen-Oost\n"
        "Schaakclub Paard;denksport;\n",
        encoding="utf-8",
    )
    page.goto("/partners/importeren")
    page.locator("#partners-file").set_input_files(str(csv))
    page.get_by_role("button", name="Bekijk voorbeeld").first.click()
    expect(page.get_by_text("Er is 1 fout gevonden. Er is niets geïmporteerd.")).to_be_visible()
    expect(page.get_by_text("Onbekende soort organisatie ‘denksport’")).to_be_visible()
    screenshot(page, "partners-import-errors")

    csv.write_text(
        "naam;type;wijk\nZwemvereniging De Golf;Sportvereniging;Assen-Oost\n", encoding="utf-8"
    )
    page.goto("/partners/importeren")
    page.locator("#partners-file").set_input_files(str(csv))
    page.get_by_role("button", name="Bekijk voorbeeld").first.click()
    expect(page.get_by_text("1 partner wordt aangemaakt")).to_be_visible()
    screenshot(page, "partners-import-preview")
    page.get_by_role("button", name="Importeren bevestigen").click()
    page.wait_for_url("**/partners/")
    expect(page.get_by_text("1 partner geïmporteerd.")).to_be_visible()
    assert context.foreign_requests == []
