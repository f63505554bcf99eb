"""The coordinator dashboard shows the hand-made world's numbers, to the right people, cheaply.

Expected values, worked out by hand for October 2026 (see tests/factories.py): theme 1 "Jong
geleerd" (software) has one engagement with expect1=3, expect2=2 (both reached), like1=1 (not),
love1 never rated: expect 2 of 2, like 0 of 1, love 0 of 1; stage "expect" (like below 50 %);
its October journal is written: coverage 1 of 1. Since September expect1 2→3, expect2 1→2 and
like1 0→1 went up, love1 stayed: 3 up, 0 down, 1 the same. Theme 2 (hardware) has nothing yet.
"""

from __future__ import annotations

from datetime import date

import pytest

from omtracker.dashboard import routes as dashboard_routes
from omtracker.extensions import db
from omtracker.models import Engagement
from tests.dashboard_support import grow, post_actions, section, svgs, text_of

OCTOBER = "/dashboard/?maand=2026-10"


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(dashboard_routes, "today", lambda: date(2026, 11, 24))


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["regisseur", "admin", "bestuur"])
def test_coordinators_admin_and_board_open_the_dashboard(client, login, world, username):
    login(username)
    assert client.get("/dashboard/").status_code == 200
    nav = text_of(client.get("/").get_data(as_text=True))
    assert "Dashboard" in nav


@pytest.mark.parametrize("username", ["lid1", "buiten"])
def test_theme_people_cannot_open_the_dashboard(client, login, world, username):
    """Members and outsiders; a theme leader reads their own theme (tests/test_attention.py)."""
    login(username)
    for url in ("/dashboard/", f"/dashboard/thema/{world.theme1_id}"):
        assert client.get(url).status_code == 403
    assert ">Dashboard<" not in client.get("/").get_data(as_text=True)


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_another_programmes_theme_and_opgave_are_not_found(client, login, world):
    login("regisseur")
    assert client.get(f"/dashboard/thema/{world.other_theme_id}").status_code == 404
    assert client.get(f"/dashboard/opgave/{world.other_opgave_id}").status_code == 404
    assert client.get("/dashboard/opgave/999999").status_code == 404


@pytest.mark.parametrize(
    "query", ["maand=2026-13", "maand=oktober", "maand=0001-01", "periode=7", "periode=x"]
)
def test_a_wrong_month_or_period_is_a_400_not_a_500(client, login, world, query):
    login("regisseur")
    assert client.get(f"/dashboard/?{query}").status_code == 400
    assert client.get(f"/dashboard/thema/{world.theme1_id}?{query}").status_code == 400


def test_programme_figures_for_october(client, login, world, fixed_today):
    login("regisseur")
    html = page(client, OCTOBER)
    tiles = text_of(section(html, 'id="programme-heading"', "</section>"))
    assert "Verwacht te zien 100% 2 van 2 markeringen bereikt" in tiles
    assert "Graag te zien 0% 0 van 1 markeringen bereikt" in tiles
    assert "Prachtig om te zien 0% 0 van 1 markeringen bereikt" in tiles
    assert "Logboeken deze maand 100% 1 van 1 geschreven · 0 achterstallig" in tiles

    software = text_of(section(html, 'id="block-software"', "Thema’s"))
    assert "Verwacht te zien 100% 2 van 2" in software
    assert "Graag te zien 0% 0 van 1" in software
    assert "1 uitkomstuitdaging, per fase" in software
    assert "Verwacht bereikt: 1" in software and "Nog niet gestart: 0" in software
    assert "Logboeken deze maand: 100% 1 van 1" in software
    # Rule 6: only markers rated in both months move (like1 was first rated in October).
    assert "2 omhoog" in software and "0 omlaag" in software and "0 gelijk" in software

    hardware = text_of(section(html, 'id="block-hardware"', "Thema’s"))
    assert "geen markeringen" in hardware
    assert "0 uitkomstuitdagingen, per fase" in hardware
    assert "niets verwacht" in hardware

    assert f'href="/dashboard/thema/{world.theme1_id}?maand=2026-10&amp;periode=12"' in html


def test_september_shows_half_of_expect_reached_and_the_month_is_kept_in_links(
    client, login, world, fixed_today
):
    login("bestuur")
    html = page(client, "/dashboard/?maand=2026-09&periode=24")
    tiles = text_of(section(html, 'id="programme-heading"', "</section>"))
    assert "Verwacht te zien 50% 1 van 2 markeringen bereikt" in tiles
    assert "maand=2026-08&amp;periode=24" in html  # the previous-month link
    assert 'aria-current="true">24 maanden' in html


def test_every_chart_is_valid_svg_with_a_table_alternative(client, login, world, fixed_today):
    login("regisseur")
    for url in (
        OCTOBER,
        f"/dashboard/thema/{world.theme1_id}?maand=2026-10",
        f"/dashboard/opgave/{world.opgave1_id}?maand=2026-10&periode=24",
    ):
        html = page(client, url)
        charts = svgs(html)
        assert charts, url
        for chart in charts:
            assert chart.get("role") == "img"
            assert chart.find("{http://www.w3.org/2000/svg}title").text
        assert html.count('<details class="chart-table') == len(charts)
        assert "<script" not in section(html, "<main", "</main>")


def test_heatmap_and_trend_of_the_programme(client, login, world, fixed_today):
    login("regisseur")
    html = page(client, OCTOBER)
    heat = text_of(section(html, 'id="heat-heading"', "</section>"))
    # Beweegdiploma's markers in October: expect1, expect2 reached of 4 → 50 %.
    assert "Aandeel bereikte markeringen (alle niveaus samen)" in heat
    assert "1 · Beweegdiploma oktober 2026" not in heat  # labels are short months
    assert "50% (2 van 4)" in heat  # in the table alternative
    assert "25% (1 van 4)" in heat  # September
    trend = text_of(section(html, 'id="block-software"', "Thema’s"))
    assert "Verwacht 100%" in trend  # the line's direct label
    coverage = text_of(section(html, 'id="coverage-heading"', "</section>"))
    assert "100% (1 van 1)" in coverage


def test_theme_page_drills_down_to_its_opgaven(client, login, world, fixed_today):
    login("regisseur")
    html = page(client, f"/dashboard/thema/{world.theme1_id}?maand=2026-10")
    text = text_of(html)
    assert "Jong geleerd" in text and "Software" in text
    card = text_of(section(html, f'id="opgave-{world.opgave1_id}"', "</article>"))
    assert "Beweegdiploma" in card
    assert "Verwacht 100% 2 van 2" in card and "Graag 0% 0 van 1" in card
    assert "2 omhoog" in card
    assert f'href="/dashboard/opgave/{world.opgave1_id}?maand=2026-10&amp;periode=12"' in html


def test_opgave_page_lists_each_partner_with_stage_and_journal(
    client, login, world, app, fixed_today
):
    login("regisseur")
    html = page(client, f"/dashboard/opgave/{world.opgave1_id}?maand=2026-10")
    row = text_of(section(section(html, 'id="partners-heading"'), "<tbody>", "</tr>"))
    assert "VV Testclub" in row
    assert "Verwacht bereikt" in row
    assert "100% 2/2" in row and "0% 0/1" in row
    assert "geschreven" in row
    assert "▲ 2 omhoog ▼ 0 omlaag = 0 gelijk" in row
    if "engagements.engagement" in app.view_functions:
        assert f'href="/uitkomstuitdagingen/{world.engagement1_id}"' in html or (
            f"/{world.engagement1_id}" in html
        )


def test_overdue_list_names_partner_and_since_when(client, login, world, fixed_today):
    db.session.add(
        Engagement(
            partner_id=world.partner_ids["school"],
            opgave_id=world.opgave1_id,
            start_date=date(2026, 1, 1),
        )
    )
    db.session.flush()
    login("regisseur")
    html = page(client, OCTOBER)
    late = text_of(section(html, 'id="overdue-heading"', "</section>"))
    # Monthly from January, never written: due for January, overdue 14 days after it ended.
    assert "Basisschool De Test Beweegdiploma Jong geleerd nog geen 14 februari 2026" in late
    assert "VV Testclub" not in late


def test_board_finds_nothing_that_changes_data(client, login, world, fixed_today):
    login("bestuur")
    for url in (
        OCTOBER,
        f"/dashboard/thema/{world.theme1_id}",
        f"/dashboard/opgave/{world.opgave1_id}",
    ):
        html = page(client, url)
        assert post_actions(html) <= {"/taal", "/logout"}
        assert "bewerken" not in html and "/nieuw" not in html


def fresh_request() -> None:
    db.session.expunge_all()


def counts(client, count_queries, urls) -> list[tuple[int, int]]:
    """(cold, warm) statements per page: cold right after the data changed (new roll-ups).

    The test client shares the test's session, so its identity map is emptied before each
    request: the user and the programme are loaded as in a real request.
    """
    out = []
    for url in urls:
        fresh_request()
        with count_queries() as cold:
            assert client.get(url).status_code == 200
        fresh_request()
        with count_queries() as warm:
            assert client.get(url).status_code == 200
        out.append((cold.count, warm.count))
    return out


def test_dashboard_pages_cost_the_same_few_queries_at_two_sizes(
    client, login, world, count_queries, fixed_today
):
    login("regisseur")
    opgave_id = grow(world, 2, "klein")[0]
    urls = [OCTOBER + "&periode=24", f"/dashboard/thema/{world.theme2_id}?maand=2026-10"]
    urls.append(f"/dashboard/opgave/{opgave_id}?maand=2026-10")
    small = counts(client, count_queries, urls)
    grow(world, 12, "groot")
    large = counts(client, count_queries, urls)
    assert small == large, (small, large)
    # 15: the attention panel reads the statuses and the leaders (two queries), the month's
    # evidence strengths (omtracker.evidence) are one uncached query; the same at any size.
    assert all(cold <= 15 and warm <= cold for cold, warm in small), small
