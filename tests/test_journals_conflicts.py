"""No lost work: two people editing one journal, and two people creating the same month."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from omtracker.editing import EditConflict
from omtracker.extensions import db
from omtracker.journals import services
from omtracker.models import Engagement, JournalEntry, User
from omtracker.periods import current_period
from tests.journals_support import journal_url, payload, switch_to

NOW = current_period()


def test_second_save_of_the_same_version_gets_409_with_both_versions_and_keeps_input(
    client, world, login
):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    opened_version = entry.version
    login("trekker1")
    first = payload(world, version=opened_version, change_description="Versie van de trekker.")
    assert client.post(journal_url(world.engagement1_id, "2026-10"), data=first).status_code == 302

    switch_to(client, "lid1")
    mine = payload(world, version=opened_version, change_description="Versie van het lid.")
    mine[f"level_{world.marker_ids['love1']}"] = "1"
    mine[f"note_{world.marker_ids['love1']}"] = "Eerste stap naar borging."
    response = client.post(journal_url(world.engagement1_id, "2026-10"), data=mine)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert "Versie van de trekker." in html  # the stored version, in the panel
    assert "Versie van het lid.</textarea>" in html  # what I typed, still in the form
    assert "Eerste stap naar borging." in html
    assert re.search(rf'name="level_{world.marker_ids["love1"]}"[^>]*value="1"[^>]*checked', html)
    assert "Trekker1" in html  # who saved in between
    # The stored entry is untouched by the refused save.
    db.session.expire_all()
    stored = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    assert stored.change_description == "Versie van de trekker."
    # The form now carries the stored version: saving again, deliberately, succeeds.
    new_version = re.search(r'name="version" type="hidden" value="(\d+)"', html) or re.search(
        r'id="version" name="version" type="hidden" value="(\d+)"', html
    )
    assert new_version and int(new_version.group(1)) == stored.version
    mine["version"] = new_version.group(1)
    again = client.post(journal_url(world.engagement1_id, "2026-10"), data=mine)
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(JournalEntry, world.entry_ids["2026-10"]).change_description == (
        "Versie van het lid."
    )


def test_two_people_creating_the_same_month_get_a_conflict_not_an_error(client, world, login):
    login("trekker1")
    first = payload(world, change_description="Eerst geschreven.")
    assert client.post(journal_url(world.engagement1_id, NOW), data=first).status_code == 302
    switch_to(client, "lid1")
    # lid1 opened the empty form before trekker1 saved: no version.
    second = payload(world, version="", change_description="Tegelijk geschreven.")
    response = client.post(journal_url(world.engagement1_id, NOW), data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Eerst geschreven." in html and "Tegelijk geschreven." in html


def test_a_ratings_only_edit_also_bumps_the_version(client, world, login):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    version = entry.version
    login("trekker1")
    data = payload(world, version=version)
    client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    db.session.expire_all()
    bumped = db.session.get(JournalEntry, world.entry_ids["2026-10"]).version
    assert bumped > version
    data[f"level_{world.marker_ids['like1']}"] = "3"  # only a rating changes, on a stale form
    response = client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    assert response.status_code == 409
    assert "Club organiseert les met school" in response.get_data(as_text=True)


def _input(world) -> services.JournalInput:  # noqa: ANN001
    return services.JournalInput(
        texts={"change_description": "Race."},
        highlight=False,
        ratings={world.marker_ids["expect1"]: (2, "")},
        marker_ids=list(world.marker_ids.values()),
    )


def test_creating_an_entry_that_appeared_a_moment_ago_raises_a_conflict(app, world):
    """The last-instant race: the unique constraint is turned into EditConflict, not a 500."""
    engagement = db.session.get(Engagement, world.engagement1_id)
    author = db.session.scalars(select(User).where(User.username == "lid1")).one()
    with pytest.raises(EditConflict) as caught:
        services.save_journal(engagement, "2026-10", None, _input(world), author, "")
    assert caught.value.current.id == world.entry_ids["2026-10"]
    # The session is still usable and the stored entry unchanged.
    stored = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    assert stored.change_description == "Contactpersoon aangewezen."


def test_a_save_that_loses_the_race_at_the_database_raises_a_conflict(app, world):
    """Version checked in Python, then changed by someone else before the UPDATE."""
    engagement = db.session.get(Engagement, world.engagement1_id)
    author = db.session.scalars(select(User).where(User.username == "lid1")).one()
    entry = services.find_entry(world.engagement1_id, "2026-10")
    version = entry.version
    db.session.execute(
        update(JournalEntry)
        .where(JournalEntry.id == entry.id)
        .values(version=version + 1)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(EditConflict):
        services.save_journal(engagement, "2026-10", entry, _input(world), author, version)
