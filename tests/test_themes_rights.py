"""Rights on every write of the themes area, checked on the server for each role.

Theme leaders change their own theme; coordinators and administrators everything; members,
the board and people outside the theme get 403; another programme's users get 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import AuditEvent
from omtracker.periods import current_period
from tests.themes_support import add_strategy


@dataclass
class Write:
    name: str
    url: str
    data: dict


def writes(theme_id: int, opgave_id: int, strategy_id: int) -> list[Write]:
    """Every kind of write of the area, aimed at one theme's records."""
    return [
        Write(
            "create opgave", f"/themas/{theme_id}/opgaven/nieuw", {"title": "N", "status": "draft"}
        ),
        Write(
            "edit opgave",
            f"/opgaven/{opgave_id}/bewerken",
            {"title": "Gewijzigd", "status": "active", "version": "1"},
        ),
        Write("close opgave", f"/opgaven/{opgave_id}/afsluiten", {}),
        Write("reopen opgave", f"/opgaven/{opgave_id}/heropenen", {}),
        Write("archive opgave", f"/opgaven/{opgave_id}/archiveren", {}),
        Write("restore opgave", f"/opgaven/{opgave_id}/terugzetten", {}),
        Write(
            "theme status",
            f"/themas/{theme_id}/status",
            {"period": current_period(), "rag": "on_track", "text": "Goed."},
        ),
        Write(
            "create strategy",
            f"/opgaven/{opgave_id}/strategieen/nieuw",
            {"type": "E-2", "title": "Campagne"},
        ),
        Write(
            "edit strategy",
            f"/strategieen/{strategy_id}/bewerken",
            {"type": "I-2", "title": "Anders", "version": "1"},
        ),
        Write("archive strategy", f"/strategieen/{strategy_id}/archiveren", {}),
        Write("restore strategy", f"/strategieen/{strategy_id}/terugzetten", {}),
        Write(
            "strategy journal",
            f"/strategieen/{strategy_id}/logboek/{current_period()}",
            {"activities": "Sessie gehouden."},
        ),
    ]


WRITE_NAMES = [w.name for w in writes(0, 0, 0)]
FORMS = {"create opgave", "edit opgave", "theme status", "create strategy", "edit strategy"}
FORMS |= {"strategy journal"}


def _audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)))


def _theme1_write(world, name: str) -> Write:
    strategy_id = add_strategy(world.opgave1_id)
    return next(w for w in writes(world.theme1_id, world.opgave1_id, strategy_id) if w.name == name)


@pytest.mark.parametrize("name", WRITE_NAMES)
@pytest.mark.parametrize("username", ["trekker1", "regisseur", "admin"])
def test_leads_of_the_theme_coordinators_and_admins_may_write(login, world, username, name):
    write = _theme1_write(world, name)
    client = login(username)
    before = _audit_count()
    if name in FORMS:
        assert client.get(write.url).status_code == 200
    response = client.post(write.url, data=write.data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    if name not in {"restore opgave", "restore strategy", "reopen opgave"}:
        assert _audit_count() > before  # the change was made, and audited


@pytest.mark.parametrize("name", WRITE_NAMES)
@pytest.mark.parametrize("username", ["lid1", "bestuur", "buiten", "trekker2"])
def test_members_board_outsiders_and_other_leads_get_403_and_change_nothing(
    login, world, username, name
):
    write = _theme1_write(world, name)
    client = login(username)
    before = _audit_count()
    if name in FORMS:
        assert client.get(write.url).status_code == 403
    assert client.post(write.url, data=write.data).status_code == 403
    assert _audit_count() == before


@pytest.mark.parametrize("name", WRITE_NAMES)
def test_theme_leader_cannot_edit_another_themes_records(login, world, name):
    strategy_id = add_strategy(world.opgave2_id)
    write = next(
        w for w in writes(world.theme2_id, world.opgave2_id, strategy_id) if w.name == name
    )
    client = login("trekker1")
    before = _audit_count()
    assert client.post(write.url, data=write.data).status_code == 403
    assert _audit_count() == before


@pytest.mark.parametrize("name", WRITE_NAMES)
def test_another_programmes_coordinator_gets_404_for_every_write(login, world, name):
    write = _theme1_write(world, name)
    client = login("anderregisseur")
    before = _audit_count()
    assert client.post(write.url, data=write.data).status_code == 404
    if name in FORMS:
        assert client.get(write.url).status_code == 404
    assert _audit_count() == before


def test_board_reads_every_page_but_sees_no_write_buttons(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    client = login("bestuur")
    for url in (
        "/themas",
        f"/themas/{world.theme1_id}",
        f"/opgaven/{world.opgave1_id}",
        f"/opgaven/{world.opgave1_id}/strategieen",
        f"/strategieen/{strategy_id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert 'method="post" action="/opgaven' not in html
        assert 'method="post" action="/strategieen' not in html
        assert "/bewerken" not in html and "/nieuw" not in html
