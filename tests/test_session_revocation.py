"""Ending a session ends it on the server: a copied cookie is worthless after logout, a password
change, a password reset, deactivation or "Overal uitloggen" (issue 13, item 5)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from omtracker.auth.sessions import end_all_sessions
from omtracker.extensions import db
from omtracker.models import User
from tests.factories import PASSWORD

NEW_PASSWORD = "Ander-wachtwoord-2026"


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def browser(app, username: str):  # noqa: ANN001, ANN201
    """A separate browser (its own cookie jar) logged in as `username`."""
    other = app.test_client()
    response = other.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return other


def copy_of_cookie(app, client):  # noqa: ANN001, ANN201
    """What an attacker holds after copying the session cookie out of `client`."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def is_logged_in(client) -> bool:  # noqa: ANN001
    return client.get("/mijn-maand").status_code == 200


def test_a_copied_cookie_no_longer_opens_my_month_after_logout(app, client, world, login):
    login("trekker1")
    thief = copy_of_cookie(app, client)
    assert is_logged_in(thief)
    client.post("/logout")
    response = thief.get("/mijn-maand")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert "Je sessie is beëindigd" in thief.get("/login").get_data(as_text=True)


def test_a_second_session_dies_after_a_password_change_and_this_one_goes_on(
    app, client, world, login
):
    login("lid1")
    laptop = browser(app, "lid1")
    response = client.post(
        "/profiel",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(laptop)


def test_log_out_everywhere_ends_every_session_of_that_user_only(app, client, world, login):
    login("trekker1")
    phone = browser(app, "trekker1")
    colleague = browser(app, "trekker2")
    assert "Overal uitloggen" in client.get("/profiel").get_data(as_text=True)
    response = client.post("/profiel/overal-uitloggen")
    assert response.headers["Location"] == "/login"
    assert not is_logged_in(client)
    assert not is_logged_in(phone)
    assert is_logged_in(colleague)
    assert is_logged_in(browser(app, "trekker1"))  # logging in again works as before


def test_an_administrators_password_reset_and_deactivation_end_the_sessions(
    app, client, world, login
):
    member = browser(app, "lid1")
    login("admin")
    client.post(f"/beheer/gebruikers/{user('lid1').id}/wachtwoord", data={"password": NEW_PASSWORD})
    assert not is_logged_in(member)

    member = app.test_client()
    member.post("/login", data={"username": "lid1", "password": NEW_PASSWORD})
    assert is_logged_in(member)
    lid1 = user("lid1")
    edit = {"display_name": lid1.display_name, "role": "user", "version": lid1.version}
    assert client.post(f"/beheer/gebruikers/{lid1.id}", data=edit).status_code == 302
    assert not is_logged_in(member)
    # Switching the account back on does not bring the old session back.
    lid1 = user("lid1")
    edit.update(is_active_account="y", version=lid1.version)
    assert client.post(f"/beheer/gebruikers/{lid1.id}", data=edit).status_code == 302
    assert not is_logged_in(member)


def test_end_all_sessions_is_there_for_other_flows(app, client, world, login):
    """The e-mailed password reset and deactivation call this service, then commit."""
    login("lid1")
    end_all_sessions(user("lid1"))
    db.session.commit()
    assert not is_logged_in(client)


def test_a_session_cookie_from_before_session_epochs_is_not_accepted(app, client, world, login):
    login("lid1")
    with client.session_transaction() as session:
        session["_user_id"] = str(user("lid1").id)  # the old form: the id alone
    assert not is_logged_in(client)


@pytest.mark.db
def test_a_logout_in_one_worker_ends_the_session_in_another(tmp_path):
    """Two app processes (gunicorn workers, or two machines) share only the database."""
    from flask_migrate import upgrade

    from omtracker import create_app
    from omtracker.models import Role
    from tests.factories import make_user

    config = {
        "TESTING": True,
        "SECRET_KEY": "shared-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.sqlite'}",
        "WTF_CSRF_ENABLED": False,
    }
    worker_a, worker_b = create_app(config), create_app(config)
    with worker_a.app_context():
        upgrade()
        db.session.add(make_user("lid1", Role.user, None))
        db.session.commit()
        db.session.remove()
    try:
        browser_a, browser_b = worker_a.test_client(), worker_b.test_client()
        browser_a.post("/login", data={"username": "lid1", "password": PASSWORD})
        browser_b.set_cookie("session", browser_a.get_cookie("session").value)
        assert browser_b.get("/profiel").status_code == 200
        assert browser_a.post("/logout").status_code == 302
        assert browser_b.get("/profiel").status_code == 302
    finally:
        for worker in (worker_a, worker_b):
            with worker.app_context():
                db.session.remove()
                db.engine.dispose()
