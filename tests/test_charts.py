"""Server-drawn SVG charts: well-formed, described for screen readers, readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from omtracker import charts
from omtracker.charts import HEAT_STEPS, PALETTE, Series, contrast, ink

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(chart: charts.Chart) -> ET.Element:
    root = ET.fromstring(str(chart.svg))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def assert_described(root: ET.Element, ident: str, title: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{ident}-title {ident}-desc"
    assert root.find("svg:title", NS).text == title
    assert root.find("svg:title", NS).get("id") == f"{ident}-title"
    assert root.find("svg:desc", NS).get("id") == f"{ident}-desc"
    assert root.find("svg:desc", NS).text


def test_line_chart_is_valid_svg_with_direct_labels_and_a_table():
    chart = charts.line_chart(
        "t1",
        "Verloop",
        "Drie lijnen",
        ["jan 26", "feb 26", "mrt 26"],
        [
            Series("Verwacht", [10.0, 50.0, 75.0], ["1 van 10", "5 van 10", "3 van 4"]),
            Series("Graag", [0.0, None, 20.0]),
        ],
        x_heading="Maand",
    )
    root = parse(chart)
    assert_described(root, "t1", "Verloop")
    labels = texts(root)
    assert "Verwacht 75%" in labels and "Graag 20%" in labels  # named at the line ends
    assert "jan" in labels and "26" in labels and "mrt" in labels
    assert "0%" in labels and "100%" in labels
    # A missing month breaks the line: Graag has two single points, so no polyline at all.
    assert len(root.findall(".//svg:polyline", NS)) == 1
    points = root.findall(".//svg:g[@class='series']/*/svg:title", NS)
    assert "Verwacht, jan 26: 10% (1 van 10)" in [p.text for p in points]
    assert chart.table.columns == ["Maand", "Verwacht", "Graag"]
    assert chart.table.rows[0] == ("jan 26", ["10% (1 van 10)", "0%"])
    assert chart.table.rows[1] == ("feb 26", ["50% (5 van 10)", "–"])


def test_connected_gaps_and_a_reference_line():
    chart = charts.line_chart(
        "t2",
        "Per jaar",
        "Waarden",
        ["2018", "2019", "2020"],
        [Series("Assen", [40.0, None, 45.0])],
        connect_gaps=True,
        reference=(50.0, "doel 2026: 50%"),
        y_max=60,
    )
    root = parse(chart)
    assert len(root.findall(".//svg:polyline", NS)) == 1
    assert "doel 2026: 50%" in texts(root)


def test_heatmap_writes_values_escapes_labels_and_explains_its_legend():
    chart = charts.heatmap(
        "h1",
        "Markeringen per opgave",
        "Aandeel bereikt",
        ["Sport & <bewegen>", "Een heel lange opgavetitel die beslist niet in de kolom past"],
        ["sep 26", "okt 26"],
        [[0.0, 100.0], [None, 55.0]],
        notes=[["0 van 4", "4 van 4"], [None, "11 van 20"]],
        legend_title="Aandeel bereikte markeringen (alle niveaus samen)",
        empty_label="geen markeringen",
        row_heading="Opgave",
    )
    root = parse(chart)
    assert_described(root, "h1", "Markeringen per opgave")
    labels = texts(root)
    assert "Sport & <bewegen>" in labels
    assert "Aandeel bereikte markeringen (alle niveaus samen)" in labels
    assert "100" in labels and "55" in labels and "·" in labels
    assert any(label.endswith("…") for label in labels)  # long titles shortened...
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "Een heel lange opgavetitel die beslist niet in de kolom past" in titles  # ...in full
    assert "Sport & <bewegen>, okt 26: 100% (4 van 4)" in titles
    assert chart.table.rows == [
        ("Sport & <bewegen>", ["0% (0 van 4)", "100% (4 van 4)"]),
        (
            "Een heel lange opgavetitel die beslist niet in de kolom past",
            ["geen markeringen", "55% (11 van 20)"],
        ),
    ]


@pytest.mark.parametrize(("value", "step"), [(None, None), (0, 0), (19.9, 0), (20, 1), (100, 4)])
def test_heat_steps(value, step):
    assert charts.heat_step(value, 100.0) == step


def test_colours_are_readable():
    for colour in PALETTE:  # lines and points: 3:1 against white (WCAG 1.4.11)
        assert contrast(colour, "#ffffff") >= 3
    for fill in HEAT_STEPS:  # numbers inside heatmap cells: 4.5:1 (WCAG 1.4.3)
        assert contrast(fill, ink(fill)) >= 4.5


def test_sparkline_is_valid_svg_described_by_its_values():
    spark = charts.sparkline(
        "s1",
        "Sportdeelname",
        [("2016", 40.0), ("2020", 45.0)],
        fmt=lambda v: f"{v:.0f}%",
        positions=[2016, 2020],
    )
    root = parse(spark)
    assert_described(root, "s1", "Sportdeelname")
    assert root.find("svg:desc", NS).text == "2016: 40%; 2020: 45%"
    assert {"2016", "2020", "40%", "45%"} <= set(texts(root))
