"""The report PDF prints every partner name and journal as typed: an embedded Unicode font
(issue 13, item 7); what the font cannot draw becomes □, never an error or a "?"."""

from __future__ import annotations

import re
import zlib
from datetime import datetime

from omtracker.reports.pdf import ReportPDF

TEXT = "Şahin Spor, Łódź, Ελληνικά, Привет; één café ’s avonds 🎉"


def pdf_with(text: str) -> bytes:
    pdf = ReportPDF("Maandrapportage", "Assen Sportstad", datetime(2026, 11, 2, 9, 30))
    pdf.heading(text)
    pdf.paragraph(text, bold_prefix="Ş:")
    pdf.grid(["Partner"], [[text]], [180])
    return bytes(pdf.output())


def printed_characters(data: bytes) -> set[str]:
    """The characters the PDF's fonts map back to text (their ToUnicode tables)."""
    found: set[str] = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            text = stream  # stored uncompressed
        if b"begincmap" in text:
            for code in re.findall(rb"<[0-9A-F]{4}> <([0-9A-F]{4,8})>", text):
                found.add(bytes.fromhex(code.decode()).decode("utf-16-be"))
    return found


def test_polish_turkish_greek_and_cyrillic_letters_print_as_typed(app):
    data = pdf_with(TEXT)
    assert data.startswith(b"%PDF-")
    printed = printed_characters(data)
    for letter in "ŞşŁłόΕλПри’éè":
        if letter in TEXT:
            assert letter in printed, letter
    assert b"/FontFile2" in data  # the font travels inside the file


def test_a_character_the_font_lacks_prints_as_a_box_without_failing(app):
    printed = printed_characters(pdf_with("Feest 🎉 bij 足球 club\u200d"))
    assert "□" in printed
    assert "🎉" not in printed and "?" not in printed


def test_the_same_report_gives_the_same_file(app):
    assert pdf_with(TEXT) == pdf_with(TEXT)
