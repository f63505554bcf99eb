"""The whole journal workflow with the keyboard alone (WCAG 2.1.1): no mouse, no element clicks.

A theme leader tabs into the login form, follows "Mijn maand" in the main menu, opens the first
journal still to write, sets marker levels with the arrow keys, types what changed, finds and
ticks a contributing partner, and saves with the keyboard. Only `page.keyboard` is used to act;
the page's state is read with `evaluate` to decide when to stop tabbing and what to check.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot

DESCRIPTION = "De vereniging nodigde deze maand zelf twee scholen uit voor een open les."
# The level radios of a marker, in the order the arrow keys walk through them.
LEVELS = ["", "0", "1", "2", "3"]
LEVEL_NAMES = {"0": "Geen", "1": "Laag", "2": "Gemiddeld", "3": "Hoog"}
FOCUSED_LINE = """el => {
  if (!el || el === document.body) return "(body)";
  const text = (el.innerText || el.value || "").trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}#${el.id}[${el.getAttribute("name") || ""}] ${text}`;
}"""


def focused(page, predicate: str):  # noqa: ANN001, ANN201
    """Evaluate a JS predicate `el => ...` on the element that has the keyboard focus."""
    return page.evaluate(f"({predicate})(document.activeElement)")


def tab_to(page, predicate: str, limit: int = 250, in_view: bool = False) -> None:  # noqa: ANN001
    """Press Tab until the focused element matches; fail after `limit` presses.
    With `in_view`, every element passed on the way must be visible on screen."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if in_view:
            assert focus_in_view(page), f"{focused(page, FOCUSED_LINE)} is out of sight"
        if focused(page, predicate):
            return
        seen.append(focused(page, FOCUSED_LINE))
    raise AssertionError(f"{predicate} never got the focus; last: {seen[-5:]}")


def focus_is_visible(page) -> bool:  # noqa: ANN001
    """A solid ring of at least 2px around the element (or around the label of a hidden radio),
    not Bootstrap's faint blue shadow alone (static/css/app.css)."""
    return focused(
        page,
        """el => {
          const seen = el.classList.contains("btn-check") ? el.labels[0] : el;
          const style = getComputedStyle(seen);
          return style.outlineStyle === "solid" && parseFloat(style.outlineWidth) >= 2
                 && !style.outlineColor.endsWith(", 0)") && style.outlineColor !== "transparent";
        }""",
    )


def focus_in_view(page) -> bool:  # noqa: ANN001
    """The focused element is on screen and not hidden behind the form's sticky save bar."""
    return focused(
        page,
        """el => {
          const seen = el.classList.contains("btn-check") ? el.labels[0] : el;
          const box = seen.getBoundingClientRect();
          const bar = document.querySelector(".jl-actions");
          const bottom = bar && !bar.contains(el) ? bar.getBoundingClientRect().top : innerHeight;
          return box.top >= 0 && box.bottom <= bottom;
        }""",
    )


def choose_level(page, level: str) -> None:  # noqa: ANN001
    """With focus in a marker's radio group, walk with the arrow keys to `level`."""
    current = focused(page, "el => el.form.elements[el.name].value")
    for _ in range((LEVELS.index(level) - LEVELS.index(current)) % len(LEVELS)):
        page.keyboard.press("ArrowRight")
    assert focused(page, "el => el.checked && el.value") == level


def test_theme_leader_writes_a_journal_with_the_keyboard_only(page, context):
    page.emulate_media(reduced_motion="reduce")  # no smooth scrolling: screenshots show the focus
    page.goto("/login")
    tab_to(page, "el => el.id === 'username'")
    page.keyboard.type("trekker1")
    page.keyboard.press("Tab")
    assert focused(page, "el => el.id") == "password"
    page.keyboard.type("omtracker-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))

    tab_to(page, "el => el.matches('nav a.nav-link') && el.textContent.trim() === 'Mijn maand'")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn-maand")

    # The first journal still to write: the first "Schrijven" link in "Nog te schrijven".
    tab_to(page, "el => el.matches('section[aria-labelledby=todo-heading] a.btn')")
    journal_url = focused(page, "el => el.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{journal_url}")
    partner = page.locator("h1").inner_text().split(": ", 1)[1]

    # Two markers get a new level, chosen with the arrow keys inside their radio group.
    markers = page.evaluate(
        "() => [...document.querySelectorAll('fieldset.jl-marker legend')].map(l => l.innerText)"
    )
    assert len(markers) >= 2, "the first journal to write should have a ladder of markers"
    chosen = {}
    for index in (0, 1):
        tab_to(
            page,
            f"el => el.type === 'radio' && el.closest('fieldset') === "
            f"document.querySelectorAll('fieldset.jl-marker')[{index}]",
            in_view=True,
        )
        current = focused(page, "el => el.form.elements[el.name].value")
        level = "3" if current != "3" else "1"
        choose_level(page, level)
        assert focus_in_view(page)
        chosen[markers[index]] = LEVEL_NAMES[level]
    assert focus_is_visible(page)
    screenshot(page, "keyboard-journal-level-focus")

    tab_to(page, "el => el.id === 'change_description'", in_view=True)
    page.keyboard.type(DESCRIPTION)
    assert focus_in_view(page)

    # A contributing partner: type in the search box, then tab to the first match and tick it.
    contributor = page.evaluate(
        """() => [...document.querySelectorAll('#contributor-list input:not(:checked)')]
                  .map(input => input.labels[0].innerText.trim())[0]"""
    )
    tab_to(page, "el => el.matches('input.jl-filter')", in_view=True)
    page.keyboard.type(contributor)
    tab_to(page, "el => el.name === 'contributors' && !el.checked")
    assert focused(page, "el => el.labels[0].innerText.trim()") == contributor
    page.keyboard.press("Space")
    assert focused(page, "el => el.checked")
    assert focus_in_view(page)
    assert focus_is_visible(page)
    page.screenshot(path=str(ARTIFACTS / "keyboard-journal-contributor-focus.png"))

    tab_to(page, "el => el.tagName === 'BUTTON' && el.value === 'save'", in_view=True)
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/logboeken/\d+$"))

    # The saved entry shows what was entered.
    assert page.get_by_role("heading", level=1).inner_text().endswith(partner)
    expect(page.get_by_text(DESCRIPTION)).to_be_visible()
    contributors = page.locator("section[aria-labelledby=contrib-heading] ul")
    assert contributor in contributors.inner_text()
    for marker, level in chosen.items():
        row = page.locator("tr", has=page.locator("th", has_text=marker))
        assert row.locator("td").nth(1).inner_text().startswith(level), marker
    screenshot(page, "keyboard-journal-saved")
    assert context.foreign_requests == []
