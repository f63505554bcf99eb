"""Reading the themes area: index, theme page, opgave page and strategy map, in Dutch,
with the same numbers as the metrics, for every reader, in a fixed number of queries."""

from __future__ import annotations

import pytest
from flask import url_for

from omtracker.models import Rag
from omtracker.periods import add_months, current_period
from tests.themes_support import add_status, add_strategy, add_strategy_entry, grow_theme, month_nl


def test_themes_index_lists_themes_per_building_block_with_leaders_and_status(app, login, world):
    add_status(world.theme1_id, current_period(), Rag.attention)
    client = login("bestuur")
    html = client.get("/themas").get_data(as_text=True)
    assert "Jong geleerd" in html and "Sportparken" in html
    assert "Elders" not in html  # another programme's theme
    assert html.index("Hardware") < html.index("Sportparken") < html.index("Software")
    assert html.index("Software") < html.index("Jong geleerd")
    assert "Trekker1" in html and "Trekker2" in html
    assert "Aandacht nodig" in html
    assert "nog niet gezet" in html  # theme 2 has no status this month


def test_nav_shows_themes_to_logged_in_users(login, world):
    html = login("lid1").get("/").get_data(as_text=True)
    assert 'href="/themas"' in html and "Thema’s" in html


def test_themes_require_login(client, world):
    response = client.get(f"/themas/{world.theme1_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_theme_page_shows_opgaven_members_coverage_and_status(app, login, world):
    period = current_period()
    add_status(world.theme1_id, period, Rag.on_track, "Alles loopt.")
    add_status(world.theme1_id, add_months(period, -1), Rag.off_track, "Vorige maand slecht.")
    html = login("lid1").get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Beweegdiploma" in html and f"/opgaven/{world.opgave1_id}" in html
    assert "Sportpark overdag" not in html  # theme 2's opgave
    assert "Trekker1" in html and "Lid1" in html
    # engagement 1 is due every month since January 2026 and has no entry this month
    assert f"0 van 1 partnerlogboeken geschreven voor {month_nl(period)}" in html
    assert "Alles loopt." in html and "Vorige maand slecht." in html
    assert "Op koers" in html and "Niet op koers" in html
    # a member sees no leader buttons
    assert "Nieuwe opgave" not in html and "Maandstatus zetten" not in html


def test_theme_page_shows_stage_distribution_of_each_opgave(login, world):
    # October: expect1 high, expect2 medium → expect tier 2/2 reached; like 0/1 → "expect"
    html = login("trekker1").get(f"/themas/{world.theme1_id}?maand=2026-10").get_data(as_text=True)
    assert "1 × Verwacht bereikt" in html
    assert "1 van 1 partnerlogboeken geschreven voor oktober 2026" in html


def test_theme_leader_sees_the_buttons_of_what_they_may_do(login, world):
    html = login("trekker1").get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Nieuwe opgave" in html and "Maandstatus zetten" in html
    other = login("trekker1").get(f"/themas/{world.theme2_id}").get_data(as_text=True)
    assert "Nieuwe opgave" not in other and "Maandstatus zetten" not in other
    assert "Exporteren naar Excel" in other  # exports are for every reader


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "nope", "2999-01"])
def test_a_wrong_month_on_the_theme_page_is_a_400_not_a_500(login, world, month):
    response = login("trekker1").get(f"/themas/{world.theme1_id}?maand={month}")
    assert response.status_code == 400


def test_another_programmes_theme_and_opgave_are_not_found(login, world):
    client = login("anderregisseur")
    assert client.get(f"/themas/{world.theme1_id}").status_code == 404
    assert client.get(f"/opgaven/{world.opgave1_id}").status_code == 404
    assert client.get(f"/opgaven/{world.opgave1_id}/strategieen").status_code == 404
    assert client.get("/themas/999999").status_code == 404


def test_opgave_page_lists_engagements_with_stage_and_last_journal_month(app, login, world):
    html = login("bestuur").get(f"/opgaven/{world.opgave1_id}").get_data(as_text=True)
    assert "Beweegdiploma" in html and "Kinderen leren bewegen." in html
    assert "VV Testclub" in html
    assert "De club biedt beweegles aan kleuters." in html
    assert "oktober 2026" in html  # last journal month
    assert "Verwacht bereikt" in html  # stage now: expect tier reached, like not
    if "engagements.engagement" in app.view_functions:
        with app.test_request_context():
            link = url_for("engagements.engagement", engagement_id=world.engagement1_id)
        assert f'href="{link}"' in html
    assert "Grenspartner toevoegen" not in html  # board reads only
    assert "Bewerken" not in html


def test_opgave_page_links_to_add_a_partner_for_the_theme_leader(app, login, world):
    html = login("trekker1").get(f"/opgaven/{world.opgave1_id}").get_data(as_text=True)
    assert "Bewerken" in html and "Afsluiten" in html and "Archiveren" in html
    if "engagements.create" in app.view_functions:
        assert "Grenspartner toevoegen" in html


def test_strategy_map_shows_the_six_cells_and_the_strategies_in_them(login, world):
    strategy_id = add_strategy(world.opgave1_id, "Kennissessies voor kader")
    add_strategy_entry(strategy_id, "2026-10")
    html = login("lid1").get(f"/opgaven/{world.opgave1_id}/strategieen").get_data(as_text=True)
    for label in ("I-1 Causaal", "I-2 Overtuigend", "I-3 Ondersteunend", "E-1", "E-2", "E-3"):
        assert label in html
    assert "Gericht op de grenspartner zelf (I)" in html
    assert "Gericht op de omgeving van de grenspartner (E)" in html
    assert "Kennissessies voor kader" in html and "laatst oktober 2026" in html
    assert "Toevoegen" not in html  # members do not edit strategies


def test_strategy_page_shows_its_journal(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    add_strategy_entry(strategy_id, "2026-09", "Eerste sessie gehouden.")
    html = login("bestuur").get(f"/strategieen/{strategy_id}").get_data(as_text=True)
    assert "september 2026" in html and "Eerste sessie gehouden." in html
    assert "schrijven" not in html


def _count(client, count_queries, url: str) -> int:
    client.get(url)  # warm up: first-request work is not the page's cost
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize(
    "url",
    [
        "/themas",
        "/themas/{theme1_id}",
        "/opgaven/{opgave1_id}",
        "/opgaven/{opgave1_id}/strategieen",
    ],
)
def test_pages_use_a_fixed_number_of_queries_whatever_the_data_size(
    login, world, count_queries, url
):
    client = login("trekker1")
    target = url.format(theme1_id=world.theme1_id, opgave1_id=world.opgave1_id)
    small = _count(client, count_queries, target)
    grow_theme(world, world.theme1_id, 2, tag="a")
    medium = _count(client, count_queries, target)
    grow_theme(world, world.theme1_id, 4, tag="b")
    grow_theme(world, world.theme2_id, 3, tag="c")
    large = _count(client, count_queries, target)
    print(f"{target}: {small} queries")
    assert small == medium == large
    assert large <= 15


def test_grown_theme_page_still_adds_up(login, world):
    grow_theme(world, world.theme1_id, 3)
    html = login("regisseur").get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    # 3 new opgaven × 3 engagements, all written this month, plus engagement 1 (not written)
    assert f"9 van 10 partnerlogboeken geschreven voor {month_nl(current_period())}" in html
    assert "Gearchiveerd" not in html
