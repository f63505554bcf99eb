"""A real database of a test's own (SQLite file or PostgreSQL schema) with a programme in it.

The shared test fixtures run every test inside one rolled-back transaction on one connection,
which hides exactly what the concurrency tests look for: separate connections, real commits,
locks. These helpers build a fresh database and app instead.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import Engagement, Partner, PartnerType, ProgressMarker, Tier
from omtracker.periods import first_day
from tests.conftest import make_test_app
from tests.factories import World, build_world

BACKEND = os.environ.get("OMTRACKER_TEST_BACKEND", "sqlite")
START = "2020-01"


@dataclass
class Live:
    """A migrated database with the test world and `count` extra engagements of theme 1."""

    url: str
    app: Flask
    world: World
    engagement_ids: list[int] = field(default_factory=list)
    # Engagement id → its three marker ids (expect, like, love).
    marker_ids: dict[int, list[int]] = field(default_factory=dict)


def postgres_base_url() -> str:
    return re.sub(
        r"^postgresql(\+psycopg)?://",
        "postgresql+psycopg://",
        os.environ["OMTRACKER_TEST_POSTGRES_URL"],
    )


@contextmanager
def fresh_database_url(tmp_path) -> Iterator[str]:  # noqa: ANN001
    """SQLite: a new file. PostgreSQL: a new schema, dropped afterwards."""
    if BACKEND != "postgresql":
        yield f"sqlite:///{tmp_path / 'omtracker.sqlite'}"
        return
    base = postgres_base_url()
    schema = f"omt_conc_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def add_engagements(world: World, count: int) -> tuple[list[int], dict[int, list[int]]]:
    """Engagements of theme 1 from START on, each with an expect, a like and a love marker."""
    ids, markers = [], {}
    with audit.suspended():
        for number in range(count):
            partner = Partner(
                programme_id=world.programme_id, name=f"Partner {number}", type=PartnerType.club
            )
            engagement = Engagement(
                partner=partner,
                opgave_id=world.opgave1_id,
                start_date=first_day(START),
                outcome_challenge=f"Partner {number} doet mee.",
            )
            ladder = [
                ProgressMarker(
                    engagement=engagement,
                    tier=tier,
                    position=0,
                    text=tier.value,
                    first_period=START,
                )
                for tier in (Tier.expect, Tier.like, Tier.love)
            ]
            db.session.add_all([partner, engagement, *ladder])
            db.session.flush()
            ids.append(engagement.id)
            markers[engagement.id] = [m.id for m in ladder]
    return ids, markers


@contextmanager
def live_database(tmp_path, engagements: int = 8, **config) -> Iterator[Live]:  # noqa: ANN001
    with fresh_database_url(tmp_path) as url:
        app = make_test_app(url, **config)
        with app.app_context():
            upgrade()
            world = build_world()
            ids, markers = add_engagements(world, engagements)
            db.session.commit()
            db.session.remove()
        try:
            yield Live(url, app, world, ids, markers)
        finally:
            with app.app_context():
                db.engine.dispose()


def engine_for(url: str) -> sa.Engine:
    return sa.create_engine(re.sub(r"^postgresql://", "postgresql+psycopg://", url))


def user_id(username: str) -> int:
    from omtracker.models import User

    return db.session.scalar(select(User.id).where(User.username == username))
