"""The network as files for Gephi, Kumu and spreadsheets: GraphML, GEXF and CSV.

GraphML and GEXF come from NetworkX's writers, on a copy of the graph whose attributes are
plain strings and numbers (the writers reject None and lists) plus the measures shown on the
map. The CSV files open in Dutch Excel like the theme CSV: semicolons, a byte-order mark,
decimal commas and ja/nee; text that a spreadsheet would read as a formula gets a leading
apostrophe. Column names follow Gephi's import (Id/Label, Source/Target/Weight; Gephi detects
the semicolon) so the files load without mapping.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from omtracker.network.graph import PARTNERS
from omtracker.network.services import NetworkView

BLOCK_RGB = {
    "hardware": (138, 75, 8),
    "orgware": (29, 107, 58),
    "software": (91, 44, 131),
    "multiple": (31, 78, 121),
    "none": (108, 117, 125),
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

NODE_COLUMNS = (
    "Id",
    "Label",
    "soort",
    "bouwsteen",
    "bouwstenen",
    "partnertype",
    "wijk",
    "verbindingen",
    "betweenness",
    "gemeenschap",
    "verbindend",
    "slapend",
    "logboeken",
    "laatste_logboek",
    "x",
    "y",
)
EDGE_COLUMNS = (
    "Source",
    "Target",
    "Weight",
    "soort",
    "relaties",
    "samen_genoemd",
    "uitkomstuitdaging_id",
    "laatste_logboek",
)


def export_graph(view: NetworkView) -> nx.Graph:
    """A copy with only str/int/float/bool attributes and the map's measures added."""
    graph, analysis = view.graph, view.analysis
    out = nx.Graph()
    out.graph.update(
        {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float)}
        | {"betweenness_sampled_k": analysis.sample_k or 0}
    )
    for row in _node_rows(view):
        node = row["Id"]
        attrs = {k: v for k, v in row.items() if k not in ("Id", "Label")}
        attrs["label"] = row["Label"]
        out.add_node(node, **attrs)
    for row in _edge_rows(view):
        attrs = {k: v for k, v in row.items() if k not in ("Source", "Target", "Weight")}
        attrs["weight"] = row["Weight"]
        out.add_edge(row["Source"], row["Target"], **attrs)
    return out


def graphml(view: NetworkView) -> bytes:
    return "\n".join(nx.generate_graphml(export_graph(view))).encode("utf-8")


def gexf(view: NetworkView) -> bytes:
    """GEXF 1.2 with Gephi's viz position, colour and size, so Gephi opens the same picture."""
    graph = export_graph(view)
    peak = max(view.analysis.betweenness.values(), default=0.0) or 1.0
    for _node, data in graph.nodes(data=True):
        r, g, b = BLOCK_RGB.get(data["bouwsteen"], BLOCK_RGB["none"])
        data["viz"] = {
            "position": {"x": float(data["x"]), "y": float(-data["y"]), "z": 0.0},
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": 5.0 + 20.0 * (data["betweenness"] / peak) ** 0.5,
        }
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, version="1.2draft")
    return buffer.getvalue()


def nodes_csv(view: NetworkView) -> str:
    return _csv(NODE_COLUMNS, _node_rows(view))


def edges_csv(view: NetworkView) -> str:
    return _csv(EDGE_COLUMNS, _edge_rows(view))


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def dutch_cell(value: Any) -> Any:
    """A value as Dutch Excel reads it: ja/nee, a decimal comma, formulas neutralised."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return (text if text not in ("", "-0") else "0").replace(".", ",")
    return safe_cell(value)


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: dutch_cell(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM: spreadsheets then read the UTF-8 correctly


def _node_rows(view: NetworkView) -> list[dict[str, Any]]:
    graph, analysis = view.graph, view.analysis
    rows = []
    for node, data in graph.nodes(data=True):
        x, y = analysis.positions.get(node, (0.0, 0.0))
        blocks = data.get("blocks", "")
        rows.append(
            {
                "Id": node,
                "Label": data["label"],
                "soort": data["kind"],
                "bouwsteen": data["block"],
                "bouwstenen": blocks,
                "partnertype": data.get("type", ""),
                "wijk": data.get("wijk", ""),
                "verbindingen": view.degree.get(node, 0),
                "betweenness": float(analysis.betweenness.get(node, 0.0)),
                "gemeenschap": analysis.community.get(node, 0),
                "verbindend": bool(blocks and len(blocks.split(",")) >= 2),
                "slapend": node in view.dormant,
                "logboeken": int(data.get("entries", 0)),
                "laatste_logboek": data.get("last_period", ""),
                "x": float(x),
                "y": float(y),
            }
        )
    return rows


def _edge_rows(view: NetworkView) -> list[dict[str, Any]]:
    rows = []
    for a, b, data in view.graph.edges(data=True):
        kind = data["kind"]
        rows.append(
            {
                "Source": a,
                "Target": b,
                "Weight": int(data.get("weight", 1)),
                "soort": kind,
                "relaties": data.get("relations", "") if kind == PARTNERS else "",
                "samen_genoemd": int(data.get("comentions", 0)),
                "uitkomstuitdaging_id": int(data.get("engagement_id", 0)),
                "laatste_logboek": data.get("last_period", ""),
            }
        )
    return rows
