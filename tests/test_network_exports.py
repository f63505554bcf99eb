"""Exports of the network: GraphML and GEXF read back with NetworkX, CSV safe for spreadsheets."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from omtracker.extensions import db
from omtracker.models import Partner
from omtracker.network.exports import safe_cell
from tests.network_support import build_network


@pytest.fixture
def known(app, world, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    try:
        yield build_network(world)
    finally:
        app.config.pop("NETWORK_CACHE_DIR", None)


def download(client, name: str, query: str = "maand=2026-10"):
    response = client.get(f"/netwerk/export/{name}?{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return response


def test_graphml_reads_back_with_the_same_nodes_edges_and_measures(login, known):
    response = download(login("bestuur"), "graphml")
    assert "netwerk-testprog-2026-10.graphml" in response.headers["Content-Disposition"]
    graph = nx.read_graphml(io.BytesIO(response.data))
    assert graph.number_of_nodes() == 10 and graph.number_of_edges() == 10
    club = graph.nodes[known.p("club")]
    assert club["label"] == "VV Testclub" and club["verbindend"] is True
    assert club["bouwstenen"] == "hardware,software" and club["soort"] == "partner"
    assert graph.nodes[known.p("school")]["slapend"] is True
    assert isinstance(club["x"], float) and isinstance(club["betweenness"], float)
    mention = graph.edges[known.p("school"), known.p("welzijn")]
    assert mention["soort"] == "partners" and mention["samen_genoemd"] == 1


def test_gexf_reads_back_with_positions_for_gephi(login, known):
    response = download(login("regisseur"), "gexf")
    graph = nx.read_gexf(io.BytesIO(response.data))
    assert graph.number_of_nodes() == 10 and graph.number_of_edges() == 10
    club = graph.nodes[known.p("club")]
    assert club["label"] == "VV Testclub"
    assert set(club["viz"]["position"]) >= {"x", "y"}
    assert club["viz"]["color"]["r"] == 31  # "multiple blocks" blue


def test_csv_of_nodes_and_edges_follow_gephi_columns(login, known):
    client = login("regisseur")
    nodes = download(client, "knopen.csv").get_data(as_text=True)
    # Like the theme CSV: Dutch Excel opens it directly (semicolons, BOM, decimal comma, ja/nee).
    assert nodes.startswith("\ufeffId;Label;")
    rows = list(csv.DictReader(io.StringIO(nodes.lstrip("\ufeff")), delimiter=";"))
    assert {r["Label"] for r in rows} >= {"VV Testclub", "Eenling", "Buurtnetwerk"}
    assert {r["slapend"] for r in rows} <= {"ja", "nee"}
    assert all("." not in r["betweenness"] and "." not in r["x"] for r in rows)
    assert any("," in r["x"] for r in rows)
    edges = download(client, "verbindingen.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(edges.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 10
    engaged = [r for r in rows if r["uitkomstuitdaging_id"] == str(world_engagement(known))]
    assert engaged[0]["Weight"] == "3"


def world_engagement(known) -> int:
    return known.engagements["club_o1"]


def test_csv_neutralises_spreadsheet_formulas(login, known, world):
    db.session.add(Partner(programme_id=world.programme_id, name='=HYPERLINK("http://x","y")'))
    db.session.flush()
    text = download(login("regisseur"), "knopen.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
    assert safe_cell("+31 6") == "'+31 6" and safe_cell("@x") == "'@x"
    assert safe_cell(-1.5) == -1.5 and safe_cell("Club") == "Club"


def test_exports_follow_the_filter_and_refuse_unknown_formats(login, known, world):
    client = login("regisseur")
    response = download(client, "graphml", f"maand=2026-10&thema={world.theme2_id}")
    graph = nx.read_graphml(io.BytesIO(response.data))
    assert {d["label"] for _, d in graph.nodes(data=True)} == {
        "2. Sportparken",
        "Sportpark overdag",
        "VV Testclub",
    }
    assert client.get("/netwerk/export/pdf").status_code == 404
    assert client.get("/netwerk/export/gexf?maand=2026-13").status_code == 400
