"""In Chromium: a file over the limit is refused before anything is sent; the file input is
cleared, a message appears beside it, and everything else the user typed stays."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

STORY = "De vereniging hield een open dag; dertig kinderen deden mee."


def open_a_journal(page) -> None:  # noqa: ANN001
    log_in(page, "trekker1")
    page.goto("/mijn-maand")
    page.locator("a[href*='/logboek/']").first.click()
    page.wait_for_url(re.compile(r"/logboek/\d{4}-\d{2}$"))


def watch_posts(page) -> list[str]:  # noqa: ANN001
    """The form submissions the page sends (the drafts script's own saves are not one)."""
    posts: list[str] = []

    def seen(request) -> None:  # noqa: ANN001
        if request.method == "POST" and "/concepten" not in request.url:
            posts.append(request.url)

    page.on("request", seen)
    return posts


def test_a_too_large_journal_attachment_is_refused_and_the_text_stays(page, context):
    open_a_journal(page)
    posts = watch_posts(page)
    form_url = page.url
    files = page.locator("#files")
    per_file = int(files.get_attribute("data-max-bytes"))
    request_max = int(page.locator("body").get_attribute("data-upload-max-bytes"))
    assert per_file < request_max  # the stricter limit per file applies

    page.get_by_label("Beschrijving van de verandering").fill(STORY)
    page.get_by_label("Lessen en benodigde aanpassingen").fill("Eerder aankondigen.")
    files.set_input_files(
        {"name": "film.pdf", "mimeType": "application/pdf", "buffer": b"x" * (per_file + 1)}
    )

    message = page.locator("#files-size-error")
    expect(message).to_have_text(
        "film.pdf is te groot; het maximum is 10 MB. "
        "Kies een kleiner bestand; de rest van het formulier blijft staan."
    )
    expect(message).to_have_class(re.compile(r"\binvalid-feedback\b"))
    expect(message).to_have_attribute("aria-live", "assertive")
    expect(files).to_have_attribute("aria-describedby", "files-help files-size-error")
    expect(files).to_have_attribute("aria-invalid", "true")
    assert files.evaluate("input => input.files.length") == 0
    expect(page.get_by_label("Beschrijving van de verandering")).to_have_value(STORY)
    expect(page.get_by_label("Lessen en benodigde aanpassingen")).to_have_value(
        "Eerder aankondigen."
    )
    screenshot(page, "journal-file-too-large")

    # A file that is fine takes the message away again.
    files.set_input_files({"name": "verslag.txt", "mimeType": "text/plain", "buffer": b"ok"})
    expect(message).to_be_empty()
    expect(files).not_to_have_attribute("aria-invalid", "true")
    assert page.url == form_url and posts == []
    assert context.foreign_requests == []


def test_a_too_large_file_that_slipped_past_is_stopped_at_submit(page, context):
    """A file put in without a change event (a script, an old browser) is caught on submit."""
    open_a_journal(page)
    posts = watch_posts(page)
    form_url = page.url
    page.get_by_label("Beschrijving van de verandering").fill(STORY)
    page.locator("#files").evaluate(
        """(input) => {
            const transfer = new DataTransfer();
            const size = Number(input.dataset.maxBytes) + 1;
            transfer.items.add(new File([new Uint8Array(size)], "groot.pdf"));
            input.files = transfer.files;
        }"""
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.locator("#files-size-error")).to_contain_text("groot.pdf is te groot")
    expect(page.locator("#files")).to_be_focused()
    assert page.locator("#files").evaluate("input => input.files.length") == 0
    expect(page.get_by_label("Beschrijving van de verandering")).to_have_value(STORY)
    assert page.url == form_url and posts == []


def test_an_import_file_over_the_request_limit_is_refused(page, context):
    """The import form's own limit (2 MB) is stricter than the request limit, and both hold."""
    log_in(page, "regisseur")
    page.goto("/partners/importeren")
    posts = watch_posts(page)
    page.locator("#partners-file").evaluate(
        """(input) => {
            const transfer = new DataTransfer();
            const size = Number(document.body.dataset.uploadMaxBytes) + 1;
            transfer.items.add(new File([new Uint8Array(size)], "register.csv"));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }"""
    )
    message = page.locator("#partners-file-size-error")
    expect(message).to_contain_text("Het bestand is groter dan 2 MB.")
    expect(page.locator("#partners-file")).to_have_attribute(
        "aria-describedby", "partners-file-help partners-file-size-error"
    )
    assert page.locator("#partners-file").evaluate("input => input.files.length") == 0
    page.get_by_role("button", name="Bekijk voorbeeld").first.click()
    # Empty now, so the server answers the usual "choose a file"; nothing large was sent.
    expect(page.get_by_text("Kies een bestand om te importeren.")).to_be_visible()
    assert len(posts) == 1
    assert context.foreign_requests == []
