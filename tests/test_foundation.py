"""The foundation: app factory, schema and migrations, health check, errors, demo data."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import func, inspect, select

from omtracker.demo import seed
from omtracker.extensions import db
from omtracker.models import (
    AuditEvent,
    Engagement,
    Indicator,
    IndicatorValue,
    JournalEntry,
    Opgave,
    Partner,
    Programme,
    Theme,
    User,
)


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] in {"sqlite", "postgresql"}


def test_missing_page_is_a_friendly_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_migrations_create_every_table_of_the_domain_model(app):
    tables = set(inspect(db.engine).get_table_names())
    expected = {
        "programmes",
        "themes",
        "theme_memberships",
        "opgaven",
        "partners",
        "engagements",
        "progress_markers",
        "journal_entries",
        "marker_ratings",
        "journal_contributors",
        "journal_revisions",
        "journal_attachments",
        "strategies",
        "strategy_journal_entries",
        "theme_statuses",
        "monthly_reports",
        "indicators",
        "indicator_values",
        "partner_relations",
        "audit_events",
        "users",
        "login_attempts",
        "api_tokens",
    }
    assert expected <= tables


def test_migrations_match_the_models(app):
    """`flask db check` equivalent: autogenerate finds nothing to add after upgrading."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from omtracker.search import schema

    # The full-text index (FTS5 table, GIN index) is the database's own; Alembic skips it.
    opts = {"include_object": schema.include_object, "include_name": schema.include_name}
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), db.metadata)
    assert diff == []


def test_flask_db_check_on_fresh_sqlite(tmp_path):
    env = {"OMTRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}", "PATH": ""}
    flask = [sys.executable, "-m", "flask", "--app", "omtracker"]
    upgrade = subprocess.run([*flask, "init-db"], env=env, capture_output=True, text=True)
    assert upgrade.returncode == 0, upgrade.stderr
    check = subprocess.run([*flask, "db", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr


def test_one_journal_entry_per_engagement_and_month(app, world):
    import pytest
    from sqlalchemy.exc import IntegrityError

    db.session.add(JournalEntry(engagement_id=world.engagement1_id, period="2026-09"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_month_must_be_well_formed_in_the_database(app, world):
    import pytest
    from sqlalchemy.exc import IntegrityError

    db.session.add(JournalEntry(engagement_id=world.engagement1_id, period="2026/1"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_concurrent_update_of_a_stale_version_is_refused(app, world):
    """Optimistic locking: an UPDATE carrying an old version changes nothing and raises."""
    import pytest
    from sqlalchemy import update
    from sqlalchemy.orm.exc import StaleDataError

    opgave = db.session.get(Opgave, world.opgave1_id)
    # Someone else saves first: the version in the database moves on.
    db.session.execute(
        update(Opgave).where(Opgave.id == opgave.id).values(version=Opgave.version + 1),
        execution_options={"synchronize_session": False},
    )
    opgave.title = "Mijn titel"
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()


def test_every_write_is_audited_with_before_and_after(app, world):
    from omtracker.audit import set_actor

    token = set_actor(None)
    opgave = db.session.get(Opgave, world.opgave1_id)
    opgave.title = "Beweegdiploma voor iedereen"
    db.session.flush()
    event = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "Opgave", AuditEvent.entity_id == opgave.id)
        .order_by(AuditEvent.id.desc())
    ).first()
    assert event.action == "update"
    assert event.before == {"title": "Beweegdiploma"}
    assert event.after == {"title": "Beweegdiploma voor iedereen"}
    token.var.reset(token)


def test_demo_programme_loads_documented_facts_and_marked_examples(app):
    summary = seed.load_demo(months=6, end="2026-11", account_prefix="demo-")
    db.session.flush()
    programme = db.session.scalar(select(Programme).where(Programme.slug == "assen"))
    assert programme.operating_name == "Assen Sportstad"
    themes = db.session.scalars(
        select(Theme).where(Theme.programme_id == programme.id).order_by(Theme.number)
    ).all()
    assert [t.name for t in themes][:2] == [
        "Van jongs af aan vaardig in beweging",
        "Inclusief en toegankelijk",
    ]
    assert {t.building_block.value for t in themes} == {"hardware", "orgware", "software"}
    # Facts are not example data; everything generated is.
    assert (
        db.session.scalar(
            select(func.count(Partner.id)).where(
                Partner.programme_id == programme.id, Partner.is_example.is_(True)
            )
        )
        == 0
    )
    assert (
        db.session.scalar(
            select(func.count(Opgave.id)).join(Theme).where(Theme.programme_id == programme.id)
        )
        > 15
    )
    engagements = db.session.scalars(
        select(Engagement).join(Opgave).join(Theme).where(Theme.programme_id == programme.id)
    ).all()
    assert engagements and all(e.is_example for e in engagements)
    participation = db.session.scalar(
        select(IndicatorValue)
        .join(Indicator)
        .where(Indicator.programme_id == programme.id, Indicator.name == "Wekelijkse sportdeelname")
    )
    assert (participation.value, participation.year) == (45.0, 2020)
    demo_users = {
        u.username
        for u in db.session.scalars(select(User).where(User.programme_id == programme.id))
    }
    expected = {"admin", "regisseur", "bestuur", "lid1"} | {f"trekker{i}" for i in range(1, 7)}
    assert {f"demo-{name}" for name in expected} <= demo_users
    assert "omtracker-demo" in summary


def test_packaged_facts_are_a_copy_of_the_shared_data():
    from pathlib import Path

    from omtracker.demo.facts import DATA_FILE

    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "assen-sportakkoord.json"
    if shared.exists():
        assert json.loads(DATA_FILE.read_text()) == json.loads(shared.read_text())
    assert json.loads(DATA_FILE.read_text())["programme"]["operating_name"] == "Assen Sportstad"
