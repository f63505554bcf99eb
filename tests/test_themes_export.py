"""A theme's journals and markers as XLSX and CSV: complete, readable, and formula-safe."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    MarkerRating,
    Opgave,
    ProgressMarker,
)
from omtracker.periods import current_period
from omtracker.themes.export import neutralise
from tests.themes_support import grow_theme, month_nl

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


def test_xlsx_has_sheets_with_engagements_markers_entries_ratings_strategies_outcomes(login, world):
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
        "Strategieën",
        "Geoogste uitkomsten",
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
    assert [row[8] for row in markers[1:]] == [3, 2, 1, None]  # love1: never rated
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


HEADERS = {
    "Uitkomstuitdagingen": (
        "Opgave",
        "Grenspartner",
        "Uitkomstuitdaging",
        "Monitoringfrequentie (maanden)",
        "Startdatum",
        "Actief",
        "Gearchiveerd",
        "Voorbeelddata",
    ),
    "Voortgangsmarkeringen": (
        "Opgave",
        "Grenspartner",
        "Niveau",
        "Volgorde",
        "Voortgangsmarkering",
        "Telt vanaf",
        "Telt tot en met",
        f"Huidige stand ({month_nl(current_period())})",
        "Huidige stand (0–3)",
    ),
    "Logboeken": (
        "Opgave",
        "Grenspartner",
        "Maand",
        "Beschrijving van de verandering",
        "Bijdragende factoren en actoren",
        "Bijdragende partners",
        "Bronnen van bewijs",
        "Onverwachte verandering",
        "Lessen en nodige aanpassingen",
        "Uitgelicht",
        "Auteur",
        "Laatst gewijzigd",
    ),
    "Beoordelingen": (
        "Opgave",
        "Grenspartner",
        "Maand",
        "Niveau",
        "Voortgangsmarkering",
        "Beoordeling",
        "Beoordeling (0–3)",
        "Toelichting",
    ),
}


def _theme_counts(theme_id: int) -> list[int]:
    """Engagements, markers, journal entries and ratings of a theme, counted in SQL."""
    in_theme = Engagement.opgave_id.in_(select(Opgave.id).where(Opgave.theme_id == theme_id))
    return [
        db.session.scalar(select(func.count(Engagement.id)).where(in_theme)),
        db.session.scalar(select(func.count(ProgressMarker.id)).join(Engagement).where(in_theme)),
        db.session.scalar(select(func.count(JournalEntry.id)).join(Engagement).where(in_theme)),
        db.session.scalar(
            select(func.count(MarkerRating.id))
            .join(JournalEntry, JournalEntry.id == MarkerRating.entry_id)
            .join(Engagement, Engagement.id == JournalEntry.engagement_id)
            .where(in_theme)
        ),
    ]


def test_xlsx_layout_headers_dates_and_a_row_per_record(login, world):
    grow_theme(world, world.theme1_id, 2)
    response = login("trekker1").get(f"/themas/{world.theme1_id}/export.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [*HEADERS, "Strategieën", "Geoogste uitkomsten"]
    for sheet, count in zip(book.worksheets, _theme_counts(world.theme1_id), strict=False):
        rows = list(sheet.iter_rows())
        assert tuple(cell.value for cell in rows[0]) == HEADERS[sheet.title]
        assert all(cell.font.b for cell in rows[0]), sheet.title
        assert not any(cell.font.b for cell in rows[1]), sheet.title
        assert sheet.freeze_panes == "A2"
        assert len(rows) == 1 + count, sheet.title
    start = book["Uitkomstuitdagingen"]["E2"]
    assert isinstance(start.value, datetime) and start.number_format == "yyyy-mm-dd"
    changed = book["Logboeken"]["L2"]
    assert isinstance(changed.value, datetime) and changed.number_format == "yyyy-mm-dd h:mm:ss"
    assert book["Voortgangsmarkeringen"]["D2"].value == 1  # positions count from 1
    ratings = list(book["Beoordelingen"].values)[1:]
    assert {row[3] for row in ratings} == {
        "Verwacht te zien",
        "Graag te zien",
        "Prachtig om te zien",
    }
    assert all(isinstance(row[6], int) and 0 <= row[6] <= 3 for row in ratings)


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_queries_do_not_grow_with_the_theme(login, world, count_queries, extension):
    client = login("trekker1")
    url = f"/themas/{world.theme1_id}/export.{extension}"

    def statements() -> tuple[int, int]:
        client.get(url)  # warm up: first-request work is not the export's cost
        db.session.expire_all()  # as a fresh request: nothing the test loaded saves a query
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200
        return counter.count, len(response.data)

    small, small_size = statements()
    grow_theme(world, world.theme1_id, 2, tag="a")
    medium, _ = statements()
    grow_theme(world, world.theme1_id, 4, tag="b")
    large, large_size = statements()
    assert large_size > 5 * small_size  # the export did grow
    # the workbook has two more sheets than the CSV (strategies, harvested outcomes): one query each
    assert small == medium == large <= (12 if extension == "xlsx" else 10)
