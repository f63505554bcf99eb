"""`flask backup` and `flask restore`: a round trip gives back exactly the original data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

FLASK = [sys.executable, "-m", "flask", "--app", "omtracker"]


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*FLASK, *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: what 'equal databases' means here."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        out = {
            name: [
                tuple(row)
                for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
            ]
            for name, table in meta.tables.items()
        }
    engine.dispose()
    return out


@pytest.mark.db
def test_sqlite_backup_and_restore_round_trip(tmp_path: Path):
    db_file = tmp_path / "live.sqlite"
    url = f"sqlite:///{db_file}"
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url}
    run(env, "init-db")
    run(env, "seed-demo", "--months", "3")
    original = dump(url)
    backup = tmp_path / "backup.sqlite"
    run(env, "backup", "-o", str(backup))

    engine = sa.create_engine(url)
    with engine.begin() as conn:  # damage after the backup
        conn.execute(sa.text("DELETE FROM marker_ratings"))
        conn.execute(sa.text("UPDATE partners SET name = name || ' (kapot)'"))
    engine.dispose()
    assert dump(url) != original

    out = run(env, "restore", "--yes", str(backup))
    assert "hersteld" in out.stdout
    assert dump(url) == original


@pytest.mark.db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url}
    run(env, "init-db")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    result = subprocess.run(
        [*FLASK, "restore", "--yes", str(junk)], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0


def test_postgresql_backup_and_restore_round_trip(tmp_path: Path):
    base = os.environ.get("OMTRACKER_TEST_POSTGRES_URL")
    if os.environ.get("OMTRACKER_TEST_BACKEND") != "postgresql" or not base:
        pytest.skip("runs in the PostgreSQL pass")
    import shutil

    if not shutil.which("pg_dump"):
        pytest.fail("pg_dump missing on a machine with PostgreSQL")
    name = f"omt_backup_{os.getpid()}"
    admin = sa.create_engine(
        base.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    sa_url = url.replace("postgresql://", "postgresql+psycopg://")
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url}
    try:
        run(env, "init-db")
        run(env, "seed-demo", "--months", "3")
        original = dump(sa_url)
        backup = tmp_path / "backup.dump"
        run(env, "backup", "-o", str(backup))
        engine = sa.create_engine(sa_url)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE partners SET name = name || ' (kapot)'"))
        engine.dispose()
        run(env, "restore", "--yes", str(backup))
        assert dump(sa_url) == original
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


test_postgresql_backup_and_restore_round_trip = pytest.mark.db(
    test_postgresql_backup_and_restore_round_trip
)
