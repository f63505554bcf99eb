"""Network measures of DESIGN.md §4, as pure functions of the graph from `graph.build_graph`.

Betweenness centrality comes from `centrality.py` (Brandes' algorithm on sparse matrices, equal
to NetworkX's result): exact up to `centrality.SAMPLE_ABOVE` nodes and a sampled estimate above
it; the page says which one it shows. Communities are Louvain with a fixed seed on the unweighted
graph. Both are expensive and depend only on the graph's structure, so `analysis.py` caches them
with the layout.
Dormant partners are not a graph measure: they come from `omtracker.metrics.dormant_partners`,
the same rule every other screen uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from omtracker.network import centrality
from omtracker.network.graph import OPGAVE, PARTNER, PARTNERS, THEME

SEED = 42


def betweenness(graph: nx.Graph) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness per node, and the sample size when it is an estimate."""
    return centrality.betweenness(graph)


def communities(graph: nx.Graph) -> dict[str, int]:
    """Node → community number (1 = largest); nodes without any edge get 0."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph.nodes, 0)
    groups = nx.community.louvain_communities(graph, weight=None, seed=SEED)
    groups = [sorted(g) for g in groups if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), g[0]))
    out = dict.fromkeys(graph.nodes, 0)
    for number, members in enumerate(groups, start=1):
        for node in members:
            out[node] = number
    return out


def degree(graph: nx.Graph) -> dict[str, int]:
    return dict(graph.degree())


def partners_of(graph: nx.Graph) -> list[str]:
    return [n for n, kind in graph.nodes(data="kind") if kind == PARTNER]


def bridging_partners(graph: nx.Graph) -> list[str]:
    """Partners engaged in opgaven of two or more building blocks (over all their engagements).

    Counted over the partner's whole engagement list, not just what a filter shows, so that a
    building-block filter still tells who reaches into other blocks.
    """
    return [n for n in partners_of(graph) if len(_blocks(graph, n)) >= 2]


def _blocks(graph: nx.Graph, node: str) -> list[str]:
    blocks = graph.nodes[node].get("blocks", "")
    return blocks.split(",") if blocks else []


def isolated_partners(graph: nx.Graph) -> list[str]:
    """Partners with no edge at all: no engagement, relation or co-mention."""
    return [n for n in partners_of(graph) if graph.degree(n) == 0]


def partner_themes(graph: nx.Graph) -> dict[str, set[str]]:
    """Partner node → theme nodes it works in, through its engagements' opgaven."""
    theme_of_opgave = {}
    for node, kind in graph.nodes(data="kind"):
        if kind == OPGAVE:
            theme_of_opgave[node] = next(
                (t for t in graph.neighbors(node) if graph.nodes[t]["kind"] == THEME), None
            )
    out: dict[str, set[str]] = defaultdict(set)
    for node in partners_of(graph):
        for other in graph.neighbors(node):
            theme = theme_of_opgave.get(other)
            if theme is not None:
                out[node].add(theme)
    return out


@dataclass(frozen=True)
class SharedPartners:
    theme_a: str
    theme_b: str
    partners: tuple[str, ...]


def themes_sharing_partners(graph: nx.Graph) -> list[SharedPartners]:
    """Pairs of themes that work with the same partners: where groups may work past each other."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_name = {}
    for partner, themes in partner_themes(graph).items():
        by_name[partner] = graph.nodes[partner]["label"].lower()
        for a, b in combinations(sorted(themes, key=_node_sort), 2):
            shared[(a, b)].append(partner)
    rows = [
        SharedPartners(a, b, tuple(sorted(ps, key=by_name.__getitem__)))
        for (a, b), ps in shared.items()
    ]
    rows.sort(key=lambda r: (-len(r.partners), _node_sort(r.theme_a), _node_sort(r.theme_b)))
    return rows


def _node_sort(node: str) -> tuple[str, int]:
    return node[0], int(node[1:])


def partner_links(graph: nx.Graph) -> list[tuple[str, str]]:
    """Partner–partner edges (explicit relations and co-mentions)."""
    return [(a, b) for a, b, kind in graph.edges(data="kind") if kind == PARTNERS]
