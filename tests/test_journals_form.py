"""Writing and editing the monthly outcome journal: ratings, contributors, revisions, months."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import (
    JournalContributor,
    JournalEntry,
    JournalRevision,
    MarkerRating,
)
from omtracker.periods import add_months, current_period
from tests.journals_support import add_engagement, journal_url, payload

NOW = current_period()


def checked_level(html: str, marker_id: int) -> str | None:
    """The value of the checked level radio of a marker in the rendered form."""
    for tag in re.findall(rf'<input[^>]*name="level_{marker_id}"[^>]*>', html):
        if " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def entry_for(engagement_id: int, period: str) -> JournalEntry | None:
    return db.session.scalars(
        select(JournalEntry).where(
            JournalEntry.engagement_id == engagement_id, JournalEntry.period == period
        )
    ).first()


def test_theme_leader_writes_a_new_journal_with_ratings_and_a_contributing_partner(
    client, world, login
):
    login("trekker1")
    response = client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    entry = entry_for(world.engagement1_id, NOW)
    assert entry is not None
    assert response.status_code == 302
    assert response.headers["Location"] == f"/logboeken/{entry.id}"
    levels = {r.marker_id: (r.level, r.note) for r in entry.ratings}
    assert levels == {
        world.marker_ids["expect1"]: (3, "Vaste deelnemer."),
        world.marker_ids["like1"]: (2, ""),
    }
    assert all(r.period == NOW for r in entry.ratings)
    assert [c.partner_id for c in entry.contributors] == [world.partner_ids["school"]]
    assert entry.change_description.startswith("De club hield")
    assert [(r.number, r.data["fields"]["lessons"]) for r in entry.revisions] == [
        (1, "Eerder beginnen met werven.")
    ]
    page = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert "Basisschool De Test" in page
    assert '<a href="https://example.org/verslag" rel="noopener noreferrer nofollow">' in page
    assert "Vaste deelnemer." in page


def test_form_shows_last_months_level_with_the_month_and_prefills_it(client, world, login):
    login("lid1")
    html = client.get(journal_url(world.engagement1_id, "2026-11")).get_data(as_text=True)
    assert "Logboek november 2026" in html
    assert "Vorige" in html and "okt 2026" in html
    assert checked_level(html, world.marker_ids["expect1"]) == "3"
    assert checked_level(html, world.marker_ids["like1"]) == "1"
    # Never rated: "Niet beoordeeld" stays chosen until the user picks a level.
    assert checked_level(html, world.marker_ids["love1"]) == ""
    assert "Nog nooit beoordeeld" in html
    for tier in ("Verwacht te zien", "Graag te zien", "Prachtig om te zien"):
        assert tier in html


def test_editing_shows_the_stored_levels_not_last_months(client, world, login):
    login("trekker1")
    html = client.get(journal_url(world.engagement1_id, "2026-10")).get_data(as_text=True)
    assert checked_level(html, world.marker_ids["expect1"]) == "3"
    assert checked_level(html, world.marker_ids["expect2"]) == "2"
    assert checked_level(html, world.marker_ids["love1"]) == ""
    assert "sep 2026" in html  # expect1 was last rated in September before October
    assert "Contactpersoon aangewezen." in html


def test_edit_records_revisions_and_shows_what_changed(client, world, login):
    login("trekker1")
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    data = payload(world, version=entry.version, change_description="Les twee keer gegeven.")
    data[f"level_{world.marker_ids['expect2']}"] = "2"
    response = client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    assert response.status_code == 302
    revisions = db.session.scalars(
        select(JournalRevision)
        .where(JournalRevision.entry_id == entry.id)
        .order_by(JournalRevision.number)
    ).all()
    # The state from before revisions were kept is frozen first, then the edit.
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].data["fields"]["change_description"] == "Contactpersoon aangewezen."
    assert revisions[1].data["fields"]["change_description"] == "Les twee keer gegeven."
    assert revisions[1].author.username == "trekker1"
    html = client.get(f"/logboeken/{entry.id}/versies").get_data(as_text=True)
    assert "Versie 2" in html and "Versie 1" in html
    assert "<del>Contactpersoon aangewezen.</del>" in html
    assert "<ins>Les twee keer gegeven.</ins>" in html
    assert "Club organiseert les met school" in html  # like1 went from Laag to Gemiddeld
    assert "+ Basisschool De Test" in html


def test_saving_without_changes_adds_no_revision(client, world, login):
    login("trekker1")
    client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    entry = entry_for(world.engagement1_id, NOW)
    version = entry.version
    client.post(journal_url(world.engagement1_id, NOW), data=payload(world, version=version))
    db.session.refresh(entry)
    assert entry.version == version
    assert len(entry.revisions) == 1


def test_choosing_not_rated_removes_the_rating_and_keeps_the_earlier_level(client, world, login):
    login("trekker1")
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    data = payload(world, version=entry.version)
    data[f"level_{world.marker_ids['expect1']}"] = ""
    client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    rated = db.session.scalars(
        select(MarkerRating.marker_id).where(MarkerRating.entry_id == entry.id)
    ).all()
    assert world.marker_ids["expect1"] not in rated


def test_one_entry_per_engagement_and_month(client, world, login):
    login("trekker1")
    client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    entry = entry_for(world.engagement1_id, NOW)
    client.post(
        journal_url(world.engagement1_id, NOW),
        data=payload(world, version=entry.version, lessons="Bijgewerkt."),
    )
    count = db.session.scalar(
        select(func.count(JournalEntry.id)).where(
            JournalEntry.engagement_id == world.engagement1_id, JournalEntry.period == NOW
        )
    )
    assert count == 1
    assert entry_for(world.engagement1_id, NOW).lessons == "Bijgewerkt."


def test_removing_a_contributor_deletes_the_network_link(client, world, login):
    login("trekker1")
    client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    entry = entry_for(world.engagement1_id, NOW)
    client.post(
        journal_url(world.engagement1_id, NOW),
        data=payload(world, version=entry.version, contributors=[]),
    )
    assert db.session.scalar(select(func.count(JournalContributor.id))) == 0


def test_invalid_month_is_not_found(client, world, login):
    login("trekker1")
    for bad in ("2026-13", "2026-00", "26-01", "november", "2026-1"):
        assert client.get(journal_url(world.engagement1_id, bad)).status_code == 404


def test_future_month_is_refused_with_a_clear_message(client, world, login):
    login("trekker1")
    response = client.get(journal_url(world.engagement1_id, add_months(NOW, 1)))
    assert response.status_code == 400
    assert "ligt in de toekomst" in response.get_data(as_text=True)
    posted = client.post(journal_url(world.engagement1_id, add_months(NOW, 1)), data=payload(world))
    assert posted.status_code == 400
    assert entry_for(world.engagement1_id, add_months(NOW, 1)) is None


def test_month_before_the_engagement_started_is_refused(client, world, login):
    login("trekker1")
    response = client.get(journal_url(world.engagement1_id, "2025-12"))
    assert response.status_code == 400
    assert "begon in januari 2026" in response.get_data(as_text=True)


def test_unknown_engagement_is_not_found(client, world, login):
    login("trekker1")
    assert client.get(journal_url(999999, NOW)).status_code == 404


def test_validation_error_keeps_everything_typed(client, world, login):
    login("trekker1")
    data = payload(world)
    data[f"level_{world.marker_ids['expect1']}"] = "7"
    data["lessons"] = "Mijn zorgvuldig getypte les."
    response = client.post(journal_url(world.engagement1_id, NOW), data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kies geen, laag, gemiddeld of hoog." in html
    assert "Mijn zorgvuldig getypte les." in html
    assert "Vaste deelnemer." in html
    assert checked_level(html, world.marker_ids["like1"]) == "2"
    assert re.search(rf'value="{world.partner_ids["school"]}"[^>]*checked', html)
    assert entry_for(world.engagement1_id, NOW) is None


def test_an_empty_journal_is_refused(client, world, login):
    login("trekker1")
    data = {"version": "", "action": "save"}
    response = client.post(journal_url(world.engagement1_id, NOW), data=data)
    assert response.status_code == 400
    assert "Beoordeel minstens één markering" in response.get_data(as_text=True)


def test_contributor_from_another_programme_is_refused(client, world, login):
    login("trekker1")
    data = payload(world, contributors=[str(world.partner_ids["elders"])])
    response = client.post(journal_url(world.engagement1_id, NOW), data=data)
    assert response.status_code == 400
    assert entry_for(world.engagement1_id, NOW) is None


def test_too_long_text_is_refused_and_kept(client, world, login):
    login("trekker1")
    response = client.post(
        journal_url(world.engagement1_id, NOW), data=payload(world, lessons="x" * 10_001)
    )
    assert response.status_code == 400
    assert "De club hield de eerste beweegles" in response.get_data(as_text=True)


def test_save_and_next_goes_to_the_next_engagement_still_to_write(client, world, login):
    other = add_engagement(world, partner_name="Zwemclub Test", last_entry="2026-06")
    login("trekker1")
    response = client.post(
        journal_url(world.engagement1_id, NOW), data=payload(world, action="next")
    )
    assert response.status_code == 302
    assert response.headers["Location"] == journal_url(other, NOW)


def test_save_and_next_when_everything_is_written_goes_to_my_month(client, world, login):
    login("trekker1")
    response = client.post(
        journal_url(world.engagement1_id, NOW), data=payload(world, action="next")
    )
    assert response.headers["Location"] == f"/mijn-maand?maand={NOW}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Alle logboeken voor" in page


def test_entry_page_shows_stage_ratings_and_movement(client, world, login):
    login("bestuur")
    html = client.get(f"/logboeken/{world.entry_ids['2026-10']}").get_data(as_text=True)
    assert "Fase in oktober 2026" in html
    assert "Verwacht: 2 van 2 bereikt (100%)" in html
    assert "Verwacht bereikt" in html
    assert "gestegen" in html  # expect1 went from medium to high
    assert "Bewerken" not in html  # the board reads only


def test_entry_page_and_revisions_of_another_programme_are_not_found(client, world, login):
    login("anderregisseur")
    assert client.get(f"/logboeken/{world.entry_ids['2026-10']}").status_code == 404
    assert client.get(f"/logboeken/{world.entry_ids['2026-10']}/versies").status_code == 404
