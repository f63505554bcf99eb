"""The data block the map's JavaScript reads: nodes with positions, edges, labels and links.

Kept compact (short keys, empty fields left out) because a 2,000-node map must stay well under
2 MB with its HTML. All text is data, never markup: the script puts it on the page with
`textContent` and vis-network draws labels on a canvas.
"""

from __future__ import annotations

import math
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from omtracker import labels
from omtracker.network import metrics
from omtracker.network.graph import ENGAGEMENT, MULTIPLE, NO_BLOCK, OPGAVE, PARTNER, PARTNERS
from omtracker.network.services import NetworkView
from omtracker.periods import format_period

KIND_CODE = {PARTNER: "p", OPGAVE: "o", "theme": "t"}
EDGE_CODE = {ENGAGEMENT: "e", PARTNERS: "p", "theme": "t"}
BASE_SIZE = {PARTNER: 8, OPGAVE: 11, "theme": 16}
URL_SENTINEL = 987654321
LABELLED_PARTNERS = 12  # the most central partners keep their name at every zoom
COLOURED_GROUPS = 8  # the largest groups get a colour of their own; the rest share grey


def map_data(view: NetworkView, marks: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the map needs; `marks` adds the comparison's highlights (node/edge → flag)."""
    graph, analysis = view.graph, view.analysis
    peak = max(analysis.betweenness.values(), default=0.0) or 1.0
    bridging = set(metrics.bridging_partners(graph))
    periods: set[str] = set()
    type_labels = {str(k): str(v) for k, v in labels.PARTNER_TYPE.items()}
    relation_labels = {str(k): str(v) for k, v in labels.RELATION_TYPE.items()}
    nodes = []
    labelled = _most_central_partners(view)
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        centrality = analysis.betweenness.get(node, 0.0)
        x, y = analysis.positions.get(node, (0.0, 0.0))
        item: dict[str, Any] = {
            "id": node,
            "k": KIND_CODE[kind],
            "l": data["label"],
            "x": x,
            "y": y,
            "b": data["block"],
            "s": round(BASE_SIZE[kind] + 18 * math.sqrt(centrality / peak), 1),
            "d": view.degree.get(node, 0),
            "c": round(centrality, 4),
            "g": analysis.community.get(node, 0),
            "r": data.get(f"{kind}_id"),
        }
        if kind == PARTNER:
            item["ty"] = type_labels.get(data["type"], data["type"])
            flags = ""
            flags += "b" if node in bridging else ""
            flags += "d" if node in view.dormant else ""
            flags += "i" if view.degree.get(node, 0) == 0 else ""
            if flags:
                item["f"] = flags
            if data.get("last_period"):
                item["lp"] = data["last_period"]
                periods.add(data["last_period"])
            item["n"] = data.get("entries", 0)
            if data.get("is_example"):
                item["ex"] = 1
            if node in labelled:
                item["tp"] = 1
        nodes.append(item)
    edges = []
    for a, b, data in graph.edges(data=True):
        item = {"f": a, "t": b, "k": EDGE_CODE[data["kind"]]}
        if data["kind"] == ENGAGEMENT:
            item["w"] = data["weight"]
            item["e"] = data["engagement_id"]
            if data["last_entry_id"]:
                item["j"] = data["last_entry_id"]
                item["lp"] = data["last_period"]
                periods.add(data["last_period"])
        elif data["kind"] == PARTNERS:
            if data["relations"]:
                item["r"] = ", ".join(
                    relation_labels.get(r, r) for r in data["relations"].split(",")
                )
            if data["comentions"]:
                item["m"] = data["comentions"]
        edges.append(item)
    if marks:
        for item in nodes:
            if item["id"] in marks:
                item["h"] = marks[item["id"]]
        for item in edges:
            key = (item["f"], item["t"]) if item["f"] < item["t"] else (item["t"], item["f"])
            if key in marks:
                item["h"] = marks[key]
    return {
        "nodes": nodes,
        "edges": edges,
        "sampled": analysis.sample_k,
        "period": view.filter.period,
        "periods": {p: format_period(p) for p in sorted(periods)},
        "groups": _groups(view),
        "urls": _urls(),
        "sentinel": str(URL_SENTINEL),
        "text": _texts(),
    }


def _most_central_partners(view: NetworkView) -> set[str]:
    """The partners with the highest tussenpositie (betweenness) that have one at all."""
    graph, betweenness = view.graph, view.analysis.betweenness
    ranked = sorted(
        (n for n, d in graph.nodes(data=True) if d["kind"] == PARTNER and betweenness.get(n)),
        key=lambda n: -betweenness[n],
    )
    return set(ranked[:LABELLED_PARTNERS])


def _groups(view: NetworkView) -> list[dict[str, Any]]:
    """The largest groups of partners that often work together (communities 1..8), each named
    after its most central partner, for the map's colours and legend."""
    graph, analysis = view.graph, view.analysis
    best: dict[int, tuple[float, str]] = {}
    sizes: dict[int, int] = {}
    for node, data in graph.nodes(data=True):
        group = analysis.community.get(node, 0)
        if not 0 < group <= COLOURED_GROUPS or data["kind"] != PARTNER:
            continue
        sizes[group] = sizes.get(group, 0) + 1
        score = analysis.betweenness.get(node, 0.0)
        if group not in best or score > best[group][0]:
            best[group] = (score, data["label"])
    return [{"g": group, "name": best[group][1], "n": sizes[group]} for group in sorted(best)]


def _urls() -> dict[str, str]:
    """URL patterns with a sentinel id for the pages that exist in this installation."""
    from flask import current_app

    targets = {
        "partner": ("partners.partner", "partner_id"),
        "opgave": ("themes.opgave", "opgave_id"),
        "theme": ("themes.theme", "theme_id"),
        "engagement": ("engagements.engagement", "engagement_id"),
        "entry": ("journals.entry", "entry_id"),
    }
    return {
        name: url_for(endpoint, **{arg: URL_SENTINEL})
        for name, (endpoint, arg) in targets.items()
        if endpoint in current_app.view_functions
    }


def map_json(view: NetworkView, marks: dict[str, Any] | None = None) -> Markup:
    """The data block's content: compact JSON, safe inside <script> (<, >, & escaped)."""
    return htmlsafe_json_dumps(map_data(view, marks), separators=(",", ":"))


def block_labels() -> dict[str, str]:
    return {
        **{str(k): str(v) for k, v in labels.BUILDING_BLOCK.items()},
        MULTIPLE: _("Meerdere bouwstenen"),
        NO_BLOCK: _("Geen uitkomstuitdaging"),
    }


def _texts() -> dict[str, Any]:
    return {
        "kind": {"p": _("Grenspartner"), "o": _("Opgave"), "t": _("Thema")},
        "block": block_labels(),
        "flags": {"b": _("Verbindend"), "d": _("Slapend"), "i": _("Geïsoleerd")},
        "marks": {
            "new": _("Nieuwe verbinding"),
            "lost": _("Verdwenen verbinding"),
            "dormant": _("Slapend geworden"),
            "active": _("Weer actief"),
        },
        "degree": _("Verbindingen"),
        "betweenness": _("Tussenpositie"),
        "community": _("Groep"),
        "noCommunity": _("geen"),
        "groupName": _("Groep rond %(name)s"),
        "groupSize": _("%(n)s partners"),
        "otherGroups": _("Kleinere groepen en losse knooppunten"),
        "entries": _("Logboeken in de periode"),
        "lastJournal": _("Laatste logboek"),
        "none": _("nog geen"),
        "engagements": _("Uitkomstuitdagingen"),
        "partners": _("Grenspartners"),
        "opgaven": _("Opgaven"),
        "theme": _("Thema"),
        "links": _("Samenwerking en samen genoemd"),
        "relation": _("relatie"),
        "comentions": _("keer samen genoemd"),
        "entriesShort": _("logboeken"),
        "openPartner": _("Naar de partnerpagina"),
        "openOpgave": _("Naar de opgave"),
        "openTheme": _("Naar het thema"),
        "openJournal": _("logboek"),
        "show": _("Toon op de kaart"),
        "example": str(labels.EXAMPLE_DATA),
        "noMatch": _("Geen knooppunt gevonden met deze naam."),
        "matches": _("Gevonden: kies een knooppunt om erheen te gaan."),
        "type": _("Soort"),
        "blocks": _("Bouwstenen"),
    }
