"""The attention panel (issue 14): who is behind and why, at the top of the report and dashboard."""

from __future__ import annotations

import copy
import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from omtracker import attention
from omtracker.extensions import db
from omtracker.models import MonthlyReport, Programme, Rag, ThemeStatus
from omtracker.reports.snapshot import build_report, report_sha256
from tests.reports_support import PERIOD, add_report_data

NOVEMBER = "2026-11"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _panel_html(html: str) -> str:
    start = html.index('class="attention-panel')
    return html[start : html.index("</section>", start)]


def test_board_sees_the_off_track_theme_and_its_reason_in_the_panel_at_the_top(world, login):
    add_report_data(world)
    html = login("bestuur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    panel = _text(_panel_html(html))
    assert "Sportparken" in panel and "Geen trekker beschikbaar." in panel
    assert "Jong geleerd" not in panel.split("logboek")[0]  # on track: not a concern
    # The panel comes before the figures, the plain summary before both.
    order = [html.index(h) for h in ("plain-heading", "attention-heading", "summary-heading")]
    assert order == sorted(order)
    summary = _text(html[html.index("plain-heading") : html.index("attention-heading")])
    assert "1 thema vraagt aandacht: Sportparken (niet op koers)." in summary


def test_risks_count_every_theme_that_needs_attention(world, login):
    add_report_data(world)
    status = db.session.scalars(
        select(ThemeStatus).where(ThemeStatus.theme_id == world.theme1_id)
    ).one()
    status.rag, status.text = Rag.attention, "Trage partners."
    db.session.flush()
    report = build_report(db.session.get(Programme, world.programme_id), PERIOD)
    assert {item["name"] for item in report["risks"]["off_track"]} == {
        "Sportparken",
        "Jong geleerd",
    }
    html = login("bestuur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    risks = _text(html[html.index("risks-heading") :])
    assert "Thema’s die aandacht vragen 2" in risks


def test_before_leaders_set_this_months_status_last_months_shows_marked(world, login):
    add_report_data(world)  # statuses for October only
    report = build_report(db.session.get(Programme, world.programme_id), NOVEMBER)
    panel = attention.report_panel(report)
    assert [(c["name"], c["stand_in"], c["period"]) for c in panel["concerns"]] == [
        ("Sportparken", True, PERIOD)
    ]
    html = login("bestuur").get(f"/rapportage/{NOVEMBER}").get_data(as_text=True)
    panel_text = _text(_panel_html(html))
    assert "status van oktober 2026" in panel_text
    assert "Geen trekker beschikbaar." in panel_text


def test_overdue_journals_name_the_theme_leader_who_owns_them():
    rows = [
        {
            "id": 1,
            "number": 1,
            "name": "Jong geleerd",
            "status": None,
            "leaders": ["Trekker1"],
            "overdue": 3,
            "movement": {"up": 5, "down": 1, "same": 0},
        },
        {
            "id": 2,
            "number": 2,
            "name": "Sportparken",
            "status": {"rag": "attention", "text": "Traag."},
            "overdue": 0,
            "movement": {"up": 1, "down": 4, "same": 0},
        },
    ]
    panel = attention.panel(rows, NOVEMBER)
    assert panel["overdue"] == [
        {"theme_id": 1, "name": "Jong geleerd", "count": 3, "leaders": ["Trekker1"]}
    ]
    assert [m["name"] for m in panel["up"]] == ["Jong geleerd", "Sportparken"]
    assert [m["name"] for m in panel["down"]] == ["Sportparken", "Jong geleerd"]
    assert panel["without_status"] == ["Jong geleerd"]
    assert [c["name"] for c in panel["concerns"]] == ["Sportparken"]


def test_an_old_snapshot_without_leaders_or_last_months_status_still_shows_its_panel(world, login):
    add_report_data(world)
    client = login("regisseur")
    client.post(f"/rapportage/{PERIOD}/publiceren", data={"confirm": "y"})
    report = db.session.scalars(select(MonthlyReport)).one()
    old = copy.deepcopy(report.snapshot)
    for block in old["blocks"]:
        for theme in block["themes"]:
            theme.pop("leaders", None)
            theme.pop("previous_status", None)
            if theme["status"]:
                theme["status"].pop("period", None)
    for item in old["risks"]["off_track"]:
        item.pop("rag", None)
        item.pop("period", None)
    report.snapshot, report.snapshot_sha256 = old, report_sha256(old)
    db.session.flush()
    db.session.expire_all()
    response = client.get(f"/rapportage/{PERIOD}/gepubliceerd")
    assert response.status_code == 200
    panel = _text(_panel_html(response.get_data(as_text=True)))
    assert "Sportparken" in panel and "Geen trekker beschikbaar." in panel


def test_coordinator_sees_the_attention_panel_on_the_dashboard(world, login):
    add_report_data(world)
    html = login("regisseur").get(f"/dashboard/?maand={PERIOD}").get_data(as_text=True)
    panel = _text(_panel_html(html))
    assert "Sportparken" in panel and "Geen trekker beschikbaar." in panel
    assert html.index("attention-heading") < html.index("programme-heading")


def test_theme_leader_reads_only_their_own_themes_part_of_the_board_report(world, login):
    add_report_data(world)
    client = login("trekker2")
    html = client.get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    text = _text(html)
    assert "Je leest het deel van de maandrapportage over je eigen thema: Sportparken" in text
    assert "Geen trekker beschikbaar." in text
    assert "Jong geleerd" not in text and "Loopt goed." not in text
    assert 'action="/rapportage/' not in html  # read-only: no publish form
    assert f"/rapportage/{PERIOD}.pdf" not in html  # the whole report stays with the board


def test_theme_leader_reads_their_own_theme_dashboard_but_not_anothers(world, login):
    client = login("trekker1")
    own = client.get(f"/dashboard/thema/{world.theme1_id}?maand={PERIOD}")
    assert own.status_code == 200
    assert 'href="/dashboard/?' not in own.get_data(as_text=True)  # no link to a 403
    assert client.get(f"/dashboard/thema/{world.theme2_id}").status_code == 403
    assert client.get("/dashboard/").status_code == 403


def test_the_pdf_starts_with_the_summary_the_attention_panel_and_the_webs_chart(app, world):
    from datetime import datetime

    from omtracker.reports import pdf_charts
    from omtracker.reports.pdf import ReportPDF

    add_report_data(world)
    report = build_report(db.session.get(Programme, world.programme_id), PERIOD)
    with app.test_request_context():
        pdf = ReportPDF("Maandrapportage", "concept", datetime(2026, 11, 16, 9, 0))
        pdf.set_compression(False)
        pdf_charts.glance(pdf, report)
        pdf_charts.attainment_bars(pdf, report)
        data = bytes(pdf.output())
    # The embedded Unicode font stores glyph numbers: read the text back as a PDF reader would.
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Vraagt aandacht in oktober 2026" in text
    assert "Geen trekker beschikbaar." in text
    assert "Sportparken (niet op koers):" in text
    assert "Bereikt per bouwsteen" in text
    assert data.count(b" re f") + data.count(b" re F") >= 3 * 4  # bars: 3 tiers x 4 groups


def test_the_web_report_shows_the_same_chart(world, login):
    add_report_data(world)
    html = login("bestuur").get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert 'id="report-attainment"' in html and "Bereikt per bouwsteen" in html
