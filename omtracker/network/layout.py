"""A deterministic force-directed layout in plain Python, computed on the server.

Why not NetworkX's `spring_layout`: it needs numpy (not a dependency of this app) and takes ~11 s
on 2,000 nodes. Why not vis-network's physics in the browser: it takes minutes on a few hundred
nodes in headless Chromium. This is Fruchterman–Reingold with the grid variant of the original
paper (repulsion only between nodes in neighbouring cells), run per connected component and the
components packed in rows; isolated nodes are set out in a tidy grid below, where a coordinator
sees them at once. A fixed seed and sorted input make it deterministic, so the cached result is
the same for everyone and only changes when the graph does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

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
    rng = random.Random(seed)
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
    members: list[int], adjacency: list[set[int]], rng: random.Random
) -> tuple[list[float], list[float]]:
    """Fruchterman–Reingold on one component; returns coordinates aligned with `members`."""
    m = len(members)
    local = {node: i for i, node in enumerate(members)}
    edges = sorted(
        (local[a], local[b]) for a in members for b in adjacency[a] if a < b and b in local
    )
    side = math.sqrt(m) * K * 1.2
    xs = [rng.random() * side for _ in range(m)]
    ys = [rng.random() * side for _ in range(m)]
    cell = 2.0 * K
    reach2 = cell * cell
    k2 = K * K
    iterations = _iterations(m)
    temperature = max(side / 5.0, K)
    cooling = temperature / (iterations + 1)
    gravity = 0.02
    for _ in range(iterations):
        dx = [0.0] * m
        dy = [0.0] * m
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(m):
            grid.setdefault((int(xs[i] // cell), int(ys[i] // cell)), []).append(i)
        for (cx, cy), here in grid.items():
            candidates = list(here)
            for key in ((cx + 1, cy), (cx - 1, cy + 1), (cx, cy + 1), (cx + 1, cy + 1)):
                near = grid.get(key)
                if near:
                    candidates.extend(near)
            n_here = len(here)
            for a in range(n_here):
                i = here[a]
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                # pairs inside this cell once (b > a), and every pair with the forward cells
                for b in range(a + 1, len(candidates)):
                    j = candidates[b]
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 >= reach2:
                        continue
                    if d2 < 1e-6:
                        ddx, ddy, d2 = 0.01 * ((i * 7 + j) % 5 - 2) + 0.003, 0.01, 1e-4
                    f = k2 / d2
                    fx += ddx * f
                    fy += ddy * f
                    dx[j] -= ddx * f
                    dy[j] -= ddy * f
                dx[i] += fx
                dy[i] += fy
        for i, j in edges:
            ddx = xs[i] - xs[j]
            ddy = ys[i] - ys[j]
            f = math.sqrt(ddx * ddx + ddy * ddy) / K
            dx[i] -= ddx * f
            dy[i] -= ddy * f
            dx[j] += ddx * f
            dy[j] += ddy * f
        mx = sum(xs) / m
        my = sum(ys) / m
        for i in range(m):
            ddx = dx[i] - gravity * (xs[i] - mx)
            ddy = dy[i] - gravity * (ys[i] - my)
            length = math.sqrt(ddx * ddx + ddy * ddy)
            if length > temperature:
                ddx *= temperature / length
                ddy *= temperature / length
            xs[i] += ddx
            ys[i] += ddy
        temperature = max(temperature - cooling, 0.02 * K)
    return xs, ys


def _spread(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Scale a component so its typical nearest-neighbour distance is `K`.

    Force layouts of dense components settle tighter than `K` (many edges pull harder than the
    cut-off repulsion pushes); a uniform scale keeps the shape and gives labels room. The median
    is taken over at most 200 evenly spaced nodes so it stays cheap on big components.
    """
    m = len(xs)
    step = max(1, m // 200)
    nearest = []
    for i in range(0, m, step):
        xi, yi = xs[i], ys[i]
        best = min((xs[j] - xi) ** 2 + (ys[j] - yi) ** 2 for j in range(m) if j != i)
        nearest.append(math.sqrt(best))
    nearest.sort()
    typical = nearest[len(nearest) // 2]
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
