"""Administration: accounts, memberships, programme settings, audit trail, personal data."""

from __future__ import annotations

import json

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import AuditEvent, Partner, Programme, ThemeMembership, User


def user_id(username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))


def test_coordinator_sees_accounts_of_own_programme_only(login, client, world):
    login("regisseur")
    html = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert "trekker1" in html and "Jong geleerd" in html
    assert "anderregisseur" not in html


def test_theme_leader_and_board_have_no_admin_pages(login, client, world):
    for name in ("trekker1", "bestuur"):
        login(name)
        assert client.get("/beheer/gebruikers").status_code == 403
        assert client.post("/beheer/gebruikers/nieuw", data={}).status_code == 403
        client.post("/logout")


def test_admin_creates_an_account_with_a_strong_password(login, client, world):
    login("admin")
    weak = client.post(
        "/beheer/gebruikers/nieuw",
        data={"username": "nieuw", "display_name": "Nieuw Lid", "role": "user", "password": "kort"},
    )
    assert weak.status_code == 400
    assert 'value="nieuw"' in weak.get_data(as_text=True)
    ok = client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "username": "nieuw",
            "display_name": "Nieuw Lid",
            "role": "user",
            "password": "Sterk-wachtwoord-1",
        },
    )
    assert ok.status_code == 302
    created = db.session.scalar(select(User).where(User.username == "nieuw"))
    assert created.programme_id == world.programme_id and created.check_password(
        "Sterk-wachtwoord-1"
    )
    dup = client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "username": "NIEUW",
            "display_name": "X",
            "role": "user",
            "password": "Sterk-wachtwoord-1",
        },
    )
    assert dup.status_code == 400 and "bestaat al" in dup.get_data(as_text=True)


def test_coordinator_manages_theme_memberships_but_not_accounts(login, client, world):
    login("regisseur")
    target = user_id("buiten")
    response = client.post(
        f"/beheer/gebruikers/{target}/themagroepen",
        data={"m-theme_id": world.theme2_id, "m-role": "member"},
    )
    assert response.status_code == 302
    membership = db.session.scalar(select(ThemeMembership).where(ThemeMembership.user_id == target))
    assert membership.theme_id == world.theme2_id
    assert (
        client.post(
            f"/beheer/gebruikers/{target}",
            data={"display_name": "X", "role": "admin", "is_active_account": "y", "version": 1},
        ).status_code
        == 403
    )
    removed = client.post(f"/beheer/gebruikers/{target}/themagroepen/{membership.id}/verwijderen")
    assert removed.status_code == 302
    assert db.session.get(ThemeMembership, membership.id) is None


def test_stale_account_edit_gets_a_conflict_with_both_versions(login, client, world):
    login("admin")
    target = user_id("lid1")
    person = db.session.get(User, target)
    stale = person.version
    person.display_name = "Door iemand anders"
    db.session.flush()
    response = client.post(
        f"/beheer/gebruikers/{target}",
        data={
            "display_name": "Mijn versie",
            "role": "user",
            "is_active_account": "y",
            "version": stale,
        },
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Door iemand anders" in html and "Mijn versie" in html


def test_admin_cannot_lock_themselves_out(login, client, world):
    login("admin")
    me = db.session.get(User, user_id("admin"))
    response = client.post(
        f"/beheer/gebruikers/{me.id}",
        data={"display_name": me.display_name, "role": "board", "version": me.version},
    )
    assert response.status_code == 400
    assert db.session.get(User, me.id).role.value == "admin"


def test_programme_settings_are_admin_only_and_audited(login, client, world):
    login("regisseur")
    assert client.get("/beheer/programma").status_code == 403
    client.post("/logout")
    login("admin")
    programme = db.session.get(Programme, world.programme_id)
    response = client.post(
        "/beheer/programma",
        data={
            "name": "Testakkoord",
            "operating_name": "Sportstad Test",
            "ambition": "Meer bewegen.",
            "version": programme.version,
        },
    )
    assert response.status_code == 302
    assert db.session.get(Programme, world.programme_id).operating_name == "Sportstad Test"
    log = client.get("/beheer/logboek").get_data(as_text=True)
    assert "Sportstad Test" in log


def test_contact_person_can_be_exported_and_erased_everywhere(login, client, world):
    partner = db.session.get(Partner, world.partner_ids["club"])
    partner.contact_name = "Jan Jansen"
    partner.contact_email = "jan@example.org"
    db.session.flush()  # the audit trail now holds the name too
    login("regisseur")
    found = client.get("/beheer/privacy?q=jansen").get_data(as_text=True)
    assert "Jan Jansen" in found and "VV Testclub" in found
    exported = client.post("/beheer/privacy/export", data={"q": "jansen"})
    data = json.loads(exported.get_data(as_text=True))
    assert data["partners"][0]["contact_name"] == "Jan Jansen"
    assert data["history"]

    assert client.post("/beheer/privacy/wissen", data={"q": "jansen"}).status_code == 302
    partner = db.session.get(Partner, world.partner_ids["club"])
    assert partner.contact_name == "[verwijderd]"
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_type == "Partner", AuditEvent.entity_id == partner.id
        )
    ).all()
    assert "Jan Jansen" not in json.dumps([(e.before, e.after) for e in events])
    assert any(e.action == "erase" for e in events)


def test_contact_search_needs_three_characters(login, client, world):
    login("regisseur")
    assert client.get("/beheer/privacy?q=ab").status_code == 400
