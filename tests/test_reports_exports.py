"""Taking the report elsewhere: XLSX, PDF and print; comparing months; the half-year roll-ups."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry, Programme, ThemeStatus
from omtracker.reports.exports import month_xlsx, safe_text
from omtracker.reports.halfyear import HalfYear, build_halfyear, recent_halves
from omtracker.reports.snapshot import build_report
from tests.reports_support import PERIOD, add_report_data, grow


def _workbook(data: bytes):  # noqa: ANN202
    return load_workbook(io.BytesIO(data))


def test_xlsx_export_holds_the_numbers_and_the_highlights(world, login):
    add_report_data(world)
    response = login("bestuur").get(f"/rapportage/{PERIOD}.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith('-2026-10.xlsx"')
    wb = _workbook(response.get_data())
    assert wb.sheetnames == [
        "Rapport",
        "Bouwstenen en thema's",
        "Uitgelicht",
        "Kernindicatoren",
        "Risico's",
    ]
    rows = list(wb["Bouwstenen en thema's"].iter_rows(values_only=True))
    theme1 = next(row for row in rows if row[1] == "1. Jong geleerd")
    assert theme1[2] == "Op koers"
    assert theme1[4:7] == (2, 2, 1)  # expect: reached, total, share
    highlights = list(wb["Uitgelicht"].iter_rows(values_only=True))
    assert highlights[1][2] == "VV Testclub"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_xlsx_text_that_looks_like_a_formula_stays_text(world, login, text):
    add_report_data(world)
    entry = db.session.get(JournalEntry, world.entry_ids[PERIOD])
    entry.change_description = text
    status = db.session.scalars(
        select(ThemeStatus).where(ThemeStatus.theme_id == world.theme1_id)
    ).one()
    status.text = text
    db.session.flush()
    wb = _workbook(login("bestuur").get(f"/rapportage/{PERIOD}.xlsx").get_data())
    cell = wb["Uitgelicht"]["D2"]
    assert cell.data_type == "s" and cell.value == "'" + text
    statuses = [row[3] for row in wb["Bouwstenen en thema's"].iter_rows(values_only=True)]
    assert "'" + text in statuses
    raw = zipfile.ZipFile(io.BytesIO(login("bestuur").get(f"/rapportage/{PERIOD}.xlsx").get_data()))
    assert not any(
        b"<f>" in raw.read(name) for name in raw.namelist() if name.startswith("xl/worksheets/")
    )


def test_safe_text_leaves_ordinary_text_and_numbers_alone():
    assert safe_text("Loopt goed.") == "Loopt goed."
    assert safe_text(3) == 3
    assert safe_text("=1") == "'=1"


def test_xlsx_of_a_snapshot_is_reproducible(app, world):
    add_report_data(world)
    with app.test_request_context():
        report = build_report(db.session.get(Programme, world.programme_id), PERIOD)
        when = datetime(2026, 11, 2, 9, 30)
        assert month_xlsx(report, when) == month_xlsx(report, when)


def test_pdf_download_is_a_pdf_with_dutch_letters(world, login):
    add_report_data(world)
    entry = db.session.get(JournalEntry, world.entry_ids[PERIOD])
    entry.change_description = "Coördinatie met de gymzaal: één keer per week, café ’s avonds."
    db.session.flush()
    response = login("bestuur").get(f"/rapportage/{PERIOD}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    data = response.get_data()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"http" not in data.replace(b"http://ns.adobe.com", b"").replace(
        b"http://purl.org", b""
    ).replace(b"http://www.w3.org", b"")  # nothing to fetch


def test_print_layout_has_the_report_and_no_navigation(world, login):
    add_report_data(world)
    html = login("bestuur").get(f"/rapportage/{PERIOD}/afdrukken").get_data(as_text=True)
    assert "Maandrapportage oktober 2026" in html and "Jong geleerd" in html
    assert "Concept: nog niet gepubliceerd" in html
    assert 'id="print-now"' in html and "js/reports.js" in html
    assert "navbar" not in html and "<script>" not in html


def test_compare_two_months_side_by_side(world, login):
    add_report_data(world)
    client = login("bestuur")
    response = client.get("/rapportage/vergelijk?van=2026-09&tot=2026-10")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "september 2026" in html and "oktober 2026" in html
    assert "1 van 2 (50\xa0%)" in html  # expect in 2026-09: only expect1 was medium
    assert "2 van 2 (100\xa0%)" in html  # and in 2026-10
    assert 'class="text-nowrap differs"' in html


@pytest.mark.parametrize(
    "query",
    [
        "van=2026-13&tot=2026-10",
        "van=2026-09&tot=",
        "van=2999-01&tot=2026-10",
        "van=%27%3B--&tot=2026-10",
    ],
)
def test_compare_with_a_wrong_month_explains_itself(world, login, query):
    response = login("bestuur").get(f"/rapportage/vergelijk?{query}")
    assert response.status_code == 400
    assert "is-invalid" in response.get_data(as_text=True)


def test_compare_without_months_shows_the_form(world, login):
    response = login("bestuur").get("/rapportage/vergelijk")
    assert response.status_code == 200
    assert 'type="month"' in response.get_data(as_text=True)


def test_half_years_tile_the_year():
    may, november = HalfYear(2026, "mei"), HalfYear(2026, "november")
    assert (may.start, may.end) == ("2025-11", "2026-04")
    assert (november.start, november.end) == ("2026-05", "2026-10")
    assert may.kind == "quantitative" and november.kind == "qualitative"
    with pytest.raises(ValueError):
        HalfYear(2026, "juni")
    halves = recent_halves(date(2026, 11, 24))
    assert [(h.year, h.half) for h in halves] == [  # not "Mei 2027" in November 2026
        (2026, "november"),
        (2026, "mei"),
        (2025, "november"),
        (2025, "mei"),
    ]


def test_may_report_counts_attainment_from_the_start_to_the_end_of_the_half_year(world):
    add_report_data(world)
    programme = db.session.get(Programme, world.programme_id)
    data = build_halfyear(programme, HalfYear(2027, "mei"), today=date(2026, 11, 24))
    assert data["last_month"] == "2026-11" and not data["complete"]
    theme1 = next(t for b in data["blocks"] for t in b["themes"] if t["id"] == world.theme1_id)
    assert theme1["attainment_before"]["expect"]["reached"] == 2  # end of 2026-10
    assert theme1["attainment"]["expect"]["reached"] == 2
    data = build_halfyear(programme, HalfYear(2026, "november"), today=date(2026, 11, 24))
    assert data["complete"] and data["kind"] == "qualitative"


def test_november_report_tells_highlights_lessons_and_surprises(world, login):
    add_report_data(world)
    entry = db.session.get(JournalEntry, world.entry_ids[PERIOD])
    entry.lessons = "Vroeg beginnen met de school."
    entry.unanticipated_change = "De buurtvereniging sloot spontaan aan."
    db.session.flush()
    client = login("bestuur")
    html = client.get("/rapportage/halfjaar/2026/november").get_data(as_text=True)
    for text in (
        "Halfjaarrapportage november 2026",
        "Vroeg beginnen met de school.",
        "De buurtvereniging sloot spontaan aan.",
        "Uitgelicht",
        "Contactpersoon",
    ):
        assert text in html, text
    wb = _workbook(client.get("/rapportage/halfjaar/2026/november.xlsx").get_data())
    assert "Lessen" in wb.sheetnames
    lessons = list(wb["Lessen"].iter_rows(values_only=True))
    assert lessons[1][:3] == ("Jong geleerd", "Vroeg beginnen met de school.", 1)
    pdf = client.get("/rapportage/halfjaar/2026/november.pdf")
    assert pdf.status_code == 200 and pdf.get_data().startswith(b"%PDF-")


def test_may_report_page_and_exports(world, login):
    add_report_data(world)
    client = login("regisseur")
    html = client.get("/rapportage/halfjaar/2026/mei").get_data(as_text=True)
    assert "Halfjaarrapportage mei 2026" in html and "Wekelijkse sportdeelname" in html
    wb = _workbook(client.get("/rapportage/halfjaar/2026/mei.xlsx").get_data())
    assert wb.sheetnames == ["Halfjaar", "Bouwstenen en thema's", "Kernindicatoren"]
    assert client.get("/rapportage/halfjaar/2026/mei.pdf").get_data().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url",
    [
        "/rapportage/halfjaar/2026/juni",
        "/rapportage/halfjaar/2999/mei",
        "/rapportage/halfjaar/1999/mei",
        "/rapportage/halfjaar/abc/mei",
    ],
)
def test_impossible_half_years_are_not_found(world, login, url):
    assert login("bestuur").get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/rapportage/{PERIOD}.pdf",
        f"/rapportage/{PERIOD}.xlsx",
        f"/rapportage/{PERIOD}/afdrukken",
        "/rapportage/vergelijk",
        "/rapportage/halfjaar/2026/mei",
        "/rapportage/halfjaar/2026/mei.xlsx",
    ],
)
def test_theme_leaders_cannot_download_the_board_report(world, login, url):
    assert login("trekker1").get(url).status_code == 403


def test_xlsx_layout_bold_totals_percentages_widths_and_wrapped_text(world, login):
    add_report_data(world)
    wb = _workbook(login("bestuur").get(f"/rapportage/{PERIOD}.xlsx").get_data())
    ws = wb["Bouwstenen en thema's"]
    assert ws.freeze_panes == "A2"
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [12, 32, 16, 48, 11]
    header = ws[1]
    assert [c.value for c in header[:5]] == [
        "Bouwsteen",
        "Thema",
        "Status",
        "Toelichting thematrekker",
        "Verwacht: bereikt",
    ]
    assert all(c.font.b and c.alignment.wrap_text for c in header)
    rows = list(ws.iter_rows(min_row=2))
    theme1 = next(row for row in rows if row[1].value == "1. Jong geleerd")
    assert not theme1[1].font.b
    assert theme1[1].alignment.wrap_text and theme1[1].alignment.vertical == "top"
    shares = [6, 9, 12, 15]  # expect, like, love and coverage: 0-based columns G, J, M, P
    assert [theme1[i].number_format for i in shares] == ["0%"] * 4
    assert theme1[4].number_format == "General" and theme1[4].value == 2
    total = rows[-1]
    assert (total[0].value, total[1].value) == ("Programma", "Totaal")
    assert all(c.font.b for c in total[:20])
    assert [total[i].number_format for i in shares] == ["0%"] * 4
    assert header[6].number_format == "General"
    assert wb["Uitgelicht"].column_dimensions["D"].width == 80


def test_xlsx_downloads_cost_the_same_queries_for_a_bigger_programme(world, login, count_queries):
    add_report_data(world)
    client = login("regisseur")
    urls = [f"/rapportage/{PERIOD}.xlsx", "/rapportage/halfjaar/2026/november.xlsx"]

    def statements() -> list[int]:
        counts = []
        for url in urls:
            client.get(url)  # warm up: the roll-ups are cached after the first request
            with count_queries() as counter:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(counter.count)
        return counts

    small = statements()
    grow(world, engagements=12, months=14)
    large = statements()
    highlights = list(_workbook(client.get(urls[0]).get_data())["Uitgelicht"].values)
    assert len(highlights) > 12  # the larger data is in the file
    assert small == large
    assert all(count <= 12 for count in large), large
