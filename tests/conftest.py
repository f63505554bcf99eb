"""Fixtures: one app and database per test worker, each test in a transaction rolled back after.

The database tests run on SQLite by default and on PostgreSQL when OMTRACKER_TEST_BACKEND is
`postgresql` (the Makefile's second pass, with OMTRACKER_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event

from omtracker import create_app
from omtracker.extensions import db
from tests.factories import PASSWORD, World, build_world

# The test SMTP server and its fixtures (smtp, smtp_inbox, runner).
pytest_plugins = ["tests.mail_support"]

BACKEND = os.environ.get("OMTRACKER_TEST_BACKEND", "sqlite")
DB_FIXTURES = {"app", "client", "world", "login", "count_queries"}

# The suite's "now": every test sees the same date, whatever day the machine says it is
# (DESIGN.md §3a). Time keeps ticking from here, so session and throttle clocks still move.
# Tests about dates move the clock on purpose with the `time_machine` fixture.
PINNED_NOW = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
_pinned_clock = time_machine.travel(PINNED_NOW, tick=True)


def pytest_configure(config: pytest.Config) -> None:
    _pinned_clock.start()
    if BACKEND == "postgresql":
        url = os.environ.get("OMTRACKER_TEST_POSTGRES_URL")
        if not url:
            raise pytest.UsageError(
                "OMTRACKER_TEST_BACKEND=postgresql needs OMTRACKER_TEST_POSTGRES_URL"
            )
        try:
            engine = sa.create_engine(_sqlalchemy_url(url))
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # report clearly instead of skipping
            raise pytest.UsageError(f"PostgreSQL not reachable at {url}: {exc}") from exc


def pytest_unconfigure(config: pytest.Config) -> None:
    _pinned_clock.stop()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that touch the database get the `db` marker; the PostgreSQL pass runs only those."""
    selected, deselected = [], []
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
        if BACKEND == "postgresql" and (
            item.get_closest_marker("db") is None or item.get_closest_marker("browser")
        ):
            deselected.append(item)
        else:
            selected.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def pytest_report_header(config: pytest.Config) -> str:
    return f"omtracker database backend: {BACKEND}"


def _sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgresql(\+psycopg)?://", "postgresql+psycopg://", url)


class _JoinedSession(FlaskSession):
    """A Flask-SQLAlchemy session that uses the test's connection (and its transaction)."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Any:
        return self.bind if self.bind is not None else super().get_bind(*args, **kwargs)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    """SQLite: a file per worker. PostgreSQL: a schema per worker process, dropped afterwards."""
    if BACKEND != "postgresql":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")
        return
    base = _sqlalchemy_url(os.environ["OMTRACKER_TEST_POSTGRES_URL"])
    schema = f"omt_test_{worker_id}_{os.getpid()}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in base else "?"
    yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def make_test_app(database_url: str, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "DEMO_MODE": True,
        "SERVER_NAME": None,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def _app_and_world(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Flask, World]]:
    app = make_test_app(
        database_url,
        ATTACHMENT_DIR=str(tmp_path_factory.mktemp("attachments")),
        MAIL_OUTBOX_DIR=str(tmp_path_factory.mktemp("outbox")),
    )

    @app.teardown_request
    def _forget_request_globals(exc: BaseException | None) -> None:
        # Tests keep an app context open around their requests, so Flask reuses it and `g`
        # (the loaded user, the programme) would leak from one request into the next.
        from flask import g

        g.__dict__.clear()

    with app.app_context():
        upgrade()
        world = build_world()
        db.session.commit()
        db.session.remove()
    yield app, world
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(_app_and_world: tuple[Flask, World]) -> Iterator[Flask]:
    """The shared app, inside a transaction that is rolled back when the test ends."""
    app = _app_and_world[0]
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {
                "class_": _JoinedSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
        app.config["WTF_CSRF_ENABLED"] = False
        try:
            yield app
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def world(app: Flask, _app_and_world: tuple[Flask, World]) -> World:
    return _app_and_world[1]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def login(client: FlaskClient):  # noqa: ANN201
    """login("trekker1") logs the test client in as that user of the test world."""

    def do_login(username: str, password: str = PASSWORD) -> FlaskClient:
        client.post("/logout")  # switching users: end any earlier session first
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, f"login as {username} failed"
        assert not response.headers["Location"].startswith("/login")
        return client

    return do_login


@pytest.fixture
def count_queries(app: Flask):  # noqa: ANN201
    """with count_queries() as counter: ...; counter.count is the number of SQL statements."""

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting() -> Iterator[Counter]:
        counter = Counter()
        counter.statements = []

        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if statement.strip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                return
            counter.count += 1
            counter.statements.append(statement)

        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
