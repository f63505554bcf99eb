"""Heatmaps: rows × months, the value written in every cell and explained in a legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from omtracker.charts.svg import (
    EMPTY_FILL,
    HEAT_STEPS,
    Chart,
    Table,
    add_text,
    axis_labels,
    ink,
    percent,
    svg_root,
    text_width,
    to_markup,
)


def heat_step(value: float | None, maximum: float) -> int | None:
    """Which of the five colour steps a value falls in (None: no data)."""
    if value is None:
        return None
    share = 0.0 if maximum <= 0 else min(max(value / maximum, 0.0), 1.0)
    return min(int(share * len(HEAT_STEPS)), len(HEAT_STEPS) - 1)


def heatmap(
    ident: str,
    title: str,
    desc: str,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    legend_title: str,
    maximum: float = 100.0,
    fmt: Callable[[float | None], str] = percent,
    notes: Sequence[Sequence[str | None]] | None = None,
    empty_label: str = "geen",
    row_heading: str = "",
) -> Chart:
    """A grid of coloured cells with the value written in each cell when it fits."""
    longest = max((len(label) for label in row_labels), default=0)
    max_chars = min(longest, 42)
    label_w = int(text_width("x" * max_chars) + 16)
    cell_w = 44 if len(col_labels) <= 12 else 34
    cell_h, top = 24, 34
    width = max(label_w + cell_w * max(1, len(col_labels)) + 8, 660)
    legend_y = top + cell_h * len(row_labels) + 16
    height = legend_y + 44
    root = svg_root(ident, width, height, title, desc)
    heads = ET.SubElement(root, "g", {"class": "columns", "aria-hidden": "true"})
    centres = [label_w + cell_w * j + (cell_w - 2) / 2 for j in range(len(col_labels))]
    axis_labels(heads, col_labels, centres, 12, cell_w * len(col_labels))
    for i, row in enumerate(row_labels):
        y = top + cell_h * i
        short = row if len(row) <= max_chars else row[: max_chars - 1] + "…"
        node = add_text(root, label_w - 8, y + cell_h / 2 + 4, short, **{"text-anchor": "end"})
        if short != row:
            ET.SubElement(node, "title").text = row
        for j, col in enumerate(col_labels):
            value = values[i][j]
            step = heat_step(value, maximum)
            x = label_w + cell_w * j
            cell = ET.SubElement(
                root,
                "rect",
                {
                    "x": str(x),
                    "y": str(y),
                    "width": str(cell_w - 2),
                    "height": str(cell_h - 2),
                    "fill": EMPTY_FILL if step is None else HEAT_STEPS[step],
                    "stroke": "#ced4da" if step is None else "none",
                },
            )
            note = notes[i][j] if notes else None
            tip = f"{row}, {col}: " + (empty_label if value is None else fmt(value))
            ET.SubElement(cell, "title").text = tip + (f" ({note})" if note else "")
            text = "·" if value is None else fmt(value).replace("%", "")
            add_text(
                root,
                x + (cell_w - 2) / 2,
                y + cell_h / 2 + 3,
                text,
                **{
                    "text-anchor": "middle",
                    "font-size": "10",
                    "fill": "#212529" if step is None else ink(HEAT_STEPS[step]),
                    "aria-hidden": "true",
                },
            )
    legend = ET.SubElement(root, "g", {"class": "legend"})
    add_text(legend, 0, legend_y + 4, legend_title, **{"font-weight": "600"})
    for k, colour in enumerate(HEAT_STEPS):
        x = 8 + k * 104
        low = maximum * k / len(HEAT_STEPS)
        high = maximum * (k + 1) / len(HEAT_STEPS)
        ET.SubElement(
            legend,
            "rect",
            {"x": str(x), "y": str(legend_y + 14), "width": "18", "height": "14", "fill": colour},
        ).set("stroke", "#adb5bd")
        add_text(legend, x + 24, legend_y + 25, f"{fmt(low)}–{fmt(high)}")
    x = 8 + len(HEAT_STEPS) * 104
    ET.SubElement(
        legend,
        "rect",
        {"x": str(x), "y": str(legend_y + 14), "width": "18", "height": "14", "fill": EMPTY_FILL},
    ).set("stroke", "#ced4da")
    add_text(legend, x + 24, legend_y + 25, f"· {empty_label}")
    rows = []
    for i, row in enumerate(row_labels):
        cells = []
        for j in range(len(col_labels)):
            value = values[i][j]
            note = notes[i][j] if notes else None
            cells.append(
                empty_label if value is None else fmt(value) + (f" ({note})" if note else "")
            )
        rows.append((row, cells))
    return Chart(to_markup(root), Table(title, [row_heading, *col_labels], rows))
