"""The network pages: who may read them, what they show, bad input and a fixed query count.

Rights (decided for issue 4): coordinators and administrators review the map, the board reads
it, and theme leaders and members read it too (it is how groups find each other); a user with no
theme gets 403. Nobody changes anything here: every page is a GET.
"""

from __future__ import annotations

import json
import re

import pytest

from omtracker.extensions import db
from omtracker.models import Partner
from omtracker.network import analysis, pagecache
from tests.network_support import build_network, entry, grow


@pytest.fixture
def known(app, world, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    try:
        yield build_network(world)
    finally:
        app.config.pop("NETWORK_CACHE_DIR", None)


def map_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html)
    assert block, "the page carries the map's data block"
    return json.loads(block.group(1))


@pytest.mark.parametrize("username", ["regisseur", "admin", "bestuur", "trekker1", "lid1"])
def test_coordinator_board_and_theme_members_read_the_map(login, known, username):
    response = login(username).get("/netwerk?maand=2026-10")
    assert response.status_code == 200
    assert "Netwerk van grenspartners" in response.get_data(as_text=True)


def test_user_without_a_theme_gets_403_and_no_menu_entry(login, known):
    client = login("buiten")
    assert client.get("/netwerk").status_code == 403
    assert client.get("/netwerk/export/graphml").status_code == 403
    assert 'href="/netwerk"' not in client.get("/").get_data(as_text=True)


def test_board_sees_the_menu_entry_and_anonymous_is_sent_to_login(client, login, known):
    response = client.get("/netwerk")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert 'href="/netwerk"' in login("bestuur").get("/").get_data(as_text=True)


def test_coordinator_of_another_programme_sees_only_that_programme(login, known):
    html = login("anderregisseur").get("/netwerk?maand=2026-10").get_data(as_text=True)
    labels = {node["l"] for node in map_data(html)["nodes"]}
    assert labels == {"Club Elders", "1. Elders", "Andere opgave"}


def test_map_page_shows_tables_beside_the_map_with_partner_links(login, known):
    html = login("regisseur").get("/netwerk?maand=2026-10").get_data(as_text=True)
    for heading in (
        "Verbindende partners",
        "Slapende partners",
        "Geïsoleerde partners",
        "Thema’s met dezelfde partners",
        "Groepen partners die vaak samen optrekken",
        "Meest centrale partners",
    ):
        assert heading in html
    assert f'href="/partners/{known.partners["club"]}"' in html
    assert "Eenling" in html and "mei 2026" in html  # school's last journal, Dutch month
    assert "exact berekend" in html  # small graph: exact betweenness, and the page says so
    assert "Tekstversie van de kaart" in html


def test_map_data_has_positions_colours_flags_and_links(login, known):
    html = login("regisseur").get("/netwerk?maand=2026-10").get_data(as_text=True)
    data = map_data(html)
    nodes = {node["id"]: node for node in data["nodes"]}
    club, school = nodes[known.p("club")], nodes[known.p("school")]
    assert club["b"] == "multiple" and "b" in club["f"]
    assert "d" in school["f"] and school["lp"] == "2026-05"
    assert "i" in nodes[known.p("eenling")]["f"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    assert data["periods"]["2026-05"] == "mei 2026"
    assert data["urls"]["partner"] == f"/partners/{data['sentinel']}"
    assert len(data["edges"]) == 10


def test_map_escapes_user_text_in_the_data_block(login, known, world):
    db.session.add(
        Partner(programme_id=world.programme_id, name="</script><script>alert(1)</script>")
    )
    db.session.flush()
    html = login("regisseur").get("/netwerk?maand=2026-10").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    labels = {node["l"] for node in map_data(html)["nodes"]}
    assert "</script><script>alert(1)</script>" in labels


def test_filters_narrow_the_map(login, known, world):
    client = login("regisseur")
    html = client.get(f"/netwerk?maand=2026-10&thema={world.theme1_id}").get_data(as_text=True)
    labels = {node["l"] for node in map_data(html)["nodes"]}
    assert labels == {"1. Jong geleerd", "Beweegdiploma", "VV Testclub", "Basisschool De Test"}
    html = client.get("/netwerk?maand=2026-10&type=welfare&venster=3").get_data(as_text=True)
    assert {n["l"] for n in map_data(html)["nodes"] if n["k"] == "p"} == {"Welzijn Test"}


@pytest.mark.parametrize(
    "query",
    ["maand=2026-13", "maand=morgen", "thema=999999", "bouwsteen=vloer", "venster=7", "type=x"],
)
def test_bad_filter_values_get_400_with_a_message_and_keep_the_input(login, known, query):
    response = login("regisseur").get(f"/netwerk?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "invalid-feedback" in html and "network-data" not in html
    if query.startswith("maand"):
        assert f'value="{query.split("=")[1]}"' in html


def test_compare_page_lists_changes_and_rejects_reversed_months(login, known):
    client = login("bestuur")
    html = client.get("/netwerk/vergelijk?van=2026-05&tot=2026-10&venster=3").get_data(as_text=True)
    assert "2 nieuwe verbindingen" in html and "1 verdwenen verbinding" in html
    assert "1 partner slapend geworden" in html and "1 partner weer actief" in html
    marks = {n["id"]: n.get("h") for n in map_data(html)["nodes"]}
    assert marks[known.p("school")] == "dormant" and marks[known.p("welzijn")] == "active"
    edge_marks = sorted(e["h"] for e in map_data(html)["edges"] if "h" in e)
    assert edge_marks == ["lost", "new", "new"]
    reversed_months = client.get("/netwerk/vergelijk?van=2026-10&tot=2026-05")
    assert reversed_months.status_code == 400
    assert "Kies een maand na de eerste maand." in reversed_months.get_data(as_text=True)
    assert client.get("/netwerk/vergelijk").status_code == 200  # defaults: last six months


def test_text_version_lists_every_node_and_link(login, known):
    html = login("lid1").get("/netwerk/tekst?maand=2026-10").get_data(as_text=True)
    assert "Knooppunten (10)" in html and "Verbindingen (10)" in html
    assert "3 logboeken in de periode" in html
    assert "Samenwerking" in html and "1 keer samen genoemd" in html
    assert "slapend" in html and "geïsoleerd" in html and "verbindend" in html


def test_layout_is_cached_by_structure_and_reused(app, login, known, tmp_path):
    analysis.clear_memory()
    client = login("regisseur")
    first = map_data(client.get("/netwerk?maand=2026-10").get_data(as_text=True))
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    analysis.clear_memory()  # a new worker: reads the file, computes nothing
    second = map_data(client.get("/netwerk?maand=2026-10").get_data(as_text=True))
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in second["nodes"]]
    client.get("/netwerk?maand=2026-02")  # fewer links: another structure, another layout
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_page_query_count_does_not_grow_with_the_network(login, known, world, count_queries):
    client = login("regisseur")
    client.get("/netwerk?maand=2026-10")
    counts = []
    for extra in (0, 25):
        grow(world, known, extra)
        for url in ("/netwerk?maand=2026-10", "/netwerk/vergelijk?van=2026-05&tot=2026-10"):
            client.get(url)  # the same state of the test's one session before each count
            pagecache.clear()
            # a new request reads the data version afresh (the test keeps one session)
            db.session.info.pop("metrics_generation", None)
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts.append(counter.count)
            with count_queries() as counter:  # the same data again: served from the cache
                assert client.get(url).status_code == 200
            counts.append(counter.count)
    assert counts[:4] == counts[4:], counts
    assert counts[0] <= 16 and counts[1] < counts[0] and counts[3] < counts[2], counts


def test_cached_page_follows_every_change_to_the_data(login, known, world):
    client = login("regisseur")
    before = map_data(client.get("/netwerk?maand=2026-10").get_data(as_text=True))
    assert "Nieuwkomer" not in {n["l"] for n in before["nodes"]}
    db.session.add(Partner(programme_id=world.programme_id, name="Nieuwkomer"))
    db.session.flush()
    after = map_data(client.get("/netwerk?maand=2026-10").get_data(as_text=True))
    assert "Nieuwkomer" in {n["l"] for n in after["nodes"]}
    write = entry(known.engagements["school_o1"], "2026-10")  # school wakes up
    assert write.id
    latest = map_data(client.get("/netwerk?maand=2026-10").get_data(as_text=True))
    school = next(n for n in latest["nodes"] if n["id"] == known.p("school"))
    assert "d" not in school.get("f", "") and school["lp"] == "2026-10"
