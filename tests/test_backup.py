"""`flask backup` and `flask restore`: a round trip gives back exactly the original data, the
evidence files included, and a damaged or foreign archive changes nothing."""

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
    backup = tmp_path / "backup.tar.gz"
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
    assert "geen omtracker-backup" in result.stderr


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
        backup = tmp_path / "backup.tar.gz"
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


# --- evidence files: one archive with the database and every attachment -------------------------

EVIDENCE = b"%PDF-1.4\n% verslag van de sportdag, met foto's\n%%EOF\n"


def instance(tmp_path: Path, name: str) -> tuple[str, Path, dict]:
    """A separate omtracker installation: its own database and evidence folder."""
    url = f"sqlite:///{tmp_path / name / 'omtracker.sqlite'}"
    files = tmp_path / name / "attachments"
    files.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url, "OMTRACKER_ATTACHMENT_DIR": str(files)}
    return url, files, env


def app_for(url: str, files: Path):  # noqa: ANN201
    from omtracker import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "backup-test",
            "SQLALCHEMY_DATABASE_URI": url,
            "ATTACHMENT_DIR": str(files),
            "WTF_CSRF_ENABLED": False,
        }
    )


def attach_evidence(url: str, files: Path) -> int:
    """A coordinator adds a PDF to the first journal, the way the journal form stores it."""
    from sqlalchemy import select

    from omtracker.extensions import db
    from omtracker.journals import services
    from omtracker.journals.attachments import attachment_dir, check_upload
    from omtracker.models import JournalAttachment, JournalEntry, User

    app = app_for(url, files)
    with app.app_context(), app.test_request_context():
        entry = db.session.scalars(select(JournalEntry).order_by(JournalEntry.id)).first()
        author = db.session.scalar(select(User).where(User.username == "regisseur"))
        upload = check_upload("verslag sportdag.pdf", EVIDENCE, 10 * 2**20)
        services.add_attachments(entry, [upload], author, attachment_dir())
        db.session.commit()
        attachment_id = db.session.scalars(select(JournalAttachment.id)).one()
        db.session.remove()
        db.engine.dispose()
    return attachment_id


def download(url: str, files: Path, attachment_id: int):  # noqa: ANN201
    from omtracker.extensions import db

    app = app_for(url, files)
    with app.app_context():
        client = app.test_client()
        login = client.post("/login", data={"username": "regisseur", "password": "omtracker-demo"})
        assert login.status_code == 302
        response = client.get(f"/logboeken/bijlagen/{attachment_id}")
        response.get_data()
        response.close()
        db.session.remove()
        db.engine.dispose()
    return response


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str, Path, dict]:
    """A demo installation with one evidence file, and its backup archive (made once: the
    tests below only restore elsewhere, or are refused and change nothing)."""
    tmp_path = tmp_path_factory.mktemp("backup")
    url, files, env = instance(tmp_path, "kantoor")
    run(env, "init-db")
    run(env, "seed-demo", "--months", "1")
    attachment_id = attach_evidence(url, files)
    archive = tmp_path / "omtracker-backup.tar.gz"
    out = run(env, "backup", "-o", str(archive))
    assert "1 bijlagen" in out.stdout
    return archive, attachment_id, url, files, env


@pytest.mark.db
def test_evidence_files_survive_a_backup_restored_on_another_server(tmp_path: Path, backed_up):
    archive, attachment_id, _url, _files, _env = backed_up
    new_url, new_files, new_env = instance(tmp_path, "nieuwe-server")
    out = run(new_env, "restore", "--yes", str(archive))
    assert "1 bijlagen hersteld" in out.stdout
    response = download(new_url, new_files, attachment_id)
    assert response.status_code == 200
    assert response.get_data() == EVIDENCE
    assert "verslag sportdag.pdf" in response.headers["Content-Disposition"]


@pytest.mark.db
def test_the_manifest_lists_every_file_with_its_size_and_checksum(backed_up):
    import hashlib
    import json
    import tarfile

    archive, _id, _url, files, _env = backed_up
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        contents = {name: tar.extractfile(name).read() for name in names[1:]}
    assert names[0] == "manifest.json"
    assert manifest["format"] == "omtracker-backup" and manifest["version"] == 1
    assert manifest["database"] == "sqlite"
    assert manifest["created_at"].endswith("Z")
    (stored,) = [p.name for p in files.iterdir()]
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == {"database/omtracker.sqlite", f"attachments/{stored}"}
    assert contents[f"attachments/{stored}"] == EVIDENCE
    for path, content in contents.items():
        assert listed[path]["size"] == len(content)
        assert listed[path]["sha256"] == hashlib.sha256(content).hexdigest()


def rewrite_archive(archive: Path, target: Path, change) -> None:  # noqa: ANN001
    """Copy the archive member by member, letting `change(name, content)` alter a member."""
    import io
    import tarfile

    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            content = change(member.name, source.extractfile(member).read())
            if content is None:
                continue
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))


def refused(env: dict, archive: Path) -> str:
    result = subprocess.run(
        [*FLASK, "restore", "--yes", str(archive)], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    return result.stderr


@pytest.mark.db
def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path: Path, backed_up):
    archive, _id, url, files, env = backed_up
    before_db, before_files = dump(url), {p.name: p.read_bytes() for p in files.iterdir()}
    damaged = tmp_path / "beschadigd.tar.gz"

    def one_changed_letter(name: str, data: bytes) -> bytes:
        return data.replace(b"sportdag", b"SPORTDAG") if "attachments/" in name else data

    rewrite_archive(archive, damaged, one_changed_letter)
    assert "controlesom" in refused(env, damaged)
    assert dump(url) == before_db
    assert {p.name: p.read_bytes() for p in files.iterdir()} == before_files
    assert not [p for p in files.parent.iterdir() if p.name.startswith(".restore-")]

    incomplete = tmp_path / "onvolledig.tar.gz"
    rewrite_archive(archive, incomplete, lambda name, data: None if "attach" in name else data)
    assert "onvolledig" in refused(env, incomplete)
    assert dump(url) == before_db


@pytest.mark.db
def test_a_foreign_archive_is_refused(tmp_path: Path, backed_up):
    import io
    import tarfile

    _archive, _id, url, _files, env = backed_up
    foreign = tmp_path / "iets-anders.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        data = b"hallo"
        info = tarfile.TarInfo("../../etc/cron.d/evil")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert "geen omtracker-backup" in refused(env, foreign)
    assert not (tmp_path.parent.parent / "etc" / "cron.d" / "evil").exists()
