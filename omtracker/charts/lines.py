"""Lines over time: the trend charts with direct labels, and the small sparklines."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from omtracker.charts.svg import (
    DARK_TEXT,
    DASHES,
    PALETTE,
    SHAPES,
    Chart,
    Series,
    Table,
    add_point,
    add_text,
    axis_labels,
    percent,
    spread,
    svg_root,
    text_width,
    to_markup,
)


def line_chart(
    ident: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float = 100.0,
    y_min: float = 0.0,
    fmt: Callable[[float | None], str] = percent,
    x_heading: str = "",
    width: int = 560,
    height: int = 240,
    reference: tuple[float, str] | None = None,
    connect_gaps: bool = False,
) -> Chart:
    """Lines over time with direct labels at their ends.

    A None value leaves a gap, or is stepped over when `connect_gaps` (years without a
    measurement between two that have one).
    """
    end_labels = [f"{line.label} {fmt(y_max)}" for line in series]
    if reference is not None:
        end_labels.append(reference[1])
    span = (y_max - y_min) or 1.0
    ticks = [y_min + span * step / 4 for step in range(5)]
    left = int(max(text_width(fmt(tick)) for tick in ticks) + 10)
    top, bottom = 12, 40
    right = int(max((text_width(label) for label in end_labels), default=0) + 14)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(x_labels)

    def x_at(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h * (1 - (min(max(v, y_min), y_max) - y_min) / span)

    root = svg_root(ident, width, height, title, desc)
    grid = ET.SubElement(root, "g", {"class": "grid", "aria-hidden": "true"})
    for step, value in enumerate(ticks):
        y = y_at(value)
        ET.SubElement(
            grid,
            "line",
            {"x1": str(left), "x2": str(left + plot_w), "y1": f"{y:.1f}", "y2": f"{y:.1f}"},
        ).set("stroke", "#d9dde1" if step else "#6c757d")
        add_text(grid, left - 6, y + 4, fmt(value), **{"text-anchor": "end", "fill": "#495057"})
    axis_labels(grid, x_labels, [x_at(i) for i in range(n)], top + plot_h + 16, plot_w)
    if reference is not None:
        ref_value, ref_label = reference
        y = y_at(ref_value)
        ref = ET.SubElement(root, "g", {"class": "reference"})
        ET.SubElement(
            ref,
            "line",
            {
                "x1": str(left),
                "x2": str(left + plot_w),
                "y1": f"{y:.1f}",
                "y2": f"{y:.1f}",
                "stroke": "#212529",
                "stroke-dasharray": "4 4",
            },
        )
    ends: list[tuple[float, int]] = []  # (y, series index); -1 is the reference line's label
    for index, line in enumerate(series):
        colour = line.colour or PALETTE[index % len(PALETTE)]
        group = ET.SubElement(root, "g", {"class": "series"})
        segments: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(line.values):
            if value is None:
                if not connect_gaps:
                    segments.append([])
            else:
                segments[-1].append((x_at(i), y_at(value)))
        for segment in segments:
            if len(segment) > 1:
                path = ET.SubElement(
                    group,
                    "polyline",
                    {
                        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in segment),
                        "fill": "none",
                        "stroke": colour,
                        "stroke-width": "2.5",
                    },
                )
                if DASHES[index % len(DASHES)]:
                    path.set("stroke-dasharray", DASHES[index % len(DASHES)])
        shape = SHAPES[index % len(SHAPES)]
        last_y = None
        for i, value in enumerate(line.values):
            if value is None:
                continue
            note = line.notes[i] if i < len(line.notes) else None
            tip = f"{line.label}, {x_labels[i]}: {fmt(value)}" + (f" ({note})" if note else "")
            add_point(group, shape, x_at(i), y_at(value), colour, tip)
            last_y = y_at(value)
        if last_y is not None:
            ends.append((last_y, index))
    if reference is not None:
        ends.append((y_at(reference[0]), -1))
    labels = ET.SubElement(root, "g", {"class": "direct-labels"})
    for index, y in spread(ends, 14, top + 4, top + plot_h).items():
        if index == -1:
            add_text(labels, left + plot_w + 8, y + 4, reference[1], fill=DARK_TEXT)
            continue
        line = series[index]
        last = next((v for v in reversed(line.values) if v is not None), None)
        add_text(
            labels,
            left + plot_w + 8,
            y + 4,
            f"{line.label} {fmt(last)}",
            fill=line.colour or PALETTE[index % len(PALETTE)],
            **{"font-weight": "600"},
        )
    rows = []
    for i, label in enumerate(x_labels):
        cells = []
        for line in series:
            value = line.values[i] if i < len(line.values) else None
            note = line.notes[i] if i < len(line.notes) else None
            cells.append(fmt(value) + (f" ({note})" if note and value is not None else ""))
        rows.append((label, cells))
    table = Table(title, [x_heading] + [s.label for s in series], rows)
    return Chart(to_markup(root), table)


def nice_max(value: float) -> float:
    """A round top for an axis whose quarter ticks are round too (e.g. 63 → 80, 0.7 → 0.8)."""
    if value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.6, 2, 4, 6, 8, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale


def sparkline(
    ident: str,
    title: str,
    points: Sequence[tuple[str, float]],
    *,
    fmt: Callable[[float | None], str],
    positions: Sequence[float] | None = None,
    width: int = 180,
    height: int = 54,
) -> Chart:
    """A small trend line labelled with its first and last value; the values are in <desc>.

    `positions` places the points along x (e.g. years, so a gap of four years looks like one);
    without it they are evenly spaced.
    """
    desc = "; ".join(f"{label}: {fmt(value)}" for label, value in points)
    root = svg_root(ident, width, height, title, desc)
    values = [v for _, v in points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    left, right, top, bottom = 6, 6, 14, 14

    xs = list(positions) if positions is not None else list(range(len(points)))
    x_span = (xs[-1] - xs[0]) or 1

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (width - left - right) * ((xs[i] - xs[0]) / x_span if len(points) > 1 else 0.5)
        y = top + (height - top - bottom) * (1 - (v - low) / (high - low))
        return x, y

    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    ET.SubElement(
        root,
        "polyline",
        {
            "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
            "fill": "none",
            "stroke": PALETTE[0],
            "stroke-width": "2",
        },
    )
    for (label, value), (x, y) in zip(points, coords, strict=True):
        add_point(root, "circle", x, y, PALETTE[0], f"{label}: {fmt(value)}")
    for index, anchor in ((0, "start"), (len(points) - 1, "end")):
        label, value = points[index]
        x, _ = coords[index]
        add_text(root, x, height - 2, label, **{"text-anchor": anchor, "font-size": "10"})
        add_text(root, x, 10, fmt(value), **{"text-anchor": anchor, "font-size": "10"})
    table = Table(title, ["", ""], [(label, [fmt(value)]) for label, value in points])
    return Chart(to_markup(root), table)
