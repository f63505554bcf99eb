"""Times in the PDF and XLSX read as on the pages: Dutch wall-clock time, not UTC (issue 14)."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from omtracker.extensions import db
from omtracker.models import Programme
from omtracker.reports import exports
from omtracker.reports.formatting import local_time
from omtracker.reports.snapshot import build_report


def test_a_stored_utc_time_reads_as_amsterdam_time(app):
    with app.test_request_context():
        assert local_time(datetime(2026, 11, 16, 11, 19)) == "16 november 2026 12:19"
        assert local_time(datetime(2026, 7, 1, 11, 19)) == "1 juli 2026 13:19"


def test_the_month_workbook_says_when_it_was_published_in_dutch_time(app, world):
    report = build_report(db.session.get(Programme, world.programme_id), "2026-10")
    data = exports.month_xlsx(report, datetime(2026, 11, 16, 11, 19))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Gepubliceerd op 16 november 2026 12:19" in values
