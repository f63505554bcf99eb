"""Forms tell what is wrong at the top and never cut text silently (issue 14, NL Design System /
GOV.UK error summary)."""

from __future__ import annotations

import re

from tests.journals_support import journal_url, payload

NOW = "2026-11"


def test_too_long_journal_text_gets_a_summary_linking_to_the_field_and_is_kept_whole(
    client, world, login
):
    login("trekker1")
    pasted = "Een lange waarneming. " * 546  # 12,012 characters, the limit is 10,000
    response = client.post(
        journal_url(world.engagement1_id, NOW), data=payload(world, lessons=pasted)
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = html[html.index('class="alert alert-danger error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'tabindex="-1"' in summary  # takes the focus (static/js/app.js)
    assert re.search(
        r'<a href="#lessons">Lessen en benodigde aanpassingen: Hoogstens 10000 tekens; '
        r"deze tekst heeft er 12012\.",
        summary,
    )
    assert pasted.strip() in html  # nothing cut: the whole text is back in the form


def test_long_text_fields_show_their_limit_instead_of_cutting_pasted_text(client, world, login):
    login("trekker1")
    html = client.get(journal_url(world.engagement1_id, NOW)).get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*id="lessons"[^>]*>', html).group(0)
    assert "maxlength" not in textarea.replace("data-maxlength", "")
    assert 'data-maxlength="10000"' in textarea
    assert 'aria-describedby="lessons-count' in textarea or "lessons-count" in textarea
    assert 'id="lessons-count"' in html and "Hoogstens 10.000 tekens." in html
