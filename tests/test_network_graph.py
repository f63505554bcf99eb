"""The network graph and its measures on a small programme whose answers are known.

See tests/network_support.py for the programme and the expected answers.
"""

from __future__ import annotations

import pytest

from omtracker.models import BuildingBlock, PartnerType
from omtracker.network import metrics, services
from omtracker.network.graph import NetworkFilter, build_graph
from tests.network_support import build_network


@pytest.fixture
def known(app, world, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    try:
        yield build_network(world)
    finally:
        app.config.pop("NETWORK_CACHE_DIR", None)


def edge_set(graph):
    return {tuple(sorted(edge)) for edge in graph.edges}


def test_graph_has_partners_opgaven_and_themes_with_their_links(world, known):
    graph = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    o1, o2, o3 = f"o{world.opgave1_id}", f"o{world.opgave2_id}", f"o{known.opgave3_id}"
    t1, t2, t3 = f"t{world.theme1_id}", f"t{world.theme2_id}", f"t{known.theme3_id}"
    p = known.p
    assert set(graph.nodes) == {
        t1, t2, t3, o1, o2, o3, p("club"), p("school"), p("welzijn"), p("eenling"),
    }  # fmt: skip
    assert edge_set(graph) == {
        tuple(sorted(pair))
        for pair in [
            (o1, t1), (o2, t2), (o3, t3),
            (p("club"), o1), (p("club"), o2), (p("school"), o1), (p("welzijn"), o3),
            (p("club"), p("school")),  # explicit relation
            (p("school"), p("welzijn")),  # co-mentioned in welzijn's October entry
            (p("club"), p("welzijn")),  # co-mentioned in club's April entry
        ]
    }  # fmt: skip
    assert "Club Elders" not in {label for _, label in graph.nodes(data="label")}


def test_engagement_weight_counts_journal_entries_in_the_window(world, known):
    year = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    assert year.edges[known.p("club"), f"o{world.opgave1_id}"]["weight"] == 3
    assert year.edges[known.p("club"), f"o{world.opgave2_id}"]["weight"] == 0
    quarter = build_graph(world.programme_id, NetworkFilter(period="2026-10", window=3))
    assert quarter.edges[known.p("club"), f"o{world.opgave1_id}"]["weight"] == 2
    assert quarter.edges[known.p("club"), f"o{world.opgave1_id}"]["last_period"] == "2026-10"


def test_partner_links_record_relation_type_and_comentions(world, known):
    graph = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    relation = graph.edges[known.p("club"), known.p("school")]
    assert relation["relations"] == "cooperation" and relation["comentions"] == 0
    mention = graph.edges[known.p("school"), known.p("welzijn")]
    assert mention["relations"] == "" and mention["comentions"] == 1


def test_relation_counts_only_from_the_month_it_was_recorded(world, known):
    august = build_graph(world.programme_id, NetworkFilter(period="2026-08"))
    assert not august.has_edge(known.p("club"), known.p("school"))


def test_engagement_appears_from_its_start_month(world, known):
    february = build_graph(world.programme_id, NetworkFilter(period="2026-02"))
    assert not february.has_edge(known.p("welzijn"), f"o{known.opgave3_id}")
    assert february.has_edge(known.p("club"), f"o{world.opgave2_id}")


def test_club_bridges_building_blocks_and_eenling_is_isolated(world, known):
    graph = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    assert metrics.bridging_partners(graph) == [known.p("club")]
    assert graph.nodes[known.p("club")]["block"] == "multiple"
    assert graph.nodes[known.p("school")]["block"] == "software"
    assert metrics.isolated_partners(graph) == [known.p("eenling")]
    assert graph.nodes[known.p("eenling")]["block"] == "none"


def test_themes_one_and_two_share_the_club(world, known):
    graph = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    shared = metrics.themes_sharing_partners(graph)
    assert [(s.theme_a, s.theme_b, s.partners) for s in shared] == [
        (f"t{world.theme1_id}", f"t{world.theme2_id}", (known.p("club"),))
    ]


def test_degree_betweenness_and_communities_of_the_known_network(world, known):
    graph = build_graph(world.programme_id, NetworkFilter(period="2026-10"))
    assert metrics.degree(graph)[known.p("club")] == 4  # o1, o2, school, welzijn
    centrality, sample = metrics.betweenness(graph)
    assert sample is None  # small graph: exact
    partners = [known.p(k) for k in ("club", "school", "welzijn")]
    assert max(partners, key=centrality.get) == known.p("club")
    assert centrality[known.p("eenling")] == 0.0
    groups = metrics.communities(graph)
    assert groups[known.p("eenling")] == 0  # alone, in no community
    assert groups[f"o{world.opgave2_id}"] == groups[f"t{world.theme2_id}"] > 0


def test_school_is_dormant_in_october_and_shown_so(world, known):
    view = services.network_view(world.programme_id, NetworkFilter(period="2026-10"))
    assert view.dormant == {known.p("school")}
    assert [row.label for row in view.dormant_table.rows] == ["Basisschool De Test"]
    assert view.dormant_table.rows[0].detail == "2026-05"  # its last journal month
    assert [row.label for row in view.bridging.rows] == ["VV Testclub"]
    assert [row.label for row in view.isolated.rows] == ["Eenling"]
    assert view.shared[0].partners[0].label == "VV Testclub"


def test_theme_filter_keeps_the_theme_its_opgaven_and_their_partners(world, known):
    flt = NetworkFilter(period="2026-10", theme_id=world.theme1_id)
    graph = build_graph(world.programme_id, flt)
    assert set(graph.nodes) == {
        f"t{world.theme1_id}",
        f"o{world.opgave1_id}",
        known.p("club"),
        known.p("school"),
    }
    assert graph.has_edge(known.p("club"), known.p("school"))
    assert metrics.bridging_partners(graph) == [known.p("club")]  # over all its engagements


def test_building_block_and_partner_type_filters(world, known):
    hardware = build_graph(
        world.programme_id, NetworkFilter(period="2026-10", building_block=BuildingBlock.hardware)
    )
    assert {n for n, k in hardware.nodes(data="kind") if k == "partner"} == {known.p("club")}
    schools = build_graph(
        world.programme_id, NetworkFilter(period="2026-10", partner_type=PartnerType.school)
    )
    assert {n for n, k in schools.nodes(data="kind") if k == "partner"} == {known.p("school")}
    assert schools.number_of_nodes() == 7  # three themes, three opgaven, the school


def test_comparing_may_and_october_finds_new_and_lost_links(world, known):
    flt = NetworkFilter(period="2026-10", window=3)
    change = services.compare(world.programme_id, "2026-05", "2026-10", flt)
    assert {tuple(sorted((r.label_a, r.label_b))) for r in change.new_links} == {
        ("Basisschool De Test", "VV Testclub"),
        ("Basisschool De Test", "Welzijn Test"),
    }
    assert {tuple(sorted((r.label_a, r.label_b))) for r in change.lost_links} == {
        ("VV Testclub", "Welzijn Test")
    }
    assert [row.label for row in change.became_dormant] == ["Basisschool De Test"]
    assert [row.label for row in change.became_active] == ["Welzijn Test"]
    # the map of the comparison holds both months' links
    assert change.view.graph.has_edge(known.p("club"), known.p("welzijn"))
    assert change.view.graph.has_edge(known.p("club"), known.p("school"))
