"""The workbook writer behind the exports: what a spreadsheet reads back is what was written."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from omtracker import xlsx


def _read(data: bytes):  # noqa: ANN202
    return load_workbook(io.BytesIO(data))


def test_values_come_back_with_their_types_and_formats():
    book = xlsx.Workbook()
    sheet = book.add_sheet("Gegevens")
    sheet.append(["Tekst", "Getal", "Datum", "Moment"], bold=True)
    sheet.append(["Opgave 1", 3, date(2024, 2, 1), datetime(2026, 10, 5, 14, 30, 15)])
    sheet.append(["", None, 2.5, Decimal("45.5"), True, -7])
    wb = _read(book.save())
    ws = wb["Gegevens"]
    assert ws.freeze_panes == "A2"
    header = ws[1][:4]
    assert [c.value for c in header] == ["Tekst", "Getal", "Datum", "Moment"]
    assert all(c.font.b for c in header)
    a2, b2, c2, d2 = ws[2][:4]
    assert (a2.value, a2.data_type, a2.font.b) == ("Opgave 1", "s", False)
    assert (b2.value, b2.data_type) == (3, "n")
    assert (c2.value, c2.number_format) == (datetime(2024, 2, 1), "yyyy-mm-dd")
    # A stored time is UTC; the workbook shows it as Dutch wall-clock time (CEST: +2 h).
    assert (d2.value, d2.number_format) == (datetime(2026, 10, 5, 16, 30, 15), "yyyy-mm-dd h:mm:ss")
    assert [c.value for c in ws[3]] == [None, None, 2.5, 45.5, True, -7]
    assert ws.max_row == 3 and ws.max_column == 6


def test_text_stays_text_whatever_it_starts_with():
    book = xlsx.Workbook(text_filter=lambda text: "'" + text if text[0] in "=+-@" else text)
    sheet = book.add_sheet("Tekst")
    texts = ['=HYPERLINK("http://x")', "#N/A", "#REF!", "@SUM(A1)", "<b>&amp;</b>", " spatie "]
    sheet.append(texts)
    data = book.save()
    cells = _read(data)["Tekst"][1]
    assert [c.value for c in cells] == [
        '\'=HYPERLINK("http://x")',
        "#N/A",
        "#REF!",
        "'@SUM(A1)",
        "<b>&amp;</b>",
        " spatie ",
    ]
    assert all(c.data_type == "s" for c in cells)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert not any(b"<f>" in archive.read(n) for n in archive.namelist())


def test_characters_xml_cannot_hold_are_dropped_and_long_text_is_cut():
    book = xlsx.Workbook()
    sheet = book.add_sheet("Rommel")
    sheet.append(["a\x00b\x07c\x1fd", "regel 1\nregel 2\ttab", "x" * 40_000, "\ud800kapot"])
    cells = _read(book.save())["Rommel"][1]
    assert cells[0].value == "abcd"
    assert cells[1].value == "regel 1\nregel 2\ttab"
    assert len(cells[2].value) == 32_767
    assert cells[3].value == "kapot"


def test_report_layout_widths_wrapping_bold_rows_and_percentages():
    book = xlsx.Workbook()
    sheet = book.add_sheet("Cijfers", [12, 30.5], wrap_text=True, column_formats={1: "0%"})
    sheet.append(["Naam", "Aandeel"], bold=True)
    sheet.append(["Thema", 0.5])
    sheet.append(["Totaal", None], bold=True)
    ws = _read(book.save())["Cijfers"]
    assert ws.column_dimensions["A"].width == 12 and ws.column_dimensions["B"].width == 30.5
    assert ws["A1"].font.b and ws["A1"].alignment.wrap_text
    assert ws["B1"].number_format == "General"  # the header is not a percentage
    assert ws["A2"].alignment.wrap_text and ws["A2"].alignment.vertical == "top"
    assert not ws["A2"].font.b
    assert (ws["B2"].value, ws["B2"].number_format) == (0.5, "0%")
    assert ws["A3"].font.b and ws["B3"].font.b and ws["B3"].number_format == "0%"


def test_many_columns_many_sheets_and_a_long_title():
    book = xlsx.Workbook()
    first = book.add_sheet("Een titel die langer is dan eenendertig tekens")
    first.append(list(range(60)))
    book.add_sheet("Leeg").append([])
    wb = _read(book.save())
    assert wb.sheetnames == ["Een titel die langer is dan een", "Leeg"]
    ws = wb.worksheets[0]
    assert ws["BH1"].value == 59 and ws.max_column == 60


def test_the_same_content_and_time_give_the_same_bytes():
    def build() -> bytes:
        book = xlsx.Workbook()
        sheet = book.add_sheet("Vast")
        sheet.append(["a", 1, date(2026, 1, 1)], bold=True)
        return book.save(datetime(2026, 11, 2, 9, 30))

    assert build() == build()
    properties = _read(build()).properties
    assert properties.created == datetime(2026, 11, 2, 9, 30)
    assert properties.creator == "omtracker"


def test_values_a_cell_cannot_hold_are_refused():
    sheet = xlsx.Workbook().add_sheet("Fout")
    with pytest.raises(TypeError):
        sheet.append([object()])
