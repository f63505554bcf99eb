""" "Mijn maand" and promoting an unanticipated change to a new progress marker."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry, ProgressMarker, Tier
from omtracker.periods import add_months, current_period
from tests.journals_support import add_engagement, journal_url, payload

NOW = current_period()


def test_my_month_lists_what_is_still_to_write_overdue_first(client, world, login):
    late = add_engagement(world, partner_name="Zwemclub Achterstand", last_entry="2026-03")
    login("trekker1")
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "0 van 2 geschreven" in html
    todo = html.split("Nog te schrijven")[1].split("Geschreven")[0]
    assert todo.index("Zwemclub Achterstand") < todo.index("VV Testclub")
    assert "Achterstallig sinds" in todo
    assert journal_url(late, NOW) in todo
    assert journal_url(world.engagement1_id, NOW) in todo


def test_a_written_journal_moves_to_written_and_progress_counts_it(client, world, login):
    add_engagement(world, partner_name="Zwemclub Test", last_entry="2026-10")
    login("lid1")
    client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    entry = db.session.scalars(
        select(JournalEntry).where(
            JournalEntry.engagement_id == world.engagement1_id, JournalEntry.period == NOW
        )
    ).one()
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "1 van 2 geschreven" in html
    written = html.split("Geschreven")[-1]
    assert f'href="/logboeken/{entry.id}"' in written and "VV Testclub" in written


def test_engagement_not_due_this_month_is_not_listed(client, world, login):
    add_engagement(
        world,
        partner_name="Kwartaalclub",
        start=add_months(NOW, -1),
        last_entry=add_months(NOW, -1),
        frequency=3,
    )
    login("trekker1")
    assert "Kwartaalclub" not in client.get("/mijn-maand").get_data(as_text=True)


def test_my_month_shows_only_the_users_themes(client, world, login):
    add_engagement(world, partner_name="Sportpark Partner", opgave_id=world.opgave2_id)
    login("trekker2")
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "Sportpark Partner" in html and "VV Testclub" not in html


def test_coordinator_sees_all_themes_and_can_filter_by_theme(client, world, login):
    add_engagement(world, partner_name="Sportpark Partner", opgave_id=world.opgave2_id)
    login("regisseur")
    html = client.get("/mijn-maand").get_data(as_text=True)
    assert "Sportpark Partner" in html and "VV Testclub" in html
    assert 'name="thema"' in html
    filtered = client.get(f"/mijn-maand?thema={world.theme2_id}").get_data(as_text=True)
    assert "Sportpark Partner" in filtered and "VV Testclub" not in filtered
    # The filter travels with the "write" link so "Opslaan en volgende" stays in the theme.
    assert f"thema={world.theme2_id}" in filtered


def test_board_and_people_without_a_theme_have_no_my_month(client, world, login):
    login("bestuur")
    assert client.get("/mijn-maand").status_code == 403
    assert 'href="/mijn-maand"' not in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login("buiten")
    assert client.get("/mijn-maand").status_code == 403


def test_my_month_is_in_the_navigation_for_theme_members(client, world, login):
    login("lid1")
    assert 'href="/mijn-maand"' in client.get("/").get_data(as_text=True)


def test_my_month_for_another_month_and_bad_months(client, world, login):
    login("trekker1")
    html = client.get("/mijn-maand?maand=2026-10").get_data(as_text=True)
    assert "Mijn maand: oktober 2026" in html
    assert "1 van 1 geschreven" in html
    assert client.get("/mijn-maand?maand=2026-13").status_code == 400  # as on every page
    assert client.get(f"/mijn-maand?maand={add_months(NOW, 1)}").status_code == 400


def test_leader_promotes_an_unanticipated_change_to_a_marker_in_one_step(client, world, login):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.unanticipated_change = "Ouders sporten mee met hun kinderen."
    db.session.flush()
    login("trekker1")
    page = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert "Ouders sporten mee met hun kinderen.</textarea>" in page  # prefilled
    response = client.post(
        f"/logboeken/{entry.id}/markering",
        data={"tier": "like", "text": "Ouders sporten mee met hun kinderen.", "level": "2"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/logboeken/{entry.id}#nieuwe-markeringen"
    marker = db.session.scalars(
        select(ProgressMarker).where(ProgressMarker.origin_entry_id == entry.id)
    ).one()
    assert (marker.tier, marker.first_period, marker.engagement_id, marker.position) == (
        Tier.like,
        "2026-10",
        world.engagement1_id,
        1,
    )
    # Submitting twice does not make a second marker.
    client.post(
        f"/logboeken/{entry.id}/markering",
        data={"tier": "like", "text": "Ouders sporten mee met hun kinderen."},
    )
    assert (
        len(
            db.session.scalars(
                select(ProgressMarker).where(ProgressMarker.origin_entry_id == entry.id)
            ).all()
        )
        == 1
    )
    page = client.get(f"/logboeken/{entry.id}").get_data(as_text=True)
    assert "Uit dit logboek ontstane markeringen" in page
    # The new marker counts from that month: the next journal form asks for it.
    form = client.get(journal_url(world.engagement1_id, NOW)).get_data(as_text=True)
    assert f'name="level_{marker.id}"' in form


def test_promote_without_text_or_with_a_bad_tier_is_refused(client, world, login):
    login("trekker1")
    url = f"/logboeken/{world.entry_ids['2026-10']}/markering"
    empty = client.post(url, data={"tier": "like", "text": "  "})
    assert empty.status_code == 400
    assert "Beschrijf het gedrag" in empty.get_data(as_text=True)
    assert client.post(url, data={"tier": "super", "text": "x"}).status_code == 400
    assert (
        db.session.scalars(
            select(ProgressMarker).where(ProgressMarker.origin_entry_id.is_not(None))
        ).first()
        is None
    )
