"""Coordinators keep the structure: add, edit, reorder, move between building blocks and archive
themes, and keep each theme group's leaders and members."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import AuditEvent, BuildingBlock, MembershipRole, Theme, ThemeMembership, User


def _numbers(world) -> list[tuple[int, str]]:  # noqa: ANN001
    return [
        (t.number, t.name)
        for t in db.session.scalars(
            select(Theme).where(Theme.programme_id == world.programme_id).order_by(Theme.number)
        )
    ]


def test_coordinator_adds_a_theme_at_the_end_under_a_building_block(login, client, world):
    login("regisseur")
    response = client.post(
        "/beheer/themas",
        data={"name": "Sportief Dorp", "building_block": "orgware", "description": "x"},
    )
    assert response.status_code == 302
    theme = db.session.scalar(select(Theme).where(Theme.name == "Sportief Dorp"))
    assert theme.number == 3 and theme.building_block == BuildingBlock.orgware
    assert theme.programme_id == world.programme_id
    audit = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_type == "Theme", AuditEvent.entity_id == theme.id
        )
    )
    assert audit.action == "create" and audit.after["name"] == "Sportief Dorp"


def test_a_theme_without_a_name_is_refused_and_the_rest_kept(login, client, world):
    login("regisseur")
    response = client.post(
        "/beheer/themas",
        data={"name": "", "building_block": "hardware", "description": "Mijn tekst"},
    )
    assert response.status_code == 400 and "Mijn tekst" in response.get_data(as_text=True)


def test_coordinator_moves_a_theme_to_another_building_block(login, client, world):
    login("regisseur")
    theme = db.session.get(Theme, world.theme1_id)
    response = client.post(
        f"/beheer/themas/{theme.id}",
        data={
            "name": "Jong geleerd",
            "building_block": "hardware",
            "description": "",
            "version": theme.version,
        },
    )
    assert response.status_code == 302
    assert theme.building_block == BuildingBlock.hardware


def test_a_stale_theme_edit_gets_a_conflict_not_an_overwrite(login, client, world):
    login("regisseur")
    theme = db.session.get(Theme, world.theme1_id)
    response = client.post(
        f"/beheer/themas/{theme.id}",
        data={"name": "Mijn naam", "building_block": "software", "version": theme.version - 1},
    )
    assert response.status_code == 409 and "Mijn naam" in response.get_data(as_text=True)
    assert theme.name == "Jong geleerd"


def test_coordinator_reorders_themes(login, client, world):
    login("regisseur")
    assert _numbers(world) == [(1, "Jong geleerd"), (2, "Sportparken")]
    client.post(f"/beheer/themas/{world.theme2_id}/omhoog")
    assert _numbers(world) == [(1, "Sportparken"), (2, "Jong geleerd")]
    client.post(f"/beheer/themas/{world.theme2_id}/omhoog")  # already first: nothing changes
    assert _numbers(world) == [(1, "Sportparken"), (2, "Jong geleerd")]
    client.post(f"/beheer/themas/{world.theme2_id}/omlaag")
    assert _numbers(world) == [(1, "Jong geleerd"), (2, "Sportparken")]


def test_an_archived_theme_leaves_the_overview_and_can_come_back(login, client, world):
    login("regisseur")
    client.post(f"/beheer/themas/{world.theme2_id}/archiveren")
    theme = db.session.get(Theme, world.theme2_id)
    assert theme.archived
    client.post(f"/beheer/themas/{world.theme2_id}/terugzetten")
    assert not theme.archived


def test_coordinator_makes_someone_theme_leader_and_removes_them(login, client, world):
    login("regisseur")
    buiten = db.session.scalar(select(User).where(User.username == "buiten"))
    page = client.get(f"/beheer/themas/{world.theme2_id}").get_data(as_text=True)
    assert "Trekker2" in page
    client.post(
        f"/beheer/themas/{world.theme2_id}/leden", data={"m-user_id": buiten.id, "m-role": "lead"}
    )
    membership = db.session.scalar(
        select(ThemeMembership).where(ThemeMembership.user_id == buiten.id)
    )
    assert membership.theme_id == world.theme2_id and membership.role == MembershipRole.lead
    client.post(f"/beheer/themas/{world.theme2_id}/leden/{membership.id}/verwijderen")
    assert (
        db.session.scalar(select(ThemeMembership).where(ThemeMembership.user_id == buiten.id))
        is None
    )


def test_someone_of_another_programme_cannot_join_our_theme(login, client, world):
    login("regisseur")
    other = db.session.scalar(select(User).where(User.username == "anderregisseur"))
    response = client.post(
        f"/beheer/themas/{world.theme2_id}/leden", data={"m-user_id": other.id, "m-role": "lead"}
    )
    assert response.status_code == 303
    assert (
        db.session.scalar(select(ThemeMembership).where(ThemeMembership.user_id == other.id))
        is None
    )


def test_theme_leaders_and_board_keep_no_structure(login, client, world):
    for name in ("trekker1", "bestuur"):
        login(name)
        assert client.get("/beheer/themas").status_code == 403
        assert client.post(f"/beheer/themas/{world.theme1_id}/omlaag").status_code == 403
