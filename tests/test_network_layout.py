"""The server-side layout and the cached measures: deterministic, reused, sampled when big."""

from __future__ import annotations

import networkx as nx

from omtracker.network import analysis, centrality, metrics
from omtracker.network.layout import force_layout


def ring_with_loners(n: int, loners: int) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [f"p{i}" for i in range(n + loners)]
    edges = [(f"p{i}", f"p{(i + 1) % n}") for i in range(n)]
    return nodes, edges


def test_layout_is_deterministic_and_places_every_node():
    nodes, edges = ring_with_loners(40, 5)
    first = force_layout(nodes, edges)
    assert first == force_layout(list(reversed(nodes)), list(reversed(edges)))
    assert set(first) == set(nodes)
    assert len({xy for xy in first.values()}) == len(nodes)  # no two nodes on one spot


def test_isolated_nodes_are_set_out_below_the_connected_ones():
    nodes, edges = ring_with_loners(30, 6)
    positions = force_layout(nodes, edges)
    lowest_connected = max(positions[f"p{i}"][1] for i in range(30))
    assert all(positions[f"p{i}"][1] > lowest_connected for i in range(30, 36))


def test_betweenness_is_exact_for_small_graphs_and_sampled_for_big_ones(monkeypatch):
    small, sample = metrics.betweenness(nx.path_graph(50))
    assert sample is None and small[25] > small[1] > small[0] == 0.0
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(centrality, "SAMPLE_K", 30)
    big_graph = nx.relabel_nodes(nx.path_graph(120), str)
    first, sample = metrics.betweenness(big_graph)
    assert sample == 30
    assert first == metrics.betweenness(big_graph)[0]  # fixed seed: same estimate every time


def test_two_cliques_joined_by_one_edge_are_two_communities():
    graph = nx.Graph()
    graph.add_edges_from((f"a{i}", f"a{j}") for i in range(5) for j in range(i + 1, 5))
    graph.add_edges_from((f"b{i}", f"b{j}") for i in range(5) for j in range(i + 1, 5))
    graph.add_edge("a0", "b0")
    graph.add_node("loner")
    groups = metrics.communities(graph)
    assert len({groups[f"a{i}"] for i in range(5)}) == 1
    assert groups["a1"] != groups["b1"] and groups["loner"] == 0


def test_analysis_is_keyed_by_structure_only(app, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    try:
        with app.test_request_context():
            analysis.clear_memory()
            graph = nx.Graph()
            graph.add_edge("p1", "o1", weight=1)
            first = analysis.analyse(graph)
            graph.edges["p1", "o1"]["weight"] = 5  # a weight changes, the structure does not
            assert analysis.analyse(graph) is first
            graph.add_edge("p2", "o1")
            assert analysis.structure_key(graph) != first.key
            assert len(list(tmp_path.glob("*.json"))) == 1
    finally:
        app.config.pop("NETWORK_CACHE_DIR", None)
