"""A group member makes an API token on the profile page, uses it, and revokes it."""

from __future__ import annotations

from tests.browser.conftest import log_in, screenshot


def test_member_makes_uses_and_revokes_an_api_token(page, context, live_server):
    log_in(page, "lid1")
    page.goto("/profiel")
    page.get_by_role("link", name="API-tokens beheren").click()
    page.get_by_label("Naam van het token").fill("Spreadsheet themagroep")
    page.get_by_role("button", name="Token aanmaken").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("omt_")
    page.get_by_role("button", name="Kopiëren").click()
    assert page.get_by_role("button", name="Gekopieerd").is_visible()
    screenshot(page, "api-token-created")

    answer = context.request.get(
        f"{live_server}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["username"] == "lid1"

    page.goto("/profiel/tokens")
    assert secret not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Intrekken").click()
    assert page.get_by_text("Token “Spreadsheet themagroep” is ingetrokken.").is_visible()
    assert page.get_by_text("Ingetrokken", exact=True).is_visible()
    screenshot(page, "api-token-revoked")

    refused = context.request.get(
        f"{live_server}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401
    assert context.foreign_requests == []
