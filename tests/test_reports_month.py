"""The board's monthly status: what it shows, who may read it, and how fast it is.

Worked by hand for 2026-10 in the test world (see tests/test_metrics.py): theme 1 has
engagement 1 with expect 2 of 2 reached, like 0 of 1, love 0 of 1; since 2026-09 three
markers went up and one stayed; its October journal is written (coverage 1 of 1). Theme 2 has
no engagements.
"""

from __future__ import annotations

from datetime import date

import pytest

from omtracker.extensions import db
from omtracker.models import Programme
from omtracker.reports.snapshot import build_report, canonical_json
from tests.reports_support import PERIOD, add_report_data, grow

MAX_QUERIES = 12


def test_build_report_has_the_hand_worked_numbers(world):
    add_report_data(world)
    report = build_report(db.session.get(Programme, world.programme_id), PERIOD, date(2026, 11, 5))
    blocks = {block["key"]: block for block in report["blocks"]}
    theme1 = blocks["software"]["themes"][0]
    assert theme1["name"] == "Jong geleerd"
    assert theme1["attainment"]["expect"] == {"reached": 2, "total": 2, "pct": 100.0}
    assert theme1["attainment"]["like"] == {"reached": 0, "total": 1, "pct": 0.0}
    assert theme1["attainment"]["love"]["total"] == 1
    assert theme1["movement"] == {"up": 2, "down": 0, "same": 0}  # rated in both months
    assert theme1["coverage"] == {"written": 1, "due": 1, "pct": 100, "unchanged": 0}
    assert theme1["status"]["rag"] == "on_track"
    theme2 = blocks["hardware"]["themes"][0]
    assert theme2["attainment"]["expect"] == {"reached": 0, "total": 0, "pct": None}
    assert report["totals"]["attainment"]["expect"]["reached"] == 2  # pooled, not averaged
    assert blocks["orgware"]["themes"] == []
    assert report["risks"]["off_track"] == [
        {
            "theme_id": world.theme2_id,
            "name": "Sportparken",
            "text": "Geen trekker beschikbaar.",
            "rag": "off_track",
            "period": PERIOD,
        }
    ]
    assert [h["entry_id"] for h in report["highlights"]] == [world.entry_ids[PERIOD]]
    indicator = report["indicators"][0]
    # The municipality's latest value up to the report's year, not the future one.
    assert (indicator["value"], indicator["year"], indicator["source"]) == (
        45,
        2020,
        "GGD-monitor 2020",
    )
    assert report["as_of"] == "2026-10-31"
    canonical_json(report)  # plain JSON, nothing else


def test_board_reads_the_live_month_with_all_sections(world, login):
    add_report_data(world)
    html = login("bestuur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    for text in (
        "Maandrapportage oktober 2026",
        "Vraagt aandacht in oktober 2026",
        "De cijfers per bouwsteen",
        "Jong geleerd",
        "Op koers",
        "Niet op koers",
        "Geen trekker beschikbaar.",
        "2 van 2 (100\xa0%)",
        "Uitgelicht",
        "VV Testclub",
        "Wekelijkse sportdeelname",
        "GGD-monitor 2020",
        "Risico’s",
        "nog niet gepubliceerd",
    ):
        assert text in html, text
    assert 'method="post" action="/rapportage/' not in html  # no publish form for the board


def test_coordinator_sees_the_publish_form(world, login):
    html = login("regisseur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert f'action="/rapportage/{PERIOD}/publiceren"' in html


@pytest.mark.parametrize("username", ["lid1", "buiten"])
def test_theme_people_do_not_get_the_board_report(world, login, username):
    """Members and outsiders; theme leaders read their own part (tests/test_attention.py)."""
    client = login(username)
    assert client.get(f"/rapportage/{PERIOD}").status_code == 403
    assert client.get("/rapportage/").status_code == 403
    assert "Maandrapportage" not in client.get("/").get_data(as_text=True)


def test_report_requires_login(client, world):
    response = client.get(f"/rapportage/{PERIOD}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "period", ["2026-13", "2026-1", "abcd-ef", "1999-12", "2999-01", "2026-00", "2026-10x"]
)
def test_impossible_months_are_not_found(world, login, period):
    assert login("bestuur").get(f"/rapportage/{period}").status_code == 404


def test_a_coordinator_only_sees_their_own_programme(world, login):
    html = login("anderregisseur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert "Ander akkoord" in html
    assert "Jong geleerd" not in html and "VV Testclub" not in html


def test_index_lists_live_months_half_years_and_the_compare_form(world, login):
    html = login("bestuur").get("/rapportage/").get_data(as_text=True)
    assert "Nog geen rapport gepubliceerd" in html
    assert "/rapportage/halfjaar/" in html
    assert 'action="/rapportage/vergelijk"' in html and 'method="get"' in html


def _queries(client, count_queries, url: str) -> tuple[int, int]:  # noqa: ANN001
    """Statements for the first request after a change (roll-ups rebuilt) and the next one."""
    counts = []
    for _ in range(2):
        # Tests share one session across requests; start each as a fresh request would.
        db.session.expire_all()
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(counter.count)
    return counts[0], counts[1]


def test_month_page_queries_do_not_grow_with_the_programme(world, login, count_queries):
    add_report_data(world)
    client = login("regisseur")
    client.get("/rapportage/")  # the user and programme are loaded; the metrics stay cold
    small = _queries(client, count_queries, f"/rapportage/{PERIOD}")
    grow(world, engagements=12, months=14)
    large = _queries(client, count_queries, f"/rapportage/{PERIOD}")
    html = client.get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert "Groeipartner 11" in html and "Stille Club" in html  # the larger data is on the page
    assert small == large
    assert large[1] <= MAX_QUERIES and large[0] <= MAX_QUERIES + 3
    client.post(f"/rapportage/{PERIOD}/publiceren", data={"confirm": "y"})
    assert _queries(client, count_queries, f"/rapportage/{PERIOD}")[1] <= MAX_QUERIES
    assert _queries(client, count_queries, f"/rapportage/{PERIOD}/gepubliceerd")[1] <= 3


def test_month_picker_opens_the_live_view_or_explains_a_wrong_month(world, login):
    client = login("bestuur")
    response = client.get("/rapportage/maand?maand=2026-09")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/rapportage/2026-09")
    response = client.get("/rapportage/maand?maand=2026-13")
    assert response.status_code == 400
    assert "Kies een maand als JJJJ-MM" in response.get_data(as_text=True)
