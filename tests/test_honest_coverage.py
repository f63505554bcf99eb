"""Honest coverage (DESIGN.md §3 rule 5): a journal counts as written only when it records an
observation — a changed level, a text, or an explicit "geen verandering gezien"."""

from __future__ import annotations

from omtracker.metrics import Coverage, Scope, coverage
from omtracker.periods import current_period
from tests.journals_support import journal_url

NOW = current_period()  # November 2026; October rated expect1=3, expect2=2, like1=1


def _october_levels(world, **extra):  # noqa: ANN001, ANN003, ANN202
    """The form as it comes pre-filled: last month's levels, nothing typed."""
    m = world.marker_ids
    data = {
        "version": "",
        f"level_{m['expect1']}": "3",
        f"level_{m['expect2']}": "2",
        f"level_{m['like1']}": "1",
        "action": "save",
    }
    data.update(extra)
    return data


def test_saving_last_months_levels_unchanged_is_not_a_written_journal(client, world, login):
    login("trekker1")
    response = client.post(journal_url(world.engagement1_id, NOW), data=_october_levels(world))
    assert response.status_code == 302
    assert coverage(Scope(world.programme_id), NOW) == Coverage(0, 1)


def test_confirming_no_change_counts_and_is_shown_as_such(client, world, login):
    login("trekker1")
    data = _october_levels(world, no_change_seen="y")
    assert client.post(journal_url(world.engagement1_id, NOW), data=data).status_code == 302
    assert coverage(Scope(world.programme_id), NOW) == Coverage(1, 1, unchanged=1)
    login("regisseur")
    page = client.get(f"/dashboard/?maand={NOW}").get_data(as_text=True)
    assert "waarvan 1 geen verandering gezien" in page


def test_a_changed_level_or_a_text_counts(client, world, login):
    login("trekker1")
    changed = _october_levels(world, **{f"level_{world.marker_ids['like1']}": "2"})
    assert client.post(journal_url(world.engagement1_id, NOW), data=changed).status_code == 302
    assert coverage(Scope(world.programme_id), NOW) == Coverage(1, 1)


def test_a_text_alone_counts(client, world, login):
    login("trekker1")
    data = _october_levels(world, change_description="De club plande de lessen.")
    assert client.post(journal_url(world.engagement1_id, NOW), data=data).status_code == 302
    assert coverage(Scope(world.programme_id), NOW) == Coverage(1, 1)
