"""Importing partners and engagements from CSV or XLSX: preview, row errors, all or nothing."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from omtracker.extensions import db
from omtracker.models import Engagement, Partner, PartnerType, ProgressMarker, Tier

PARTNER_HEADER = [
    "naam",
    "type",
    "wijk",
    "website",
    "contactpersoon",
    "e-mail",
    "telefoon",
    "omschrijving",
]
ENGAGEMENT_HEADER = [
    "partner",
    "opgave",
    "uitkomstuitdaging",
    "frequentie",
    "startdatum",
    "niveau",
    "markering",
]


@pytest.fixture(autouse=True)
def import_dir(app, tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setitem(app.config, "IMPORT_DIR", str(tmp_path))
    return tmp_path


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [";".join(header)] + [";".join(row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, kind: str, data: bytes, filename: str):  # noqa: ANN001, ANN201
    return client.post(
        f"/partners/importeren/{kind}",
        data={f"{kind}-file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def token_of(response) -> str:  # noqa: ANN001
    match = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', response.get_data(True))
    assert match, "no confirm form on the preview"
    return match.group(1)


def confirm(client, kind: str, token: str):  # noqa: ANN001, ANN201
    return client.post(f"/partners/importeren/{kind}/bevestigen", data={"token": token})


def partner_names() -> set[str]:
    return set(db.session.scalars(db.select(Partner.name)))


GOOD_PARTNERS = [
    ["Zwemvereniging De Golf", "Sportvereniging", "Assen-Oost", "www.degolf.nl", "A. Jansen",
     "info@degolf.nl", "0592 123456", "Zwemles en recreatief zwemmen."],
    ["Fysiotherapie Centrum", "zorg", "", "", "", "", "", ""],
    ["Buurthuis De Schakel", "welfare", "Pittelo", "", "", "", "", ""],
]  # fmt: skip


def test_good_partner_file_previews_then_imports_everything(login, world, import_dir):
    client = login("regisseur")
    preview = upload(client, "partners", csv_bytes(PARTNER_HEADER, GOOD_PARTNERS), "p.csv")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "3 partners worden aangemaakt" in html and "Zwemvereniging De Golf" in html
    assert "Zwemvereniging De Golf" not in partner_names()  # nothing written by the preview
    response = confirm(client, "partners", token_of(preview))
    assert response.status_code == 302
    golf = db.session.scalars(db.select(Partner).filter_by(name="Zwemvereniging De Golf")).one()
    assert golf.type == PartnerType.club and golf.website == "https://www.degolf.nl"
    assert golf.contact_phone == "0592 123456" and golf.programme_id == world.programme_id
    kinds = {p.name: p.type for p in db.session.scalars(db.select(Partner))}
    assert kinds["Fysiotherapie Centrum"] == PartnerType.care
    assert kinds["Buurthuis De Schakel"] == PartnerType.welfare
    assert list(import_dir.iterdir()) == []  # the stored upload is removed after importing


def test_one_bad_row_imports_nothing_and_names_row_and_problem(login, world, import_dir):
    rows = [
        ["Zwemvereniging De Golf", "club"],
        ["Schaakclub Paard", "denksport"],
        ["Hockeyclub Stick", "club", "", "", "", "niet-een-mailadres"],
    ]
    before = partner_names()
    response = upload(login("regisseur"), "partners", xlsx_bytes(PARTNER_HEADER, rows), "p.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Er zijn 2 fouten gevonden. Er is niets geïmporteerd." in html
    assert "Rij 3:</strong> Onbekende soort organisatie ‘denksport’" in html
    assert "Rij 4:</strong> Het e-mailadres ‘niet-een-mailadres’ is ongeldig." in html
    assert "Importeren bevestigen" not in html
    assert partner_names() == before
    assert list(import_dir.iterdir()) == []


def test_names_already_in_the_registry_or_twice_in_the_file_are_errors(login, world):
    rows = [["vv testclub", "club"], ["Judo Assen", "club"], ["judo assen", "club"], ["", "club"]]
    html = upload(login("regisseur"), "partners", csv_bytes(PARTNER_HEADER, rows), "p.csv")
    text = html.get_data(as_text=True)
    assert "Rij 2:</strong> VV Testclub staat al in het register." in text
    assert "Rij 4:</strong> judo assen staat ook al in rij 3." in text
    assert "Rij 5:</strong> De naam ontbreekt." in text


def test_similar_names_are_flagged_in_the_preview_without_blocking(login, world):
    rows = [["Sportvereniging Test-Club", "club"]]
    response = upload(login("regisseur"), "partners", csv_bytes(PARTNER_HEADER, rows), "p.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Lijkt op: VV Testclub<" in html and "Importeren bevestigen" in html


def test_confirm_checks_again_and_imports_nothing_when_the_registry_changed(login, world):
    client = login("regisseur")
    preview = upload(client, "partners", csv_bytes(PARTNER_HEADER, GOOD_PARTNERS), "p.csv")
    db.session.add(Partner(programme_id=world.programme_id, name="Fysiotherapie Centrum"))
    db.session.flush()
    response = confirm(client, "partners", token_of(preview))
    assert response.status_code == 409
    assert "Rij 3:</strong> Fysiotherapie Centrum staat al in het register." in response.get_data(
        as_text=True
    )
    assert "Zwemvereniging De Golf" not in partner_names()


def test_a_made_up_or_foreign_token_is_not_accepted(login, world, app, import_dir):
    client = login("regisseur")
    response = confirm(client, "partners", "0" * 32)
    assert response.status_code == 302
    assert confirm(client, "partners", "../../etc/passwd").status_code == 302
    preview = upload(client, "partners", csv_bytes(PARTNER_HEADER, GOOD_PARTNERS), "p.csv")
    token = token_of(preview)
    client.post("/logout")
    other = login("admin")
    assert confirm(other, "uitkomstuitdagingen", token).status_code in (302, 403)
    assert confirm(other, "partners", token).status_code == 302
    assert "Zwemvereniging De Golf" not in partner_names()


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("p.txt", b"naam\nA\n", "Alleen CSV-bestanden (.csv) en Excel-bestanden (.xlsx)"),
        ("p.xlsx", b"naam;type\nA;club\n", "Dit is geen geldig Excel-bestand (.xlsx)."),
        ("p.xlsx", b"PK\x03\x04rommel", "Dit Excel-bestand kan niet worden gelezen."),
        ("p.csv", b"", "Het bestand is leeg."),
        ("p.csv", b"type;wijk\nclub;Noord\n", "mist de kolom(men): naam"),
        ("p.csv", b"naam;type\n", "alleen een kopregel"),
    ],
)
def test_unreadable_files_get_a_clear_message(login, world, filename, data, message):
    response = upload(login("regisseur"), "partners", data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_files_over_the_size_limit_are_refused(login, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024)
    data = csv_bytes(PARTNER_HEADER, [[f"Club {i}", "club"] for i in range(200)])
    response = upload(login("regisseur"), "partners", data, "p.csv")
    assert response.status_code == 400
    assert "Het bestand is groter dan" in response.get_data(as_text=True)


def engagement_rows(opgave: object) -> list[list[object]]:
    return [
        ["VV Testclub", opgave, "De club traint samen met de school.", "maandelijks",
         date(2026, 2, 1), "verwacht", "Club komt naar overleg"],
        ["VV Testclub", opgave, "", "", "", "verwacht", "Club levert trainer"],
        ["VV Testclub", opgave, "", "", "", "graag", "Club organiseert toernooi"],
        ["Basisschool De Test", opgave, "School zet beweegmomenten in.", 3,
         "15-03-2026", "prachtig te zien", ""],
        ["Basisschool De Test", opgave, "", "", "", "Prachtig om te zien", "Elke dag bewegen"],
    ]  # fmt: skip


def test_coordinator_imports_engagements_with_their_markers(login, world):
    client = login("regisseur")
    rows = engagement_rows("Sportpark overdag")
    rows[3][5] = ""  # an engagement row without a marker
    data = xlsx_bytes(ENGAGEMENT_HEADER, rows)
    preview = upload(client, "uitkomstuitdagingen", data, "e.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "2 uitkomstuitdagingen worden aangemaakt" in html
    assert "Club organiseert toernooi" in html and "logboek elke 3 maanden" in html
    assert confirm(client, "uitkomstuitdagingen", token_of(preview)).status_code == 302
    club = db.session.scalars(
        db.select(Engagement).filter_by(
            partner_id=world.partner_ids["club"], opgave_id=world.opgave2_id
        )
    ).one()
    assert club.start_date == date(2026, 2, 1) and club.monitoring_frequency_months == 1
    markers = db.session.scalars(
        db.select(ProgressMarker)
        .filter_by(engagement_id=club.id)
        .order_by(ProgressMarker.tier, ProgressMarker.position)
    ).all()
    assert [(m.tier, m.position, m.first_period) for m in markers] == [
        (Tier.expect, 0, "2026-02"),
        (Tier.expect, 1, "2026-02"),
        (Tier.like, 0, "2026-02"),
    ]
    school = db.session.scalars(
        db.select(Engagement).filter_by(partner_id=world.partner_ids["school"])
    ).one()
    assert school.monitoring_frequency_months == 3 and len(school.markers) == 1


def test_bad_engagement_rows_import_nothing_and_name_each_problem(login, world):
    rows = engagement_rows(world.opgave2_id)
    rows[1][5] = "misschien"
    rows.append(["Onbekende Club", "Sportpark overdag", "x", "", "2026-01-01", "", ""])
    rows.append(["Welzijn Test", "Beweegdiploma", "x", "wekelijks", "31-02-2026", "", ""])
    rows.append(["VV Testclub", "Beweegdiploma", "Dubbel.", "", "2026-01-01", "", ""])
    rows.append(["VV Testclub", world.opgave2_id, "Iets anders.", "", "", "graag", "Extra"])
    response = upload(
        login("regisseur"), "uitkomstuitdagingen", xlsx_bytes(ENGAGEMENT_HEADER, rows), "e.xlsx"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Rij 3:</strong> Onbekend niveau ‘misschien’" in html
    assert "Rij 7:</strong> Partner ‘Onbekende Club’ staat niet in het register" in html
    assert "Rij 8:</strong> Onbekende frequentie ‘wekelijks’" in html
    assert "Rij 8:</strong> De startdatum ‘31-02-2026’ is geen geldige datum" in html
    assert "Rij 9:</strong> VV Testclub heeft al een uitkomstuitdaging bij opgave" in html
    assert "Rij 10:</strong> uitkomstuitdaging wijkt af van rij 2" in html
    assert db.session.scalars(db.select(Engagement)).all() == [
        db.session.get(Engagement, world.engagement1_id)
    ]


def test_theme_leader_imports_only_into_own_theme(login, world):
    client = login("trekker1")
    foreign = upload(
        client,
        "uitkomstuitdagingen",
        xlsx_bytes(ENGAGEMENT_HEADER, engagement_rows("Sportpark overdag")),
        "e.xlsx",
    )
    html = foreign.get_data(as_text=True)
    assert foreign.status_code == 400
    assert "Rij 2:</strong> Je mag alleen importeren in opgaven van een thema dat je trekt" in html
    rows = [
        ["Welzijn Test", "Beweegdiploma", "Welzijn verwijst kinderen door.", 1, "2026-01", "", ""]
    ]
    own = upload(client, "uitkomstuitdagingen", xlsx_bytes(ENGAGEMENT_HEADER, rows), "e.xlsx")
    assert own.status_code == 200
    assert confirm(client, "uitkomstuitdagingen", token_of(own)).status_code == 302
    created = db.session.scalars(
        db.select(Engagement).filter_by(partner_id=world.partner_ids["welzijn"])
    ).one()
    assert created.opgave_id == world.opgave1_id and created.start_date == date(2026, 1, 1)


def test_another_programmes_opgave_cannot_be_named(login, world):
    rows = [["VV Testclub", world.other_opgave_id, "x", "", "2026-01-01", "", ""]]
    response = upload(
        login("regisseur"), "uitkomstuitdagingen", xlsx_bytes(ENGAGEMENT_HEADER, rows), "e.xlsx"
    )
    assert "bestaat niet in dit programma" in response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["bestuur", "lid1", "buiten"])
def test_readers_cannot_import(login, world, username):
    client = login(username)
    assert client.get("/partners/importeren").status_code == 403
    for kind, header in (("partners", PARTNER_HEADER), ("uitkomstuitdagingen", ENGAGEMENT_HEADER)):
        response = upload(client, kind, csv_bytes(header, [["X", "club"]]), "x.csv")
        assert response.status_code == 403
        assert confirm(client, kind, "0" * 32).status_code == 403


def test_theme_leader_cannot_import_partners(login, world):
    client = login("trekker1")
    page = client.get("/partners/importeren").get_data(as_text=True)
    assert "Uitkomstuitdagingen met voortgangsmarkeringen importeren" in page
    assert "Partners importeren" not in page
    response = upload(client, "partners", csv_bytes(PARTNER_HEADER, [["X", "club"]]), "x.csv")
    assert response.status_code == 403


@pytest.mark.parametrize("kind", ["partners", "uitkomstuitdagingen"])
def test_templates_download_with_the_expected_columns(login, world, kind):
    client = login("trekker1")
    header = PARTNER_HEADER if kind == "partners" else ENGAGEMENT_HEADER
    xlsx = client.get(f"/partners/importeren/sjabloon/{kind}.xlsx")
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[0]
    assert [c.value for c in sheet[1]] == header
    csv = client.get(f"/partners/importeren/sjabloon/{kind}.csv")
    assert csv.data.decode("utf-8-sig").strip() == ";".join(header)
