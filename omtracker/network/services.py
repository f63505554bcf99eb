"""Read models for the network pages: the filtered graph, its measures, the change between months.

Plain functions with explicit arguments (no `request`), so tests call them directly. Every page
runs the fixed set of queries of `graph.build_graph` plus `omtracker.metrics.dormant_partners`;
the expensive measures come from the structure-keyed cache in `analysis.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
from flask_babel import gettext as _
from flask_babel import ngettext

from omtracker.labels import RELATION_TYPE
from omtracker.metrics import dormant_partners
from omtracker.models import Role
from omtracker.network import metrics, pagecache
from omtracker.network.analysis import Analysis, analyse
from omtracker.network.graph import ENGAGEMENT, PARTNER, PARTNERS, NetworkFilter, build_graph
from omtracker.permissions import can_view_programme, is_board, is_coordinator

TABLE_LIMIT = 50
CENTRAL_LIMIT = 15
SHARED_LIMIT = 25
NAMES_LIMIT = 12


def can_read_network(user: Any, programme_id: int | None = None) -> bool:
    """Coordinators and administrators review the map, the board reads it, and so do theme
    leaders and members: the map is how groups see where they work with the same partners.
    Users without a theme see nothing of the programme's partner work here."""
    if not (user and user.is_authenticated):
        return False
    if programme_id is not None and not can_view_programme(user, programme_id):
        return False
    if is_coordinator(user) or is_board(user) or user.role == Role.admin:
        return True
    return bool(user.memberships)


@dataclass
class NodeRow:
    """One line of a table beside the map; `partner_id` is set for partners (for the link)."""

    node: str
    label: str
    partner_id: int | None = None
    degree: int = 0
    betweenness: float = 0.0
    community: int = 0
    detail: str = ""
    blocks: list[str] = field(default_factory=list)


@dataclass
class Table:
    rows: list[NodeRow]
    total: int

    @property
    def shown(self) -> int:
        return len(self.rows)


@dataclass
class SharedRow:
    theme_a: str
    theme_b: str
    partners: list[NodeRow]
    partner_total: int


@dataclass
class CommunityRow:
    number: int
    size: int
    partners: list[NodeRow]
    partner_total: int
    hubs: list[str]


@dataclass
class NetworkView:
    filter: NetworkFilter
    graph: nx.Graph
    analysis: Analysis
    degree: dict[str, int]
    dormant: set[str]
    bridging: Table
    isolated: Table
    dormant_table: Table
    central: Table
    shared: list[SharedRow]
    shared_total: int
    communities: list[CommunityRow]
    communities_total: int

    @property
    def partner_count(self) -> int:
        return sum(1 for _, kind in self.graph.nodes(data="kind") if kind == PARTNER)


def network_view(programme_id: int, flt: NetworkFilter) -> NetworkView:
    graph = build_graph(programme_id, flt)
    analysis = analyse(graph)
    return _view(programme_id, flt, graph, analysis)


def cached_network_view(programme_id: int, flt: NetworkFilter) -> NetworkView:
    """The view from `pagecache` while the programme's data is unchanged."""
    return pagecache.cached(programme_id, ("view", flt), lambda: network_view(programme_id, flt))


def _view(
    programme_id: int, flt: NetworkFilter, graph: nx.Graph, analysis: Analysis
) -> NetworkView:
    degree = metrics.degree(graph)
    dormant = {
        f"p{pid}" for pid in dormant_partners(programme_id, flt.period) if f"p{pid}" in graph
    }

    def row(node: str, detail: str = "") -> NodeRow:
        data = graph.nodes[node]
        blocks = data.get("blocks", "")
        return NodeRow(
            node=node,
            label=data["label"],
            partner_id=data.get("partner_id"),
            degree=degree[node],
            betweenness=analysis.betweenness.get(node, 0.0),
            community=analysis.community.get(node, 0),
            detail=detail,
            blocks=blocks.split(",") if blocks else [],
        )

    def table(nodes: list[str], key: Any = None) -> Table:
        ordered = sorted(nodes, key=key or (lambda n: graph.nodes[n]["label"].lower()))
        shown = ordered[:TABLE_LIMIT]
        return Table([row(n, graph.nodes[n].get("last_period", "")) for n in shown], len(nodes))

    partners = metrics.partners_of(graph)
    shared = metrics.themes_sharing_partners(graph)
    communities = _communities(graph, analysis, row)
    central = sorted(
        (p for p in partners if degree[p] > 0),
        key=lambda n: (-analysis.betweenness.get(n, 0.0), -degree[n], graph.nodes[n]["label"]),
    )[:CENTRAL_LIMIT]
    return NetworkView(
        filter=flt,
        graph=graph,
        analysis=analysis,
        degree=degree,
        dormant=dormant,
        bridging=table(
            metrics.bridging_partners(graph),
            key=lambda n: (-graph.nodes[n]["blocks"].count(","), graph.nodes[n]["label"].lower()),
        ),
        isolated=table(metrics.isolated_partners(graph)),
        dormant_table=table(
            list(dormant),
            key=lambda n: (graph.nodes[n]["last_period"], graph.nodes[n]["label"].lower()),
        ),
        central=Table([row(n) for n in central], len(central)),
        shared=[
            SharedRow(
                graph.nodes[s.theme_a]["label"],
                graph.nodes[s.theme_b]["label"],
                [row(p) for p in s.partners[:NAMES_LIMIT]],
                len(s.partners),
            )
            for s in shared[:SHARED_LIMIT]
        ],
        shared_total=len(shared),
        communities=communities[:SHARED_LIMIT],
        communities_total=len(communities),
    )


def _communities(graph: nx.Graph, analysis: Analysis, row: Any) -> list[CommunityRow]:
    members: dict[int, list[str]] = {}
    for node, number in analysis.community.items():
        if number and node in graph:
            members.setdefault(number, []).append(node)
    out = []
    for number in sorted(members):
        nodes = members[number]
        partners = sorted(
            (n for n in nodes if graph.nodes[n]["kind"] == PARTNER),
            key=lambda n: -analysis.betweenness.get(n, 0.0),
        )
        hubs = [graph.nodes[n]["label"] for n in nodes if graph.nodes[n]["kind"] != PARTNER]
        out.append(
            CommunityRow(
                number=number,
                size=len(nodes),
                partners=[row(p) for p in partners[:8]],
                partner_total=len(partners),
                hubs=sorted(hubs, key=str.lower)[:6],
            )
        )
    return out


@dataclass
class LinkRow:
    a: str
    b: str
    label_a: str
    label_b: str
    kind: str


@dataclass
class Comparison:
    """The network of `van` against that of `tot`, drawn as one map of both."""

    van: str
    tot: str
    view: NetworkView
    new_links: list[LinkRow]
    lost_links: list[LinkRow]
    became_dormant: list[NodeRow]
    became_active: list[NodeRow]


def compare(programme_id: int, van: str, tot: str, flt: NetworkFilter) -> Comparison:
    """New and lost links and partners that went quiet or woke up between two months."""
    before = build_graph(programme_id, replace(flt, period=van))
    after = build_graph(programme_id, replace(flt, period=tot))
    both = nx.compose(before, after)
    view = _view(programme_id, replace(flt, period=tot), both, analyse(both))
    edges_before = {_edge(a, b) for a, b in before.edges}
    edges_after = {_edge(a, b) for a, b in after.edges}

    def links(pairs: set[tuple[str, str]]) -> list[LinkRow]:
        rows = [
            LinkRow(a, b, both.nodes[a]["label"], both.nodes[b]["label"], both.edges[a, b]["kind"])
            for a, b in pairs
        ]
        rows.sort(key=lambda r: (r.kind, r.label_a.lower(), r.label_b.lower()))
        return rows

    dormant_before = {f"p{pid}" for pid in dormant_partners(programme_id, van)}
    dormant_after = view.dormant

    def partner_rows(nodes: set[str]) -> list[NodeRow]:
        present = sorted((n for n in nodes if n in both), key=lambda n: both.nodes[n]["label"])
        return [NodeRow(n, both.nodes[n]["label"], both.nodes[n]["partner_id"]) for n in present]

    return Comparison(
        van=van,
        tot=tot,
        view=view,
        new_links=links(edges_after - edges_before),
        lost_links=links(edges_before - edges_after),
        became_dormant=partner_rows(dormant_after - dormant_before),
        became_active=partner_rows(dormant_before - dormant_after),
    )


def _edge(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@dataclass
class TextNode:
    node: str
    kind: str
    label: str
    ref: int
    partner_id: int | None
    block: str
    degree: int
    betweenness: float
    community: int
    flags: list[str]
    last_period: str


@dataclass
class TextLink:
    a: str
    b: str
    kind: str
    detail: str


def text_tables(view: NetworkView) -> tuple[list[TextNode], list[TextLink]]:
    """The map as two tables (nodes, links) for keyboard and screen-reader users."""
    graph, analysis = view.graph, view.analysis
    order = {"theme": 0, "opgave": 1, PARTNER: 2}
    nodes = []
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        flags = []
        if len(data.get("blocks", "").split(",")) >= 2:
            flags.append(_("verbindend"))
        if node in view.dormant:
            flags.append(_("slapend"))
        if kind == PARTNER and view.degree[node] == 0:
            flags.append(_("geïsoleerd"))
        nodes.append(
            TextNode(
                node=node,
                kind=kind,
                label=data["label"],
                ref=data[f"{kind}_id"],
                partner_id=data.get("partner_id"),
                block=data["block"],
                degree=view.degree[node],
                betweenness=analysis.betweenness.get(node, 0.0),
                community=analysis.community.get(node, 0),
                flags=flags,
                last_period=data.get("last_period", ""),
            )
        )
    nodes.sort(key=lambda n: (order[n.kind], n.label.lower()))
    links = []
    for a, b, data in graph.edges(data=True):
        if graph.nodes[a]["kind"] != PARTNER and graph.nodes[b]["kind"] == PARTNER:
            a, b = b, a  # partner first, then opgave; opgave before theme
        if graph.nodes[a]["kind"] == "theme":
            a, b = b, a
        links.append(TextLink(graph.nodes[a]["label"], graph.nodes[b]["label"], *_describe(data)))
    links.sort(key=lambda r: (r.kind, r.a.lower(), r.b.lower()))
    return nodes, links


def _describe(data: dict) -> tuple[str, str]:
    kind = data["kind"]
    if kind == ENGAGEMENT:
        return _("Uitkomstuitdaging"), ngettext(
            "%(num)s logboek in de periode", "%(num)s logboeken in de periode", data["weight"]
        )
    if kind == PARTNERS:
        parts = [str(RELATION_TYPE.get(r, r)) for r in data["relations"].split(",") if r]
        if data["comentions"]:
            parts.append(
                ngettext(
                    "%(num)s keer samen genoemd", "%(num)s keer samen genoemd", data["comentions"]
                )
            )
        return _("Tussen partners"), "; ".join(parts)
    return _("Opgave van thema"), ""
