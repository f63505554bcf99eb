"""In Chromium at 390 px: a coordinator asks a partner "klopt dit?" from a journal entry; the
contact person opens the mailed link on a phone without an account and confirms; the journal
then shows "bevestigd door de partner"."""

from __future__ import annotations

import email
import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

OUTBOX = Path(__file__).resolve().parents[2] / "instance" / "outbox"
PHONE = {"width": 390, "height": 844}


def _newest_link_after(started: float) -> str:
    """The klopt-dit link of the newest mail: as queued in the live app's database (in the same
    transaction as the request), or as written to instance/outbox/ once delivered."""
    from sqlalchemy import select

    from omtracker.extensions import db
    from omtracker.models import OutgoingMail
    from tests.browser.conftest import LIVE

    pattern = re.compile(r"https?://\S+?(/klopt-dit/[A-Za-z0-9_-]{43})\s")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with LIVE["app"].app_context():  # type: ignore[attr-defined]
            texts = db.session.scalars(
                select(OutgoingMail.text).order_by(OutgoingMail.id.desc()).limit(5)
            ).all()
            db.session.remove()
        for text in texts:
            found = pattern.search(text + "\n")
            if found:
                return found.group(1)
        for path in sorted(OUTBOX.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.stat().st_mtime < started:
                break
            message = email.message_from_bytes(path.read_bytes())
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    found = pattern.search(part.get_payload(decode=True).decode())
                    if found:
                        return found.group(1)
        time.sleep(0.1)
    raise AssertionError("no klopt-dit mail queued or in the outbox")


def test_a_partner_confirms_on_a_phone_and_the_journal_shows_it(browser, live_server):
    writer = browser.new_context(base_url=live_server, locale="nl-NL", viewport=PHONE)
    page = writer.new_page()
    log_in(page, "regisseur")
    # The first demo partners have a contact address under example.org; take one of their own
    # journals (a partner page also links journals that merely mention it).
    ask = page.get_by_role("button", name="Vraag de partner: klopt dit?")
    hrefs = []
    for partner_id in range(1, 6):
        page.goto(f"/partners/{partner_id}")
        links = page.locator("a[href^='/logboeken/']:not([href*='bijlagen'])")
        hrefs += [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        page.goto(href)
        if ask.count():
            break
    started = time.time() - 1
    ask.click()
    expect(page.get_by_text("wacht op antwoord")).to_be_visible()
    entry_url = page.url.split("#")[0]
    link = _newest_link_after(started)

    partner = browser.new_context(base_url=live_server, locale="nl-NL", viewport=PHONE)
    phone = partner.new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Klopt dit?")).to_be_visible()
    phone.get_by_label("Ja, dit klopt").check()
    phone.get_by_role("button", name="Antwoord versturen").click()
    expect(phone.get_by_text("Bedankt voor je antwoord")).to_be_visible()
    screenshot(phone, "partner-confirmation-390")
    phone.goto(link)
    expect(phone.get_by_text("Deze link is al gebruikt")).to_be_visible()

    page.goto(entry_url)
    expect(page.get_by_text("bevestigd door de partner").first).to_be_visible()
    partner.close()
    writer.close()
