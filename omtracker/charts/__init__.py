"""Charts drawn on the server as inline SVG: no script, no external host, readable by everyone.

The app must work offline under a strict CSP, and most people would rather look than read, so
the charts are plain SVG built here with ElementTree (always well-formed, always escaped). Each
one is an image with a <title> and <desc> (role="img"), carries text labels so colour is never
the only cue, uses the Okabe–Ito colour-blind-safe palette plus dash patterns and point shapes,
and comes with the same numbers as a table (`Chart.table`) that pages put in a <details>
element for screen readers and for anyone who wants the figures.

The package: `svg` holds the shared drawing helpers, palette and the Chart/Table/Series types;
`lines` draws lines over time (trends, sparklines); `grids` draws heatmaps.
"""

from omtracker.charts.grids import heat_step, heatmap
from omtracker.charts.lines import line_chart, nice_max, sparkline
from omtracker.charts.svg import (
    DARK_TEXT,
    HEAT_STEPS,
    PALETTE,
    Chart,
    Series,
    Table,
    contrast,
    ink,
    percent,
    text_width,
)

__all__ = [
    "DARK_TEXT",
    "HEAT_STEPS",
    "PALETTE",
    "Chart",
    "Series",
    "Table",
    "contrast",
    "heat_step",
    "heatmap",
    "ink",
    "line_chart",
    "nice_max",
    "percent",
    "sparkline",
    "text_width",
]
