"""Strategies per boundary partner: a strategy map per engagement beside the opgave's own,
strategies linked to the markers they aim at, and the engagement page showing per month the
strategies used beside the change seen and the performance journal."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import (
    PerformanceJournalEntry,
    Practice,
    PracticeNote,
    Strategy,
    StrategyJournalEntry,
)


def _strategy(title: str) -> Strategy | None:
    db.session.expire_all()
    return db.session.scalar(select(Strategy).where(Strategy.title == title))


def test_leader_adds_a_strategy_for_one_partner_aimed_at_a_marker(login, world):
    client = login("trekker1")
    engagement = world.engagement1_id
    page = client.get(f"/uitkomstuitdagingen/{engagement}/strategieen").get_data(as_text=True)
    assert "Strategiekaart voor VV Testclub" in page
    assert "E-1 Omgeving veranderen (fysiek of beleid)" in page
    assert "E-2 Informatie verspreiden" in page and "E-3 Netwerken van gelijken versterken" in page
    form = client.get(f"/uitkomstuitdagingen/{engagement}/strategieen/nieuw?soort=I-3")
    assert "Club neemt deel aan overleg" in form.get_data(as_text=True)
    response = client.post(
        f"/uitkomstuitdagingen/{engagement}/strategieen/nieuw",
        data={
            "type": "I-3",
            "title": "Coaching van het clubbestuur",
            "description": "Maandelijks gesprek.",
            "marker_ids": [str(world.marker_ids["like1"])],
        },
    )
    assert response.headers["Location"] == f"/uitkomstuitdagingen/{engagement}/strategieen"
    strategy = _strategy("Coaching van het clubbestuur")
    assert strategy.engagement_id == engagement and strategy.opgave_id == world.opgave1_id
    assert [m.id for m in strategy.markers] == [world.marker_ids["like1"]]
    detail = client.get(f"/strategieen/{strategy.id}").get_data(as_text=True)
    assert "Club organiseert les met school" in detail and "VV Testclub" in detail
    marker_page = client.get(f"/markeringen/{world.marker_ids['like1']}").get_data(as_text=True)
    assert "Coaching van het clubbestuur" in marker_page
    # The opgave's own map keeps its strategies apart and links to the partner's map.
    opgave_map = client.get(f"/opgaven/{world.opgave1_id}/strategieen").get_data(as_text=True)
    assert "Coaching van het clubbestuur" not in opgave_map
    assert f"/uitkomstuitdagingen/{engagement}/strategieen" in opgave_map


def test_a_strategy_cannot_aim_at_another_ladders_marker(login, world, app):
    client = login("trekker1")
    response = client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/strategieen/nieuw",
        data={"type": "I-1", "title": "Vreemd", "marker_ids": ["999999"]},
    )
    assert response.status_code == 400
    assert _strategy("Vreemd") is None


def test_member_and_other_leader_cannot_add_partner_strategies(login, world):
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/strategieen/nieuw"
    for user in ("lid1", "trekker2", "bestuur"):
        assert login(user).post(url, data={"type": "I-1", "title": "X"}).status_code == 403
    assert login("bestuur").get(url[: -len("/nieuw")]).status_code == 200


def test_engagement_page_shows_strategies_changes_and_performance_side_by_side(login, world):
    client = login("trekker1")
    client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/strategieen/nieuw",
        data={"type": "I-2", "title": "Trainerscursus", "description": ""},
    )
    strategy = _strategy("Trainerscursus")
    db.session.add(
        StrategyJournalEntry(
            strategy_id=strategy.id, period="2026-10", activities="Twee avonden cursus."
        )
    )
    entry = PerformanceJournalEntry(
        programme_id=world.programme_id, theme_id=world.theme1_id, period="2026-10"
    )
    entry.notes.append(PracticeNote(practice=Practice.feedback, rating=2))
    db.session.add(entry)
    db.session.flush()
    page = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    section = page.split('id="month-by-month-heading"')[1].split("</section>")[0]
    october = section.split("oktober 2026")[1].split("</tr>")[0]
    assert "Trainerscursus" in october and "Twee avonden cursus." in october
    assert "Contactpersoon aangewezen." in october
    assert "1 praktijk beoordeeld" in october


def test_theme_workbook_lists_partner_strategies_and_harvested_outcomes(login, world):
    import io

    from openpyxl import load_workbook

    client = login("trekker1")
    client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/strategieen/nieuw",
        data={
            "type": "E-2",
            "title": "Nieuwsbrief voor ouders",
            "marker_ids": [str(world.marker_ids["expect1"]), str(world.marker_ids["like1"])],
        },
    )
    client.post(
        "/uitkomsten/nieuw",
        data={
            "theme_id": str(world.theme1_id),
            "partner_id": str(world.partner_ids["club"]),
            "change": "=De club start een G-team.",
            "period": "2026-10",
        },
    )
    book = load_workbook(io.BytesIO(client.get(f"/themas/{world.theme1_id}/export.xlsx").data))
    strategies = list(book["Strategieën"].values)
    assert strategies[1][:4] == (
        "Beweegdiploma",
        "VV Testclub",
        "E-2 Informatie verspreiden",
        "Nieuwsbrief voor ouders",
    )
    assert strategies[1][5] == "Club neemt deel aan overleg | Club organiseert les met school"
    outcomes = list(book["Geoogste uitkomsten"].values)
    assert outcomes[1][:4] == ("2026-10", "VV Testclub", "ja", "'=De club start een G-team.")
