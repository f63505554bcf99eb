"""Horizontal bars per group: the share reached of each tier, for the monthly report.

The web report shows this SVG; the PDF draws the same bars from the same numbers
(omtracker/reports/pdf_charts.py), so the board sees one picture in both.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from omtracker.charts.svg import PALETTE, Chart, Table, add_text, percent, svg_root, to_markup

BAR_HEIGHT = 12
GAP = 3
GROUP_GAP = 14
LABEL_WIDTH = 150
BAR_ROOM = 300


def tier_bars(
    ident: str,
    title: str,
    desc: str,
    tiers: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float | None]]],
) -> Chart:
    """One group of bars per row (label, a percentage per tier; None = nothing to count)."""
    legend_height = 22
    group_height = len(tiers) * (BAR_HEIGHT + GAP) + GROUP_GAP
    width = LABEL_WIDTH + BAR_ROOM + 50
    height = legend_height + len(rows) * group_height
    root = svg_root(ident, width, height, title, desc)
    x = LABEL_WIDTH
    for index, tier in enumerate(tiers):  # legend
        rect(root, x, 4, 10, 10, PALETTE[index])
        add_text(root, x + 14, 13, tier)
        x += 14 + len(tier) * 7 + 16
    y = legend_height
    for label, values in rows:
        add_text(root, 0, y + BAR_HEIGHT, label, **{"font-weight": "600"})
        for index, value in enumerate(values):
            top = y + index * (BAR_HEIGHT + GAP)
            length = 0 if value is None else BAR_ROOM * max(0.0, min(value, 100.0)) / 100
            rect(root, LABEL_WIDTH, top, BAR_ROOM, BAR_HEIGHT, "#f1f3f5")
            if length:
                rect(root, LABEL_WIDTH, top, length, BAR_HEIGHT, PALETTE[index])
            add_text(root, LABEL_WIDTH + BAR_ROOM + 6, top + BAR_HEIGHT - 2, percent(value))
        y += group_height
    table = Table(
        caption=title,
        columns=["", *tiers],
        rows=[(label, [percent(v) for v in values]) for label, values in rows],
    )
    return Chart(svg=to_markup(root), table=table)


def rect(parent: ET.Element, x: float, y: float, w: float, h: float, fill: str) -> None:
    ET.SubElement(
        parent,
        "rect",
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{w:.1f}", "height": f"{h:.1f}", "fill": fill},
    )
