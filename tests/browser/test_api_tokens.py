"""A group member makes an API token on the profile page, uses it, and revokes it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot


def test_member_makes_uses_and_revokes_an_api_token(page, context, live_server):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    log_in(page, "lid1")
    page.goto("/profiel")
    page.get_by_role("link", name="API-tokens beheren").click()
    page.get_by_label("Naam van het token").fill("Spreadsheet themagroep")
    page.get_by_role("button", name="Token aanmaken").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("omt_")
    # The copy button works once api-tokens.js has loaded: wait for the page, as a person would.
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Kopiëren").click()
    expect(page.get_by_role("button", name="Gekopieerd")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    screenshot(page, "api-token-created")

    answer = context.request.get(
        f"{live_server}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["username"] == "lid1"

    page.goto("/profiel/tokens")
    assert secret not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("Token “Spreadsheet themagroep” is ingetrokken.")).to_be_visible()
    expect(page.get_by_text("Ingetrokken", exact=True)).to_be_visible()
    screenshot(page, "api-token-revoked")

    refused = context.request.get(
        f"{live_server}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401
    assert context.foreign_requests == []


def test_refused_copy_says_so_and_leaves_the_token_selected(page):
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('refused'));"
        "document.execCommand = () => false;"
    )
    log_in(page, "lid1")
    page.goto("/profiel/tokens")
    page.get_by_label("Naam van het token").fill("Zonder klembord")
    page.get_by_role("button", name="Token aanmaken").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    page.get_by_role("button", name="Kopiëren").click()
    expect(page.get_by_role("button", name="Geselecteerd: kopieer met Ctrl+C")).to_be_visible()
    selected = page.evaluate(
        "() => { const f = document.getElementById('new-token');"
        " return f.value.substring(f.selectionStart, f.selectionEnd); }"
    )
    assert selected == secret
