"""The expensive part of a network page, cached by the graph's structure.

Layout, betweenness and communities depend only on which nodes and edges exist, so they are
keyed by a hash of the sorted node and edge lists and recomputed only when that changes. Two
levels: a small in-process LRU (most requests) and a JSON file per key under the instance
folder, so a restarted or second worker does not pay again. A changed algorithm gets a new
`VERSION`, which changes every key.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx
from flask import current_app

from omtracker.network import metrics
from omtracker.network.layout import force_layout

VERSION = "fr-grid-np-1/bc-brandes-3000-500-42/louvain-42/key-2"
MEMORY_SLOTS = 32

_memory: OrderedDict[str, Analysis] = OrderedDict()
_lock = threading.Lock()


@dataclass
class Analysis:
    key: str
    positions: dict[str, tuple[float, float]]
    betweenness: dict[str, float]
    sample_k: int | None
    community: dict[str, int]


def structure_key(graph: nx.Graph) -> str:
    """A hash of the sorted node list and the sorted edge list (each edge as "a b", a < b)."""
    nodes = "\n".join(sorted(graph.nodes))
    edges = "\n".join(sorted(f"{a} {b}" if a < b else f"{b} {a}" for a, b in graph.edges))
    return hashlib.sha256(f"{VERSION}\n{nodes}\n--\n{edges}".encode()).hexdigest()


def cache_dir() -> Path:
    configured = current_app.config.get("NETWORK_CACHE_DIR")
    return Path(configured or os.path.join(current_app.instance_path, "cache", "network"))


def compute(graph: nx.Graph, key: str | None = None) -> Analysis:
    """Layout, centrality and communities for the graph, without any cache."""
    centrality, sample_k = metrics.betweenness(graph)
    return Analysis(
        key=key or structure_key(graph),
        positions=force_layout(list(graph.nodes), list(graph.edges)),
        betweenness={n: round(v, 6) for n, v in centrality.items()},
        sample_k=sample_k,
        community=metrics.communities(graph),
    )


def analyse(graph: nx.Graph) -> Analysis:
    """The graph's analysis from memory, else from the file cache, else computed and stored."""
    key = structure_key(graph)
    with _lock:
        found = _memory.get(key)
        if found is not None:
            _memory.move_to_end(key)
            return found
    found = _read(key)
    if found is None:
        found = compute(graph, key)
        _write(found)
    with _lock:
        _memory[key] = found
        while len(_memory) > MEMORY_SLOTS:
            _memory.popitem(last=False)
    return found


def clear_memory() -> None:
    with _lock:
        _memory.clear()


def _path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def _read(key: str) -> Analysis | None:
    try:
        with open(_path(key), encoding="utf-8") as fh:
            data = json.load(fh)
        data["positions"] = {n: tuple(xy) for n, xy in data["positions"].items()}
        return Analysis(**data)
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or unreadable: compute again


def _write(found: Analysis) -> None:
    """Write atomically (temp file + rename) so a reader never sees half a file."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(found), fh, separators=(",", ":"))
        os.replace(tmp, _path(found.key))
    except OSError:
        current_app.logger.warning("network layout cache not writable: %s", folder)
