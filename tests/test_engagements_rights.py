"""Every write on engagements and markers is checked on the server, per theme and role.

Leads write in their own theme, coordinators and administrators everywhere; members, the board
and people outside the theme get 403; a coordinator of another programme gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import AuditEvent, Engagement, ProgressMarker
from tests.engagements_support import theme2_engagement


@dataclass
class Target:
    opgave_id: int
    engagement_id: int
    marker_id: int
    free_partner_id: int


def _retire(marker_id: int) -> None:
    """Setup for the un-retire case; not a user write, so not audited."""
    with audit.suspended():
        marker = db.session.get(ProgressMarker, marker_id)
        marker.retired_period = marker.first_period
        db.session.flush()


# kind → (method, url template, form data); {e}, {m}, {o}, {p} come from the target.
WRITES = {
    "create engagement": (
        "/opgaven/{o}/uitkomstuitdagingen/nieuw",
        {
            "partner_id": "{p}",
            "outcome_challenge": "Doel",
            "monitoring_frequency_months": "1",
            "start_date": "2026-11-01",
        },
    ),
    "edit engagement": (
        "/uitkomstuitdagingen/{e}/bewerken",
        {
            "outcome_challenge": "Nieuw",
            "monitoring_frequency_months": "1",
            "start_date": "2026-01-01",
            "version": "{ev}",
        },
    ),
    "stop monitoring": ("/uitkomstuitdagingen/{e}/stoppen", {"version": "{ev}"}),
    "archive engagement": ("/uitkomstuitdagingen/{e}/archiveren", {"version": "{ev}"}),
    "add marker": (
        "/uitkomstuitdagingen/{e}/markeringen/nieuw",
        {"tier": "like", "text": "Nieuw gedrag", "first_period": "2026-11"},
    ),
    "edit marker": ("/markeringen/{m}/bewerken", {"text": "Anders", "version": "{mv}"}),
    "move marker": ("/markeringen/{m}/omlaag", {}),
    "retire marker": (
        "/markeringen/{m}/intrekken",
        {"retired_period": "2026-10", "version": "{mv}"},
    ),
    "unretire marker": ("/markeringen/{m}/terugzetten", {"version": "{mv}"}),
}
FORM_PAGES = [
    "/opgaven/{o}/uitkomstuitdagingen/nieuw",
    "/uitkomstuitdagingen/{e}/bewerken",
    "/uitkomstuitdagingen/{e}/markeringen/nieuw",
    "/markeringen/{m}/bewerken",
    "/markeringen/{m}/intrekken",
]


def _fill(template: str, target: Target) -> str:
    engagement = db.session.get(Engagement, target.engagement_id)
    marker = db.session.get(ProgressMarker, target.marker_id)
    return template.format(
        o=target.opgave_id,
        e=target.engagement_id,
        m=target.marker_id,
        p=target.free_partner_id,
        ev=engagement.version,
        mv=marker.version,
    )


def _changes() -> int:
    return db.session.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.entity_type.in_(["Engagement", "ProgressMarker"])
        )
    )


def _attempt(client, kind: str, target: Target):  # noqa: ANN001, ANN202
    if kind == "unretire marker":
        _retire(target.marker_id)
    url, data = WRITES[kind]
    return client.post(_fill(url, target), data={k: _fill(v, target) for k, v in data.items()})


def theme1(world) -> Target:  # noqa: ANN001
    return Target(
        world.opgave1_id,
        world.engagement1_id,
        world.marker_ids["expect1"],
        world.partner_ids["school"],
    )


def theme2(world) -> Target:  # noqa: ANN001
    engagement_id, marker_id = theme2_engagement(world)
    return Target(world.opgave2_id, engagement_id, marker_id, world.partner_ids["welzijn"])


ALLOWED_ON_THEME1 = ["trekker1", "regisseur", "admin"]
FORBIDDEN_ON_THEME1 = ["lid1", "bestuur", "buiten", "trekker2"]


@pytest.mark.parametrize("kind", list(WRITES))
@pytest.mark.parametrize("username", ALLOWED_ON_THEME1)
def test_leads_coordinators_and_admins_may_write_in_theme1(world, login, username, kind):
    target = theme1(world)
    before = _changes()
    response = _attempt(login(username), kind, target)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert _changes() > before


@pytest.mark.parametrize("kind", list(WRITES))
@pytest.mark.parametrize("username", FORBIDDEN_ON_THEME1)
def test_members_board_outsiders_and_other_leads_get_403_in_theme1(world, login, username, kind):
    target = theme1(world)
    before = _changes()
    response = _attempt(login(username), kind, target)
    assert response.status_code == 403
    assert _changes() == before


@pytest.mark.parametrize("kind", list(WRITES))
def test_theme_leader_cannot_write_in_another_theme(world, login, kind):
    target = theme2(world)
    before = _changes()
    assert _attempt(login("trekker1"), kind, target).status_code == 403
    assert _changes() == before


@pytest.mark.parametrize("kind", list(WRITES))
def test_theme2_leader_writes_in_theme2(world, login, kind):
    target = theme2(world)
    assert _attempt(login("trekker2"), kind, target).status_code == 302


@pytest.mark.parametrize("kind", list(WRITES))
def test_coordinator_of_another_programme_gets_404(world, login, kind):
    target = theme1(world)
    before = _changes()
    assert _attempt(login("anderregisseur"), kind, target).status_code == 404
    assert _changes() == before


@pytest.mark.parametrize("page", FORM_PAGES)
@pytest.mark.parametrize("username", ["lid1", "bestuur", "trekker2"])
def test_edit_forms_are_not_shown_to_those_who_may_not_write(world, login, username, page):
    assert login(username).get(_fill(page, theme1(world))).status_code == 403


@pytest.mark.parametrize("page", FORM_PAGES)
def test_edit_forms_open_for_the_lead(world, login, page):
    assert login("trekker1").get(_fill(page, theme1(world))).status_code == 200


@pytest.mark.parametrize("username", ["lid1", "bestuur", "buiten", "trekker2"])
def test_everyone_in_the_programme_reads_engagement_and_marker_pages(world, login, username):
    client = login(username)
    target = theme1(world)
    assert client.get(f"/uitkomstuitdagingen/{target.engagement_id}").status_code == 200
    assert client.get(f"/markeringen/{target.marker_id}").status_code == 200


def test_another_programme_does_not_see_our_pages(world, login):
    client = login("anderregisseur")
    assert client.get(f"/uitkomstuitdagingen/{world.engagement1_id}").status_code == 404
    assert client.get(f"/markeringen/{world.marker_ids['expect1']}").status_code == 404
