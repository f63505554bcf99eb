"""A theme leader keeps the theme's opgaven: create, edit, close, reopen, archive, restore,
without ever losing what they typed and with every change audited."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import AuditEvent, Opgave, OpgaveStatus
from omtracker.themes import services
from tests.themes_support import user_id

NEW = {
    "title": "Schoolzwemmen terug",
    "description": "Alle kinderen leren zwemmen.",
    "vision": "Geen kind verlaat de basisschool zonder diploma.",
    "work_agreements": "Maandelijks overleg met de zwembaden.",
    "targets": "90 % van de kinderen in groep 5 heeft een diploma.",
    "target_year": "2030",
    "status": "active",
}


def _opgave(opgave_id: int) -> Opgave:
    db.session.expire_all()
    return db.session.get(Opgave, opgave_id)


def test_theme_leader_creates_an_opgave_with_all_its_fields(login, world):
    client = login("trekker1")
    assert client.get(f"/themas/{world.theme1_id}/opgaven/nieuw").status_code == 200
    response = client.post(f"/themas/{world.theme1_id}/opgaven/nieuw", data=NEW)
    assert response.status_code == 302
    opgave = db.session.scalar(select(Opgave).where(Opgave.title == "Schoolzwemmen terug"))
    assert response.headers["Location"] == f"/opgaven/{opgave.id}"
    assert opgave.theme_id == world.theme1_id
    assert opgave.vision.startswith("Geen kind")
    assert opgave.work_agreements == "Maandelijks overleg met de zwembaden."
    assert opgave.target_year == 2030 and opgave.status == OpgaveStatus.active
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Schoolzwemmen terug" in page and "Maandelijks overleg met de zwembaden." in page
    assert "2030" in page


def test_creating_an_opgave_is_audited_with_its_author(login, world):
    login("trekker1").post(f"/themas/{world.theme1_id}/opgaven/nieuw", data=NEW)
    opgave_id = db.session.scalar(select(Opgave.id).where(Opgave.title == NEW["title"]))
    event = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_type == "Opgave",
            AuditEvent.entity_id == opgave_id,
            AuditEvent.action == "create",
        )
    )
    assert event is not None and event.user_id == user_id("trekker1")
    assert event.after["title"] == NEW["title"]


def test_missing_title_gets_400_a_dutch_message_and_keeps_the_input(login, world):
    data = dict(NEW, title="  ")
    response = login("trekker1").post(f"/themas/{world.theme1_id}/opgaven/nieuw", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Geef de opgave een titel." in html
    assert "Maandelijks overleg met de zwembaden." in html
    assert 'value="2030"' in html
    assert db.session.scalar(select(Opgave).where(Opgave.vision == NEW["vision"])) is None


def test_a_wrong_target_year_or_status_is_a_400(login, world):
    client = login("trekker1")
    for data in (
        dict(NEW, target_year="1850"),
        dict(NEW, target_year="volgend jaar"),
        dict(NEW, status="weg"),
        dict(NEW, title="x" * 201),
    ):
        response = client.post(f"/themas/{world.theme1_id}/opgaven/nieuw", data=data)
        assert response.status_code == 400, data
    html = client.post(
        f"/themas/{world.theme1_id}/opgaven/nieuw", data=dict(NEW, target_year="1850")
    ).get_data(as_text=True)
    assert "Kies een jaar tussen 2000 en 2100." in html


def test_theme_leader_edits_an_opgave(login, world):
    client = login("trekker1")
    form = client.get(f"/opgaven/{world.opgave1_id}/bewerken").get_data(as_text=True)
    assert 'name="version"' in form and "Beweegdiploma" in form
    version = _opgave(world.opgave1_id).version
    data = dict(NEW, title="Beweegdiploma voor iedereen", version=str(version))
    response = client.post(f"/opgaven/{world.opgave1_id}/bewerken", data=data)
    assert response.status_code == 302
    opgave = _opgave(world.opgave1_id)
    assert opgave.title == "Beweegdiploma voor iedereen"
    assert opgave.version == version + 1
    event = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_type == "Opgave",
            AuditEvent.entity_id == world.opgave1_id,
            AuditEvent.action == "update",
        )
    )
    assert event.before["title"] == "Beweegdiploma"
    assert event.after["title"] == "Beweegdiploma voor iedereen"


def test_second_editor_gets_a_409_with_both_versions_and_keeps_their_text(login, world):
    client = login("trekker1")
    opened_version = _opgave(world.opgave1_id).version
    # Someone else saves first.
    services.update_opgave(
        _opgave(world.opgave1_id), {"title": "Titel van de regisseur"}, opened_version
    )
    db.session.commit()
    data = dict(NEW, title="Titel van de trekker", version=str(opened_version))
    response = client.post(f"/opgaven/{world.opgave1_id}/bewerken", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert "Titel van de regisseur" in html and "Titel van de trekker" in html
    assert _opgave(world.opgave1_id).title == "Titel van de regisseur"
    # The form now carries the stored version: saving again (deliberately) works.
    assert f'value="{opened_version + 1}"' in html
    again = client.post(
        f"/opgaven/{world.opgave1_id}/bewerken", data=dict(data, version=str(opened_version + 1))
    )
    assert again.status_code == 302
    assert _opgave(world.opgave1_id).title == "Titel van de trekker"


def test_edit_without_a_version_is_a_conflict_not_a_silent_overwrite(login, world):
    response = login("trekker1").post(f"/opgaven/{world.opgave1_id}/bewerken", data=NEW)
    assert response.status_code == 409
    assert _opgave(world.opgave1_id).title == "Beweegdiploma"


def test_close_and_reopen_an_opgave(login, world):
    client = login("trekker1")
    response = client.post(f"/opgaven/{world.opgave1_id}/afsluiten")
    assert response.headers["Location"] == f"/opgaven/{world.opgave1_id}"
    assert _opgave(world.opgave1_id).status == OpgaveStatus.closed
    page = client.get(f"/opgaven/{world.opgave1_id}").get_data(as_text=True)
    assert "De opgave is afgesloten." in page and "Heropenen" in page
    again = client.post(f"/opgaven/{world.opgave1_id}/afsluiten", follow_redirects=True)
    assert "De opgave was al afgesloten." in again.get_data(as_text=True)
    client.post(f"/opgaven/{world.opgave1_id}/heropenen")
    assert _opgave(world.opgave1_id).status == OpgaveStatus.active


def test_close_button_asks_for_confirmation(login, world):
    html = login("trekker1").get(f"/opgaven/{world.opgave1_id}").get_data(as_text=True)
    assert f'action="/opgaven/{world.opgave1_id}/afsluiten"' in html
    assert 'data-confirm="Deze opgave afsluiten?' in html
    assert 'data-confirm="Deze opgave archiveren?' in html


def test_archived_opgave_stays_readable_in_the_collapsed_archive_list(login, world):
    client = login("trekker1")
    client.post(f"/opgaven/{world.opgave1_id}/archiveren")
    assert _opgave(world.opgave1_id).archived is True
    theme_page = client.get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    archive = theme_page[theme_page.index("<details") :]
    assert "Gearchiveerd (1)" in archive and "Beweegdiploma" in archive
    opgave_page = client.get(f"/opgaven/{world.opgave1_id}")
    assert opgave_page.status_code == 200
    assert "Deze opgave is gearchiveerd." in opgave_page.get_data(as_text=True)
    client.post(f"/opgaven/{world.opgave1_id}/terugzetten")
    assert _opgave(world.opgave1_id).archived is False


def test_archiving_is_audited_and_nothing_is_deleted(login, world):
    login("regisseur").post(f"/opgaven/{world.opgave1_id}/archiveren")
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_type == "Opgave", AuditEvent.entity_id == world.opgave1_id
        )
    ).all()
    assert [e.after for e in events] == [{"archived": True}]
    assert events[0].user_id == user_id("regisseur")
    assert _opgave(world.opgave1_id) is not None
