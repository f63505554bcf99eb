"""Shared pieces of the server-drawn charts: palette, result types and SVG drawing helpers.

ElementTree builds every chart, so the markup is always well-formed and every label escaped.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from omtracker.metrics.rules import round_half_up

# Okabe–Ito, darkened where needed for 3:1 contrast on white (WCAG 1.4.11).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#3D3D3D", "#8C6D00")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
SHAPES = ("circle", "square", "diamond", "triangle", "circle", "square")
# Sequential blues for heatmaps: light to dark, text switches to white on the dark steps.
HEAT_STEPS = ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#08306b")
EMPTY_FILL = "#ffffff"
DARK_TEXT = "#212529"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def percent(value: float | None) -> str:
    """A share from `metrics.rules.percent` (rule 7); any other float rounded half up."""
    if value is None:
        return "–"
    return f"{value if isinstance(value, int) else round_half_up(value)}%"


@dataclass(frozen=True)
class Series:
    """One line: a label, one value per x position (None = no data) and optional point notes."""

    label: str
    values: Sequence[float | None]
    notes: Sequence[str | None] = ()
    colour: str | None = None


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table: column headers (first is the row-header column)."""

    caption: str
    columns: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    svg: Markup
    table: Table


def svg_root(ident: str, width: int, height: int, title: str, desc: str) -> ET.Element:
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            "class": "om-chart",
            "id": ident,
            "font-family": FONT,
            "font-size": "12",
            "preserveAspectRatio": "xMinYMin meet",
        },
    )
    ET.SubElement(root, "title", {"id": f"{ident}-title"}).text = title
    ET.SubElement(root, "desc", {"id": f"{ident}-desc"}).text = desc
    return root


def add_text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    element.text = text
    return element


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink(fill: str) -> str:
    """Dark or white text, whichever contrasts more with the fill."""
    return DARK_TEXT if contrast(fill, DARK_TEXT) >= contrast(fill, "#ffffff") else "#ffffff"


def to_markup(root: ET.Element) -> Markup:
    return Markup(ET.tostring(root, encoding="unicode"))  # noqa: S704 - built by ElementTree


def text_width(text: str, size: float = 12) -> float:
    """A generous estimate of rendered width, for margins and truncation (no font metrics)."""
    return len(text) * size * 0.6


def axis_labels(
    parent: ET.Element, labels: Sequence[str], xs: Sequence[float], y: float, room: float
) -> None:
    """Name every k-th position (always the last); "jan 26" is drawn as "jan" with the year
    underneath where the year changes, so month labels never run into each other."""
    n = len(labels)
    split = [label.rsplit(" ", 1) if " " in label else [label, ""] for label in labels]
    widest = max((text_width(main, 11) for main, _ in split), default=0) + 6
    every = max(1, math.ceil(widest * n / max(room, 1)))
    shown_sub = None
    for i in range(n):
        if (n - 1 - i) % every:
            continue  # counted from the end: the latest position is always named
        main, sub = split[i]
        add_text(parent, xs[i], y, main, **{"text-anchor": "middle", "font-size": "11"})
        if sub and sub != shown_sub:
            add_text(parent, xs[i], y + 13, sub, **{"text-anchor": "middle", "font-size": "11"})
            shown_sub = sub


def add_point(parent: ET.Element, shape: str, x: float, y: float, colour: str, tip: str) -> None:
    if shape == "square":
        node = ET.SubElement(
            parent, "rect", {"x": f"{x - 3.5:.1f}", "y": f"{y - 3.5:.1f}", "width": "7"}
        )
        node.set("height", "7")
    elif shape in ("diamond", "triangle"):
        if shape == "diamond":
            pts = [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]
        else:
            pts = [(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)]
        node = ET.SubElement(
            parent, "polygon", {"points": " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)}
        )
    else:
        node = ET.SubElement(parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "4"})
    node.set("fill", colour)
    node.set("stroke", "#ffffff")
    ET.SubElement(node, "title").text = tip


def spread(positions: list[tuple[float, int]], gap: float, low: float, high: float) -> dict:
    """Push direct labels apart vertically so they never overlap; returns index → y."""
    placed: dict[int, float] = {}
    last = -math.inf
    for y, index in sorted(positions):
        y = max(y, last + gap, low)
        placed[index] = y
        last = y
    overflow = last - high
    if overflow > 0:
        placed = {i: y - overflow for i, y in placed.items()}
    return placed
