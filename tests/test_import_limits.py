"""Import bombs: a small upload that unpacks into millions of rows is refused at once, unread.

The upload cap holds for the compressed file only; these files stay far below it. Each test
would have read every row on the old code (tens of seconds and hundreds of megabytes for the
real-sized bombs of bench/import_bomb_bench.py) before saying anything.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from omtracker.partners import import_limits, importing

HEADER = ["partner", "opgave", "uitkomstuitdaging", "startdatum"]


def bomb(rows: int, declare: bool = False, extra_members: int = 0) -> bytes:
    """A workbook whose sheet holds a header and `rows` identical rows: tiny once zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        template = io.BytesIO()
        workbook = Workbook()
        workbook.active.append(HEADER)
        workbook.save(template)
        with zipfile.ZipFile(template) as real:
            for member in real.infolist():
                if member.filename == "xl/worksheets/sheet1.xml":
                    continue
                archive.writestr(member.filename, real.read(member))
        head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        if declare:
            head += f'<dimension ref="A1:D{rows + 1}"/>'
        cells = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
        body = head + f"<sheetData><row>{cells}</row>" + "<row><c><v>1</v></c></row>" * rows
        archive.writestr("xl/worksheets/sheet1.xml", body + "</sheetData></worksheet>")
        for number in range(extra_members):
            archive.writestr(f"xl/media/image{number}.png", b"x")
    return buffer.getvalue()


def refused(data: bytes, filename: str = "bom.xlsx", max_rows: int = 2000) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(importing.ImportFileError) as caught:
        importing.read_table(data, filename, "uitkomstuitdagingen", max_rows)
    return str(caught.value), time.perf_counter() - started


@pytest.fixture(autouse=True)
def _request(app):  # noqa: ANN001, ANN202
    with app.test_request_context("/"):
        yield


def test_a_workbook_whose_sheet_unpacks_beyond_the_part_limit_is_refused_before_parsing(
    monkeypatch,
):
    data = bomb(40_000)  # ~1 MB of sheet XML in ~3 KB
    assert len(data) < 10_000
    monkeypatch.setattr(import_limits, "MAX_PART_BYTES", 512 * 1024)
    message, seconds = refused(data)
    assert "xl/worksheets/sheet1.xml" in message and "hoogstens 0,5 MB per deel" in message
    assert seconds < 1


def test_a_strongly_compressed_part_is_refused_naming_the_ratio(monkeypatch):
    monkeypatch.setattr(import_limits, "RATIO_FLOOR", 100_000)
    message, _seconds = refused(bomb(40_000))
    assert "verdacht sterk gecomprimeerd" in message and "hoogstens 100 keer" in message


def test_a_sheet_with_more_rows_than_allowed_is_refused_by_counting_not_reading(monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_RATIO", 10_000)  # past the compression check
    message, seconds = refused(bomb(300_000))  # 7 MB unpacked, 300,000 rows, ~20 KB zipped
    assert "Het werkblad heeft 300001 rijen; importeer hoogstens 2000 rijen per keer." in message
    assert seconds < 3


def test_a_declared_dimension_beyond_the_limit_is_refused():
    message, _seconds = refused(bomb(20_000, declare=True), max_rows=100)
    assert "Het werkblad heeft 20001 rijen; importeer hoogstens 100 rijen per keer." in message


def test_a_workbook_of_too_many_parts_is_refused():
    message, _seconds = refused(bomb(5, extra_members=import_limits.MAX_MEMBERS))
    assert f"hoogstens {import_limits.MAX_MEMBERS} zijn toegestaan" in message


def test_rows_are_read_only_up_to_the_limit_in_xlsx_and_csv():
    message, _seconds = refused(bomb(150), max_rows=100)
    assert "meer dan 100 rijen" in message
    csv = ("partner;opgave;uitkomstuitdaging;startdatum\n" + "A;1;x;01-01-2026\n" * 150).encode()
    message, _seconds = refused(csv, "bom.csv", max_rows=100)
    assert (
        message == "Het bestand heeft meer dan 100 rijen; importeer hoogstens 100 rijen per keer."
    )


def test_a_csv_of_blank_lines_stops_early():
    data = b"partner;opgave;uitkomstuitdaging;startdatum\n" + b"\n" * 2_000_000
    message, seconds = refused(data, "bom.csv")
    assert "meer dan 2000 rijen" in message
    assert seconds < 1


def test_a_file_within_the_limits_is_still_read_whole():
    csv = ("partner;opgave;uitkomstuitdaging;startdatum\n" + "A;1;x;01-01-2026\n" * 100).encode()
    table = importing.read_table(csv, "ok.csv", "uitkomstuitdagingen", 100)
    assert len(table.rows) == 100
    table = importing.read_table(bomb(100), "ok.xlsx", "uitkomstuitdagingen", 100)
    assert len(table.rows) == 100 and table.rows[-1][0] == 101
