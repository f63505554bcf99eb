"""A deterministic force-directed layout, computed on the server with numpy and scipy.

Fruchterman–Reingold with the grid variant of the original paper (repulsion only between nodes
closer than 2·K, found with a k-d tree), vectorised with numpy: ~0.7 s for 2,000 nodes where the
same algorithm in plain Python took ~4 s. Why not NetworkX's `spring_layout`: above 500 nodes it
loops over the nodes in Python every iteration (~11 s on 2,000 nodes). Why not vis-network's
physics in the browser: it takes minutes on a few hundred nodes in headless Chromium. The layout
runs per connected component and the components are packed in rows; isolated nodes are set out in
a tidy grid below, where a coordinator sees them at once. A fixed seed and sorted input make it
deterministic, so the cached result is the same for everyone and only changes when the graph does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.spatial import cKDTree

K = 1.0  # ideal edge length in layout units
SCALE = 80.0  # layout unit → vis-network canvas pixels
SEED = 2026


def _iterations(size: int) -> int:
    if size <= 60:
        return 300
    if size <= 400:
        return 160
    return 70


def force_layout(
    nodes: Sequence[str], edges: Iterable[tuple[str, str]], seed: int = SEED
) -> dict[str, tuple[float, float]]:
    """Node → (x, y) in canvas pixels; same input, same output."""
    order = sorted(nodes)
    index = {n: i for i, n in enumerate(order)}
    adjacency: list[set[int]] = [set() for _ in order]
    for a, b in edges:
        i, j = index[a], index[b]
        if i != j:
            adjacency[i].add(j)
            adjacency[j].add(i)
    components = _components(adjacency)
    rng = np.random.default_rng(seed)
    groups = [c for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]

    placed: list[tuple[list[int], list[float], list[float]]] = []
    for members in groups:
        xs, ys = _force(members, adjacency, rng)
        placed.append((members, *_spread(xs, ys)))
    positions = _pack(placed, singles)
    return {order[i]: (round(x * SCALE, 1), round(y * SCALE, 1)) for i, (x, y) in positions.items()}


def _components(adjacency: list[set[int]]) -> list[list[int]]:
    seen = [False] * len(adjacency)
    out = []
    for start in range(len(adjacency)):
        if seen[start]:
            continue
        seen[start] = True
        stack, members = [start], []
        while stack:
            node = stack.pop()
            members.append(node)
            for other in adjacency[node]:
                if not seen[other]:
                    seen[other] = True
                    stack.append(other)
        out.append(sorted(members))
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


def _force(
    members: list[int], adjacency: list[set[int]], rng: np.random.Generator
) -> tuple[list[float], list[float]]:
    """Fruchterman–Reingold on one component; returns coordinates aligned with `members`."""
    m = len(members)
    local = {node: i for i, node in enumerate(members)}
    edges = np.array(
        sorted((local[a], local[b]) for a in members for b in adjacency[a] if a < b and b in local),
        dtype=np.intp,
    ).reshape(-1, 2)
    side = math.sqrt(m) * K * 1.2
    pos = rng.random((m, 2)) * side
    cell = 2.0 * K
    k2 = K * K
    iterations = _iterations(m)
    temperature = max(side / 5.0, K)
    cooling = temperature / (iterations + 1)
    gravity = 0.02
    # a fixed nudge for nodes that land on the same spot, so they push apart deterministically
    nudge = np.array([0.003, 0.01])
    for _ in range(iterations):
        disp = np.zeros((m, 2))
        pairs = cKDTree(pos).query_pairs(cell, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            d2 = np.einsum("ij,ij->i", delta, delta)
            close = d2 < 1e-6
            if close.any():
                delta[close] = nudge
                d2[close] = 1e-4
            push = delta * (k2 / d2)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(i, push[:, axis], m) - np.bincount(j, push[:, axis], m)
        if len(edges):
            a, b = edges[:, 0], edges[:, 1]
            delta = pos[a] - pos[b]
            pull = delta * (np.sqrt(np.einsum("ij,ij->i", delta, delta)) / K)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(b, pull[:, axis], m) - np.bincount(a, pull[:, axis], m)
        disp -= gravity * (pos - pos.mean(axis=0))
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))
        scale = np.where(length > temperature, temperature / np.maximum(length, 1e-12), 1.0)
        pos += disp * scale[:, None]
        temperature = max(temperature - cooling, 0.02 * K)
    return pos[:, 0].tolist(), pos[:, 1].tolist()


def _spread(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Scale a component so its median nearest-neighbour distance is `K`.

    Force layouts of dense components settle tighter than `K` (many edges pull harder than the
    cut-off repulsion pushes); a uniform scale keeps the shape and gives labels room.
    """
    pos = np.column_stack([xs, ys])
    distances, _ = cKDTree(pos).query(pos, k=2)
    typical = float(np.median(distances[:, 1]))
    if typical <= 1e-9:
        return xs, ys
    factor = K / typical
    return [x * factor for x in xs], [y * factor for y in ys]


def _pack(
    placed: list[tuple[list[int], list[float], list[float]]], singles: list[int]
) -> dict[int, tuple[float, float]]:
    """Components left to right in rows (largest first), isolated nodes in a grid below."""
    boxes = []
    for members, xs, ys in placed:
        x0, y0 = min(xs), min(ys)
        boxes.append((members, [x - x0 for x in xs], [y - y0 for y in ys]))
    area = sum((max(xs) + 2 * K) * (max(ys) + 2 * K) for _, xs, ys in boxes)
    widest = max((max(xs) for _, xs, _ in boxes), default=0.0)
    row_width = max(math.sqrt(area + len(singles) * 1.5 * K * K) * 1.2, widest + 2 * K, 8 * K)
    out: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, xs, ys in boxes:
        width, height = max(xs) + 2 * K, max(ys) + 2 * K
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, px, py in zip(members, xs, ys, strict=True):
            out[node] = (x + px, y + py)
        x += width
        row_height = max(row_height, height)
    y += row_height + (K if boxes else 0.0)
    columns = max(1, int(row_width / (1.2 * K)))
    for n, node in enumerate(singles):
        out[node] = ((n % columns) * 1.2 * K, y + (n // columns) * 1.2 * K)
    return out
