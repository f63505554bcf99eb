"""User text in exports and on the network map stays data: never a formula, never markup.

A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection), so every export
must prefix such text with an apostrophe; the network map carries partner names only as JSON
string data, escaped so it cannot close its <script> block.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import Engagement, JournalEntry, Opgave, Partner, Programme, Rag, ThemeStatus
from omtracker.network import pagecache
from tests.fuzz_support import ESCAPED, SCRIPT
from tests.trust_support import logged_in_client

FORMULAS = ['=HYPERLINK("https://example.org","klik")', "+SUM(1;2)", "-2+3", "@cmd|'/C calc'!A0"]
FORMULA_START = ("=", "+", "-", "@")
PERIOD = "2026-10"


@pytest.fixture
def hostile_programme(app, world, monkeypatch, tmp_path):  # noqa: ANN001, ANN201
    """Theme 1 full of text that a spreadsheet would run and a browser would execute."""
    monkeypatch.setitem(app.config, "NETWORK_CACHE_DIR", str(tmp_path))
    pagecache.clear()
    with audit.suspended():
        club = db.session.get(Partner, world.partner_ids["club"])
        club.name = f"{SCRIPT} VV"
        club.contact_name = FORMULAS[3]
        partners = [
            Partner(programme_id=world.programme_id, name=text, wijk=text) for text in FORMULAS
        ]
        db.session.add_all(partners)
        opgave = db.session.get(Opgave, world.opgave1_id)
        opgave.title = FORMULAS[0]
        for partner in partners:
            engagement = Engagement(
                partner=partner,
                opgave=opgave,
                start_date=date(2026, 1, 1),
                outcome_challenge=FORMULAS[1],
            )
            db.session.add(
                JournalEntry(
                    engagement=engagement,
                    period=PERIOD,
                    change_description=FORMULAS[2],
                    lessons=FORMULAS[3],
                    highlight=True,
                )
            )
        db.session.add(
            ThemeStatus(
                theme_id=world.theme1_id, period=PERIOD, rag=Rag.attention, text=FORMULAS[0]
            )
        )
        db.session.get(Programme, world.programme_id).operating_name = FORMULAS[1]
        db.session.flush()
    db.session.commit()
    yield world
    pagecache.clear()


def csv_cells(body: bytes, delimiter: str = ";") -> list[str]:
    text = body.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def xlsx_cells(body: bytes) -> list[tuple[str, object]]:
    workbook = load_workbook(io.BytesIO(body))
    return [
        (cell.data_type, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_no_formula(cells: list[str], where: str) -> None:
    runnable = [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_START)]
    assert not runnable, f"{where}: cells a spreadsheet would run: {runnable[:5]}"


def assert_neutralised(cells: list[str], where: str) -> None:
    assert_no_formula(cells, where)
    found = {text for text in FORMULAS if "'" + text in cells}
    assert found, f"{where}: the hostile texts are missing from the export"


def download(client, url: str) -> bytes:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data()


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_theme_export_neutralises_formulas(app, hostile_programme, extension):
    body = download(
        logged_in_client(app, "lid1"), f"/themas/{hostile_programme.theme1_id}/export.{extension}"
    )
    if extension == "csv":
        assert_neutralised(csv_cells(body), "theme CSV")
    else:
        cells = xlsx_cells(body)
        assert all(kind != "f" for kind, _ in cells), "a cell was written as a formula"
        assert_neutralised([value for _, value in cells], "theme XLSX")


@pytest.mark.parametrize(
    "url", [f"/rapportage/{PERIOD}.xlsx", "/rapportage/halfjaar/2026/november.xlsx"]
)
def test_report_workbooks_neutralise_formulas(app, hostile_programme, url):
    cells = xlsx_cells(download(logged_in_client(app, "regisseur"), url))
    assert all(kind != "f" for kind, _ in cells), "a cell was written as a formula"
    assert_no_formula([value for _, value in cells], url)
    if url.endswith(f"{PERIOD}.xlsx"):
        assert "'" + FORMULAS[0] in [value for _, value in cells]  # the theme's status text


@pytest.mark.parametrize("name", ["knopen.csv", "verbindingen.csv"])
def test_network_csv_neutralises_formulas(app, hostile_programme, name):
    cells = csv_cells(
        download(logged_in_client(app, "regisseur"), f"/netwerk/export/{name}?maand={PERIOD}"),
    )
    if name == "knopen.csv":
        assert_neutralised(cells, name)  # the nodes carry the names; the links only ids
    else:
        assert_no_formula(cells, name)


@pytest.mark.parametrize("kind", ["partners", "uitkomstuitdagingen"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_templates_hold_no_formulas(app, world, kind, fmt):
    body = download(
        logged_in_client(app, "trekker1"), f"/partners/importeren/sjabloon/{kind}.{fmt}"
    )
    if fmt == "csv":
        assert_no_formula(csv_cells(body), f"template {kind}.csv")
    else:
        cells = xlsx_cells(body)
        assert all(k != "f" for k, _ in cells)
        assert_no_formula([value for _, value in cells], f"template {kind}.xlsx")


def map_data(html: str) -> dict:
    block = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S
    )
    assert block, "the page carries the map's data block"
    return json.loads(block.group(1))


@pytest.mark.parametrize(
    "path",
    [f"/netwerk?maand={PERIOD}", f"/netwerk/vergelijk?van=2026-05&tot={PERIOD}", "/netwerk/tekst"],
)
def test_network_pages_carry_partner_names_as_data_never_as_markup(app, hostile_programme, path):
    html = download(logged_in_client(app, "bestuur"), path).decode()
    assert SCRIPT not in html, "a partner name was written into the page as markup"
    assert ESCAPED in html or "\\u003cscript\\u003e" in html
    if not path.startswith("/netwerk/tekst"):
        labels = [node["l"] for node in map_data(html)["nodes"]]
        assert f"{SCRIPT} VV" in labels, "the label is the partner's name, as plain JSON text"
