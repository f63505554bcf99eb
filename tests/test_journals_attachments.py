"""Evidence files: allowed types checked by extension and content, size limit, rights, archive."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.journals.attachments import UploadRefused, check_upload, content_matches
from omtracker.models import JournalAttachment, JournalEntry
from omtracker.periods import current_period
from tests.journals_support import PDF, PNG, docx_bytes, journal_url, payload, xlsx_bytes

NOW = current_period()


def upload(client, world, files, **overrides):  # noqa: ANN001, ANN201
    data = payload(world, files=[(io.BytesIO(content), name) for name, content in files])
    data.update(overrides)
    return client.post(
        journal_url(world.engagement1_id, NOW), data=data, content_type="multipart/form-data"
    )


def stored_files(app) -> set[str]:  # noqa: ANN001
    folder = Path(app.config["ATTACHMENT_DIR"])
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_evidence_files_are_stored_under_random_names_and_downloadable(app, client, world, login):
    login("trekker1")
    before = stored_files(app)
    response = upload(
        client,
        world,
        [
            ("verslag.pdf", PDF),
            ("foto.png", PNG),
            ("plan.docx", docx_bytes()),
            ("lijst.xlsx", xlsx_bytes()),
            ("deelnemers.csv", "naam;leeftijd\nÉén;7\n".encode()),
        ],
    )
    assert response.status_code == 302
    attachments = db.session.scalars(select(JournalAttachment).order_by(JournalAttachment.id)).all()
    assert [a.filename for a in attachments] == [
        "verslag.pdf",
        "foto.png",
        "plan.docx",
        "lijst.xlsx",
        "deelnemers.csv",
    ]
    new_files = stored_files(app) - before
    assert {a.stored_name for a in attachments} == new_files
    assert all("verslag" not in name for name in new_files)
    with client.get(f"/logboeken/bijlagen/{attachments[0].id}") as download:
        assert download.status_code == 200
        assert download.data == PDF
        assert download.headers["Content-Type"] == "application/pdf"
        assert "attachment" in download.headers["Content-Disposition"]
        assert "verslag.pdf" in download.headers["Content-Disposition"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "verslag.pdf" in page and "deelnemers.csv" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programma.exe", b"MZ\x90\x00", "dit bestandstype is niet toegestaan"),
        ("geen-extensie", b"hallo", "dit bestandstype is niet toegestaan"),
        ("foto.png", b"MZ\x90\x00 not a png", "geen echt png-bestand"),
        ("verslag.pdf", b"<html>phish</html>", "geen echt pdf-bestand"),
        ("plan.docx", xlsx_bytes(), "geen echt docx-bestand"),
        ("notities.txt", b"\x00\x01\x02binary", "geen echt txt-bestand"),
        ("leeg.txt", b"", "is leeg"),
    ],
)
def test_wrong_type_is_refused_with_a_clear_400_and_nothing_is_stored(
    app, client, world, login, name, content, message
):
    login("trekker1")
    before = stored_files(app)
    response = upload(client, world, [(name, content)], lessons="Mijn getypte les.")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "Mijn getypte les." in html  # the rest of the form is kept
    assert db.session.scalar(select(func.count(JournalAttachment.id))) == 0
    assert (
        db.session.scalar(select(func.count(JournalEntry.id)).where(JournalEntry.period == NOW))
        == 0
    )
    assert stored_files(app) == before


def test_too_big_file_is_refused_with_a_clear_400(app, client, world, login):
    login("trekker1")
    app.config["ATTACHMENT_MAX_BYTES"] = 1000
    try:
        before = stored_files(app)
        response = upload(client, world, [("groot.pdf", PDF + b"0" * 2000)])
    finally:
        app.config["ATTACHMENT_MAX_BYTES"] = 10 * 1024 * 1024
    assert response.status_code == 400
    assert "groot.pdf is te groot" in response.get_data(as_text=True)
    assert stored_files(app) == before
    assert db.session.scalar(select(func.count(JournalAttachment.id))) == 0


def test_one_bad_file_among_good_ones_stores_none(app, client, world, login):
    login("trekker1")
    before = stored_files(app)
    response = upload(client, world, [("goed.pdf", PDF), ("slecht.exe", b"MZ")])
    assert response.status_code == 400
    assert stored_files(app) == before


def test_board_can_download_but_another_programme_cannot(app, client, world, login):
    login("trekker1")
    upload(client, world, [("verslag.pdf", PDF)])
    attachment = db.session.scalars(select(JournalAttachment)).one()
    client.post("/logout")
    login("bestuur")
    with client.get(f"/logboeken/bijlagen/{attachment.id}") as download:
        assert download.status_code == 200


def test_download_of_another_programmes_file_is_not_found(app, client, world, login):
    from tests.test_journals_rights import stored_attachment

    attachment = stored_attachment(app, world)
    login("anderregisseur")
    assert client.get(f"/logboeken/bijlagen/{attachment.id}").status_code == 404
    assert client.get("/logboeken/bijlagen/999999").status_code == 404


def test_archived_evidence_leaves_the_list_but_stays_in_history(app, client, world, login):
    login("trekker1")
    response = upload(client, world, [("verslag.pdf", PDF)])
    attachment = db.session.scalars(select(JournalAttachment)).one()
    archived = client.post(f"/logboeken/bijlagen/{attachment.id}/archiveren")
    assert archived.status_code == 302
    assert (Path(app.config["ATTACHMENT_DIR"]) / attachment.stored_name).exists()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 gearchiveerde bijlage" in page
    with client.get(f"/logboeken/bijlagen/{attachment.id}") as download:
        assert download.status_code == 200


def test_files_added_on_a_conflicting_save_are_kept_with_the_stored_entry(client, world, login):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    stale = entry.version
    login("trekker1")
    client.post(journal_url(world.engagement1_id, "2026-10"), data=payload(world, version=stale))
    response = client.post(
        journal_url(world.engagement1_id, "2026-10"),
        data=payload(world, version=stale, lessons="Anders.", files=[(io.BytesIO(PDF), "b.pdf")]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 409
    assert "Je bijlagen zijn wel toegevoegd" in response.get_data(as_text=True)
    assert [a.filename for a in db.session.scalars(select(JournalAttachment))] == ["b.pdf"]


def test_content_sniffing_rules():
    assert content_matches("jpg", b"\xff\xd8\xff\xe0rest")
    assert not content_matches("jpg", PNG)
    assert content_matches("txt", "Café in de wijk".encode("cp1252"))
    assert not content_matches("xlsx", b"PK\x03\x04 broken zip")
    with pytest.raises(UploadRefused):
        check_upload("../../etc/passwd.txt", b"\x00", 100)
    assert check_upload("C:\\map\\verslag.PDF", PDF, 1000).filename == "verslag.PDF"
