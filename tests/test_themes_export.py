"""A theme's journals and markers as XLSX and CSV: complete, readable, and formula-safe."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import JournalContributor, JournalEntry, MarkerRating
from omtracker.themes.export import neutralise

EVIL = '=HYPERLINK("http://evil.example","klik")'


def _plant_formulas(world) -> None:
    """Journal text that a spreadsheet would run, and a contributing partner."""
    with audit.suspended():
        entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
        entry.change_description = EVIL
        entry.lessons = "+31 6 1234"
        entry.evidence = "@SUM(1)"
        db.session.add(JournalContributor(entry=entry, partner_id=world.partner_ids["school"]))
        rating = db.session.query(MarkerRating).filter_by(entry_id=entry.id).first()
        rating.note = "-2 punten"
        db.session.flush()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-5", "'-5"),
        ("@A1", "'@A1"),
        ("\t=x", "'\t=x"),
        ("gewoon", "gewoon"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise_prefixes_only_text_a_spreadsheet_would_evaluate(value, expected):
    assert neutralise(value) == expected


def test_xlsx_has_four_sheets_with_engagements_markers_entries_and_ratings(login, world):
    _plant_formulas(world)
    response = login("trekker1").get(f"/themas/{world.theme1_id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    assert ".xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Uitkomstuitdagingen",
        "Voortgangsmarkeringen",
        "Logboeken",
        "Beoordelingen",
    ]
    engagements = list(book["Uitkomstuitdagingen"].values)
    assert engagements[0][:3] == ("Opgave", "Grenspartner", "Uitkomstuitdaging")
    assert engagements[1][:3] == (
        "Beweegdiploma",
        "VV Testclub",
        "De club biedt beweegles aan kleuters.",
    )
    markers = list(book["Voortgangsmarkeringen"].values)
    assert len(markers) == 1 + 4
    assert [row[2] for row in markers[1:]] == [
        "Verwacht te zien",
        "Verwacht te zien",
        "Graag te zien",
        "Prachtig om te zien",
    ]
    # current level: expect1 high (3) in October, expect2 medium, like1 low, love1 never rated
    assert [row[8] for row in markers[1:]] == [3, 2, 1, 0]
    assert markers[1][7] == "Hoog"
    entries = list(book["Logboeken"].values)
    assert [row[2] for row in entries[1:]] == ["2026-09", "2026-10"]
    october = entries[2]
    assert october[3] == "'" + EVIL  # shown as text, never run
    assert october[5] == "Basisschool De Test"
    assert october[6] == "'@SUM(1)" and october[8] == "'+31 6 1234"
    ratings = list(book["Beoordelingen"].values)
    assert len(ratings) == 1 + 5
    assert "'-2 punten" in [row[7] for row in ratings]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"


def test_csv_has_the_same_sections_and_neutralised_text(login, world):
    _plant_formulas(world)
    response = login("bestuur").get(f"/themas/{world.theme1_id}/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    titles = [r[0] for r in rows if len(r) == 1]
    assert titles == ["Uitkomstuitdagingen", "Voortgangsmarkeringen", "Logboeken", "Beoordelingen"]
    flat = [cell for row in rows for cell in row]
    assert "'" + EVIL in flat and EVIL not in flat
    assert "De club biedt beweegles aan kleuters." in flat
    assert "Club borgt de aanpak" in flat
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in flat)


@pytest.mark.parametrize("username", ["lid1", "bestuur", "buiten", "trekker2"])
def test_export_is_readable_by_every_reader_of_the_programme(login, world, username):
    client = login(username)
    assert client.get(f"/themas/{world.theme1_id}/export.xlsx").status_code == 200
    assert client.get(f"/themas/{world.theme1_id}/export.csv").status_code == 200


def test_export_is_not_found_for_another_programme(login, world):
    other = login("anderregisseur")
    assert other.get(f"/themas/{world.theme1_id}/export.xlsx").status_code == 404
    assert other.get(f"/themas/{world.theme1_id}/export.csv").status_code == 404


def test_export_of_an_empty_theme_has_headers_only(login, world):
    response = login("trekker2").get(f"/themas/{world.theme2_id}/export.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert all(sheet.max_row == 1 for sheet in book.worksheets)
