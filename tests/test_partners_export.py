"""The partner registry as a file for Dutch Excel, and codes that stay text (issue 14)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from omtracker.extensions import db
from omtracker.models import Partner, PartnerType
from tests.test_partners_import import (
    PARTNER_HEADER,
    confirm,
    token_of,
    upload,
    xlsx_bytes,
)


def _phone_partner(world) -> Partner:  # noqa: ANN001
    partner = Partner(
        programme_id=world.programme_id,
        name="Tennisclub Nul",
        type=PartnerType.club,
        contact_phone="0592123456",
        description="=SOM(A1)",
    )
    db.session.add(partner)
    db.session.flush()
    return partner


def test_anyone_who_reads_the_registry_downloads_it_as_csv_for_dutch_excel(login, world):
    _phone_partner(world)
    response = login("lid1").get("/partners/register.csv")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffnaam;type;wijk;")
    rows = {r["naam"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")}
    assert rows["Tennisclub Nul"]["telefoon"] == '="0592123456"'  # Excel keeps the leading 0
    assert rows["Tennisclub Nul"]["omschrijving"] == "'=SOM(A1)"  # never run as a formula
    assert rows["Tennisclub Nul"]["type"] == "Sportvereniging"


def test_registry_xlsx_keeps_phone_numbers_as_text(login, world):
    _phone_partner(world)
    data = login("trekker1").get("/partners/register.xlsx").get_data()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == PARTNER_HEADER
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Tennisclub Nul")
    assert row[header.index("telefoon")] == "0592123456"


def test_an_exported_registry_imports_back_with_its_phone_numbers(login, world):
    _phone_partner(world)
    client = login("regisseur")
    exported = client.get("/partners/register.csv").get_data()
    db.session.delete(db.session.scalars(db.select(Partner).filter_by(name="Tennisclub Nul")).one())
    db.session.flush()
    text = exported.decode("utf-8-sig").splitlines()
    only = "\r\n".join([text[0]] + [line for line in text if line.startswith("Tennisclub Nul")])
    preview = upload(client, "partners", ("\ufeff" + only).encode(), "register.csv")
    assert preview.status_code == 200, preview.get_data(as_text=True)
    confirm(client, "partners", token_of(preview))
    back = db.session.scalars(db.select(Partner).filter_by(name="Tennisclub Nul")).one()
    assert back.contact_phone == "0592123456"


def test_a_phone_number_excel_turned_into_a_number_gets_its_zero_back(login, world):
    rows = [["Zwemclub Getal", "club", "", "", "", "", 592123456]]
    client = login("regisseur")
    preview = upload(client, "partners", xlsx_bytes(PARTNER_HEADER, rows), "p.xlsx")
    assert preview.status_code == 200
    confirm(client, "partners", token_of(preview))
    partner = db.session.scalars(db.select(Partner).filter_by(name="Zwemclub Getal")).one()
    assert partner.contact_phone == "0592123456"


def test_csv_errors_are_numbered_by_record_not_by_line(login, world):
    header = ";".join(PARTNER_HEADER)
    body = (
        f"\ufeff{header}\r\n"
        'Club Een;club;;;;;;"Omschrijving over\r\ntwee regels"\r\n'
        "Club Twee;denksport\r\n"
    )
    response = upload(login("regisseur"), "partners", body.encode(), "p.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Rij 3:</strong> Onbekende soort organisatie ‘denksport’" in html  # not "Rij 4"
