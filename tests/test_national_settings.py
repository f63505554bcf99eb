"""Issue 17, settings and access: a coordinator links themes to the national themes and chooses
to share; an administrator makes networks and invites readers; a reader opens only the national
pages. (The national figures themselves are tested with the national pages.)"""

from __future__ import annotations

import re

from sqlalchemy import select

from omtracker.admin import networks
from omtracker.extensions import db
from omtracker.models import (
    AuditEvent,
    MonitoringNetwork,
    NationalTheme,
    NetworkKind,
    NetworkReader,
    OutgoingMail,
    Programme,
    Theme,
    User,
)
from omtracker.national.access import PUBLIC_ENDPOINTS, reader_may_open
from tests.trust_support import build_records, remove_files

NEW_PASSWORD = "Landelijk-beeld-2026"


def _theme(theme_id: int) -> Theme:
    db.session.expire_all()
    return db.session.get(Theme, theme_id)


def _audited(entity_type: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == entity_type)))


# --- national themes per theme ---------------------------------------------------------


def test_coordinator_links_a_theme_to_national_themes_and_the_theme_page_shows_them(world, login):
    client = login("regisseur")
    page = client.get(f"/beheer/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Landelijke thema’s (Sportakkoord II)" in page
    assert "Maatschappelijke waarde van topsport" in page
    response = client.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["movement_skills", "inclusion"]},
    )
    assert response.status_code == 302
    assert _theme(world.theme1_id).national_themes == [
        NationalTheme.inclusion,
        NationalTheme.movement_skills,
    ]
    created = _audited("ThemeNationalTheme")
    assert {e.after["national_theme"] for e in created} == {"inclusion", "movement_skills"}
    assert all(e.user_id is not None for e in created)
    theme_page = client.get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Vaardig in bewegen" in theme_page and "Inclusie en diversiteit" in theme_page

    # Unticking one removes just that link (audited as a delete); none at all is allowed.
    client.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["inclusion"]},
    )
    assert _theme(world.theme1_id).national_themes == [NationalTheme.inclusion]
    assert [e.before["national_theme"] for e in _audited("ThemeNationalTheme") if e.before] == [
        "movement_skills"
    ]
    client.post(f"/beheer/themas/{world.theme1_id}/landelijke-themas", data={})
    assert _theme(world.theme1_id).national_themes == []


def test_an_unknown_national_theme_is_refused_and_changes_nothing(world, login):
    client = login("regisseur")
    client.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["space"]},
    )
    response = client.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["space", "curling"]},
    )
    assert response.status_code == 303
    assert _theme(world.theme1_id).national_themes == [NationalTheme.space]


def test_coordinator_cannot_link_another_programmes_theme(world, login):
    client = login("anderregisseur")
    response = client.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["space"]},
    )
    assert response.status_code == 404
    assert _theme(world.theme1_id).national_themes == []
    theme_leader = login("trekker1")
    response = theme_leader.post(
        f"/beheer/themas/{world.theme1_id}/landelijke-themas",
        data={"lt-national_themes": ["space"]},
    )
    assert response.status_code == 403
    assert _theme(world.theme1_id).national_themes == []


# --- sharing is the programme's choice ---------------------------------------------------


def _programme(programme_id: int) -> Programme:
    db.session.expire_all()
    return db.session.get(Programme, programme_id)


def test_sharing_is_off_until_the_coordinator_turns_it_on_and_the_change_is_audited(world, login):
    assert _programme(world.programme_id).shares_with_network is False
    client = login("regisseur")
    page = client.get("/beheer/delen").get_data(as_text=True)
    assert "Geaggregeerde cijfers delen met het netwerk" in page
    assert "Namen van mensen, namen van partners en contactgegevens." in page
    assert "Landelijke monitor" in page  # the network that would read along
    version = _programme(world.programme_id).version
    response = client.post(
        "/beheer/delen",
        data={"shares_with_network": "y", "inhabitants": "68000", "version": version},
    )
    assert response.status_code == 302
    programme = _programme(world.programme_id)
    assert programme.shares_with_network is True
    assert programme.inhabitants == 68000
    assert _programme(world.other_programme_id).shares_with_network is False
    change = _audited("Programme")[-1]
    assert change.before["shares_with_network"] is False
    assert change.after["shares_with_network"] is True
    assert change.after["inhabitants"] == 68000

    # Turning it off again is just as plain.
    client.post("/beheer/delen", data={"inhabitants": "68000", "version": programme.version})
    assert _programme(world.programme_id).shares_with_network is False


def test_sharing_form_keeps_what_was_typed_on_bad_input_and_on_a_stale_version(world, login):
    client = login("regisseur")
    version = _programme(world.programme_id).version
    response = client.post(
        "/beheer/delen",
        data={"shares_with_network": "y", "inhabitants": "-5", "version": version},
    )
    assert response.status_code == 400
    assert _programme(world.programme_id).shares_with_network is False
    response = client.post(
        "/beheer/delen",
        data={"shares_with_network": "y", "inhabitants": "5000", "version": version - 1},
    )
    assert response.status_code == 409
    assert 'value="5000"' in response.get_data(as_text=True)
    assert _programme(world.programme_id).shares_with_network is False


def test_only_coordinators_and_administrators_choose_to_share(world, login):
    for username in ("bestuur", "trekker1", "lid1"):
        client = login(username)
        assert client.get("/beheer/delen").status_code == 403
        assert client.post("/beheer/delen", data={"shares_with_network": "y"}).status_code == 403
    assert _programme(world.programme_id).shares_with_network is False


# --- networks, readers and their invitation ---------------------------------------------


def _mail_link(address: str) -> str:
    mail = db.session.scalars(
        select(OutgoingMail).where(OutgoingMail.recipient == address).order_by(OutgoingMail.id)
    ).all()[-1]
    return re.search(r"https?://\S+/wachtwoord-herstellen/[A-Za-z0-9_-]{43}", mail.text).group(0)


def test_admin_makes_a_regional_network_and_invites_a_reader_who_accepts(app, world, login):
    admin = login("admin")
    response = admin.post(
        "/beheer/netwerken",
        data={
            "name": "Sportbureau Drenthe",
            "kind": "regional",
            "programme_ids": [str(world.programme_id)],
        },
    )
    assert response.status_code == 302
    network = db.session.scalar(
        select(MonitoringNetwork).where(MonitoringNetwork.name == "Sportbureau Drenthe")
    )
    assert network.kind == NetworkKind.regional
    assert [link.programme_id for link in network.programme_links] == [world.programme_id]
    page = admin.get(f"/beheer/netwerken/{network.id}").get_data(as_text=True)
    assert "Testakkoord" in page

    response = admin.post(
        f"/beheer/netwerken/{network.id}/lezers",
        data={
            "r-email": "lezer@sportbureau.example",
            "r-display_name": "Lea Lezer",
            "r-locale": "nl",
        },
    )
    assert response.status_code == 302
    reader = db.session.scalar(select(User).where(User.email == "lezer@sportbureau.example"))
    assert reader.programme_id is None and reader.role.value == "user"
    assert db.session.get(NetworkReader, reader.id).network_id == network.id
    assert "Lea Lezer" in admin.get(f"/beheer/netwerken/{network.id}").get_data(as_text=True)

    # The invited reader opens the mailed link, chooses a password and logs in.
    link = _mail_link("lezer@sportbureau.example")
    path = link.split("://", 1)[1].split("/", 1)[1]
    visitor = app.test_client()
    assert visitor.get(f"/{path}").status_code == 200
    response = visitor.post(f"/{path}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"].endswith("/login")
    response = visitor.post("/login", data={"username": reader.username, "password": NEW_PASSWORD})
    assert response.status_code == 302
    home = visitor.get(response.headers["Location"])
    assert home.status_code == 302 and home.headers["Location"] == _landing(app)
    assert visitor.get(f"/{path}").status_code == 410  # the link worked once


def test_a_second_network_of_the_same_name_or_an_address_in_use_is_refused(world, login):
    admin = login("admin")
    response = admin.post(
        "/beheer/netwerken", data={"name": "landelijke monitor", "kind": "national"}
    )
    assert response.status_code == 400
    assert "Er is al een netwerk met deze naam." in response.get_data(as_text=True)
    db.session.get(User, 1).email = "bezet@voorbeeld.nl"
    db.session.commit()
    response = admin.post(
        f"/beheer/netwerken/{world.network_id}/lezers",
        data={"r-email": "BEZET@voorbeeld.nl", "r-display_name": "Typed Name", "r-locale": "nl"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Er is al een account met dit e-mailadres." in page
    assert 'value="Typed Name"' in page


def test_a_national_network_lists_no_municipalities(world):
    network = networks.create_network(
        "Tweede monitor", NetworkKind.national, [db.session.get(Programme, world.programme_id)]
    )
    assert network.programme_links == []


def test_removing_a_reader_switches_the_account_off(app, world, login):
    reader_client = app.test_client()
    reader_client.post("/login", data={"username": "netwerklezer", "password": "test-password-1"})
    assert reader_client.get("/profiel").status_code == 200
    admin = login("admin")
    reader_id = db.session.scalar(select(User.id).where(User.username == "netwerklezer"))
    response = admin.post(f"/beheer/netwerken/{world.network_id}/lezers/{reader_id}/verwijderen")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(NetworkReader, reader_id) is None
    assert db.session.get(User, reader_id).is_active_account is False
    assert reader_client.get("/profiel").headers["Location"].startswith("/login")


def test_coordinators_do_not_manage_networks(world, login):
    client = login("regisseur")
    assert client.get("/beheer/netwerken").status_code == 403
    assert (
        client.post("/beheer/netwerken", data={"name": "X", "kind": "national"}).status_code == 403
    )


# --- a reader sees the national pages only ----------------------------------------------


def test_a_reader_gets_403_or_404_on_every_programme_page(app, world, login):
    """Every GET and POST route of the URL map that is not a national, account or public page
    refuses a logged-in network reader; the matrix checks the same per route and role."""
    built = build_records(app, world)
    try:
        from tests.test_authorization_matrix import MATRIX

        client = login("netwerklezer")
        adapter = app.url_map.bind("localhost")
        checked, problems = 0, []
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("api.") or reader_may_open(rule.endpoint):
                continue
            if rule.endpoint == "main.overview":
                continue  # the home page sends a reader on to theirs (tested below)
            entry = MATRIX[rule.endpoint][0]
            values = {**entry.values(built), **(entry.query(built) if entry.query else {})}
            url = adapter.build(rule.endpoint, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, data={})
                checked += 1
                if response.status_code not in (403, 404):
                    problems.append(f"{method} {url}: {response.status_code}")
        assert checked > 150
        assert not problems, "\n".join(problems)
    finally:
        remove_files(built)


def test_a_readers_token_reads_no_programme_through_the_api(app, world):
    from omtracker.api.auth import new_token, token_digest
    from omtracker.models import ApiToken

    reader_id = db.session.scalar(select(User.id).where(User.username == "netwerklezer"))
    secret = new_token()
    db.session.add(ApiToken(user_id=reader_id, name="analyse", token_sha256=token_digest(secret)))
    db.session.commit()
    client = app.test_client()
    for path in ("/api/v1/me", "/api/v1/themes", "/api/v1/programmes", "/api/v1/partners"):
        response = client.get(path, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 403, path


def _landing(app) -> str:  # noqa: ANN001
    """The national picture once its pages are installed; until then the reader's profile."""
    return "/landelijk/" if "national.index" in app.view_functions else "/profiel"


def test_a_readers_navigation_holds_no_programme_pages(app, world, login):
    client = login("netwerklezer")
    page = client.get("/profiel").get_data(as_text=True)
    assert "Netwerklezer: Landelijke monitor" in page
    for label in ("Overzicht", "Thema’s", "Partners", "Beheer"):
        assert f">{label}</a>" not in page, label
    assert 'role="search"' not in page
    assert "Herinneringen per e-mail" not in page
    assert client.get("/").headers["Location"] == _landing(app)


def test_the_gate_opens_the_national_blueprint_and_network_api_only():
    assert reader_may_open("national.index") and reader_may_open("national.theme")
    assert reader_may_open("api.national_rollup")
    assert reader_may_open("auth.profile") and reader_may_open("static")
    for endpoint in (
        "dashboard.index",
        "themes.theme",
        "api.themes",
        "admin.users",
        "search.index",
    ):
        assert not reader_may_open(endpoint), endpoint
    assert "main.overview" not in PUBLIC_ENDPOINTS


def test_any_account_with_a_reader_row_is_gated_even_one_with_a_programme(app, world, login):
    """The gate does not rely on readers being made without a programme: an administrator
    given a reader row by mistake opens no programme page and their token reads nothing."""
    from omtracker.api.auth import new_token, token_digest
    from omtracker.models import ApiToken

    admin_id = db.session.scalar(select(User.id).where(User.username == "admin"))
    db.session.add(NetworkReader(user_id=admin_id, network_id=world.network_id))
    secret = new_token()
    db.session.add(ApiToken(user_id=admin_id, name="t", token_sha256=token_digest(secret)))
    db.session.commit()
    client = login("admin")
    for path in (f"/themas/{world.theme1_id}", "/beheer/gebruikers", "/dashboard/", "/partners/"):
        assert client.get(path).status_code == 403, path
    assert client.get("/profiel").status_code == 200
    response = app.test_client().get(
        "/api/v1/themes", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 403


def test_the_reader_check_adds_no_query_for_a_programmes_own_people(app, world):
    """`User.network_reader` comes with the user (a join); only a reader's network is looked up."""
    from sqlalchemy import event

    from omtracker.national.access import is_network_reader, network_of

    statements: list[str] = []

    def count(*args) -> None:  # noqa: ANN002
        statements.append(args[2])

    for username, reads in (("regisseur", False), ("admin", False), ("netwerklezer", True)):
        db.session.expire_all()
        user = db.session.scalar(select(User).where(User.username == username))
        engine = db.session.get_bind()
        event.listen(engine, "before_cursor_execute", count)
        try:
            statements.clear()
            assert is_network_reader(user) is reads
            assert not statements, username
            network = network_of(user)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert (network.id if network else None) == (world.network_id if reads else None)
