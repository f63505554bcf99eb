"""Betweenness from `omtracker.network.centrality` equals NetworkX's, exact and sampled."""

from __future__ import annotations

import networkx as nx
import pytest

from omtracker.network import centrality


def assert_same(ours: dict, reference: dict) -> None:
    assert ours.keys() == reference.keys()
    for node, value in reference.items():
        assert ours[node] == pytest.approx(value, abs=1e-12, rel=1e-9), node


GRAPHS = [
    nx.path_graph(7),
    nx.star_graph(9),
    nx.cycle_graph(12),
    nx.complete_graph(6),
    nx.barbell_graph(5, 3),
    nx.karate_club_graph(),
    nx.les_miserables_graph(),
    nx.grid_2d_graph(6, 5),
    nx.relabel_nodes(nx.gnm_random_graph(80, 130, seed=3), lambda v: f"p{v}"),
]


@pytest.mark.parametrize("graph", GRAPHS, ids=lambda g: f"{g.number_of_nodes()}n")
def test_exact_betweenness_equals_networkx(graph):
    ours, sample = centrality.betweenness(graph)
    assert sample is None
    assert_same(ours, nx.betweenness_centrality(graph, normalized=True))


def test_disconnected_graph_with_isolated_nodes_and_a_self_loop():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "c")])
    graph.add_nodes_from(["lonely", "alone"])
    ours, _ = centrality.betweenness(graph)
    assert_same(ours, nx.betweenness_centrality(graph, normalized=True))
    assert ours["b"] > 0 and ours["lonely"] == 0.0


@pytest.mark.parametrize("graph", [nx.Graph(), nx.Graph([(1, 2)]), nx.empty_graph(5)])
def test_tiny_and_edgeless_graphs_are_all_zero(graph):
    ours, sample = centrality.betweenness(graph)
    assert sample is None
    assert all(value == 0.0 for value in ours.values())
    assert ours.keys() == set(graph.nodes)


def test_big_graphs_are_sampled_with_the_pivots_networkx_would_use(monkeypatch):
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(centrality, "SAMPLE_K", 40)
    monkeypatch.setattr(centrality, "CELLS_PER_BATCH", 1000)  # several batches
    graph = nx.relabel_nodes(nx.gnm_random_graph(150, 300, seed=7), str)
    ours, sample = centrality.betweenness(graph)
    assert sample == 40
    reference = nx.betweenness_centrality(graph, k=40, seed=centrality.SEED, normalized=True)
    assert_same(ours, reference)
    assert ours == centrality.betweenness(graph)[0]  # fixed seed: the same estimate every time


def test_batches_do_not_change_the_result(monkeypatch):
    graph = nx.les_miserables_graph()
    whole, _ = centrality.betweenness(graph)
    monkeypatch.setattr(centrality, "CELLS_PER_BATCH", 77)  # one source per batch
    assert_same(centrality.betweenness(graph)[0], whole)


@pytest.mark.parametrize("sampled", [False, True])
def test_long_chains_go_to_networkx_with_the_same_answer(monkeypatch, sampled):
    graph = nx.path_graph(60)
    graph.add_edges_from([(59, "x"), ("x", "y")])
    if sampled:
        monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 50)
        monkeypatch.setattr(centrality, "SAMPLE_K", 20)
    matrix, sample = centrality.betweenness(graph)
    monkeypatch.setattr(centrality, "MAX_LEVELS", 10)
    called = []
    original = nx.betweenness_centrality
    monkeypatch.setattr(
        nx, "betweenness_centrality", lambda *a, **kw: called.append(1) or original(*a, **kw)
    )
    fallback, fallback_sample = centrality.betweenness(graph)
    assert called == [1] and fallback_sample == sample
    assert_same(matrix, fallback)


def test_the_path_bound_covers_every_component():
    graph = nx.path_graph(5)  # longest path 4
    graph.add_edges_from(nx.path_graph(range(100, 131)).edges)  # longest path 30
    assert 30 <= centrality._longest_path_bound(graph) <= 60


def test_one_thread_or_two_give_the_same_numbers(monkeypatch):
    graph = nx.relabel_nodes(nx.gnm_random_graph(120, 260, seed=11), str)
    monkeypatch.setattr(centrality, "CELLS_PER_BATCH", 600)  # 5 sources a batch, 24 batches
    monkeypatch.setattr(centrality, "THREADS", 2)
    two, _ = centrality.betweenness(graph)
    monkeypatch.setattr(centrality, "THREADS", 1)
    one, _ = centrality.betweenness(graph)
    assert two == one
    assert_same(one, nx.betweenness_centrality(graph, normalized=True))
