"""A slow form never blocks other people's saves, and a save that cannot get the lock says so.

SQLite has one writer at a time. These tests use a database of their own with real connections
(tests/concurrency_support.py): one process or request holds the database busy while another
user saves a journal or logs in. The save goes through, or (when the write lock stays taken
past the busy timeout) answers 503 with the form and everything typed in it: never a 500.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry
from omtracker.partners import importing
from tests.concurrency_support import BACKEND, Live, live_database
from tests.factories import PASSWORD
from tests.journals_support import journal_url, payload

pytestmark = [
    pytest.mark.db,
    pytest.mark.skipif(BACKEND == "postgresql", reason="SQLite's single write lock"),
]

# Another process: take SQLite's write lock, say so, keep it for argv[2] seconds.
HOLD_THE_WRITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def logged_in(live: Live, username: str):  # noqa: ANN201
    client = live.app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def hold_write_lock(live: Live, seconds: float) -> subprocess.Popen:
    path = live.url.removeprefix("sqlite:///")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_WRITE_LOCK, path, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def saved_description(live: Live, entry_id: int) -> str:
    with live.app.app_context():
        text = db.session.scalar(
            select(JournalEntry.change_description).where(JournalEntry.id == entry_id)
        )
        db.session.remove()
        return text


def test_a_journal_saved_while_another_process_writes_for_long_answers_503_with_the_text_kept(
    tmp_path,
):
    with live_database(tmp_path, engagements=0, SQLITE_BUSY_TIMEOUT_SECONDS=1) as live:
        world = live.world
        url = journal_url(world.engagement1_id, "2026-10")
        client = logged_in(live, "trekker1")
        version = (
            client.get(url).get_data(as_text=True).split('name="version" type="hidden" value="')[1]
        )
        version = version.split('"')[0]
        typed = "Tijdens de drukte getypt: de club opende een tweede locatie."
        holder = hold_write_lock(live, 6)
        try:
            started = time.monotonic()
            busy = client.post(url, data=payload(world, version, change_description=typed))
            waited = time.monotonic() - started
            # A journal not yet written (a new entry, saved inside a savepoint) likewise.
            new_url = journal_url(world.engagement1_id, "2026-11")
            new = client.post(new_url, data=payload(world, "", change_description=typed))
            # Any other form: the "even druk" page keeps the text and leads back to the form.
            status_url = f"/themas/{world.theme1_id}/status"
            status = client.post(
                status_url,
                data={"period": "2026-11", "rag": "on_track", "text": typed, "version": ""},
                headers={"Referer": f"http://localhost{status_url}"},
            )
        finally:
            holder.wait(timeout=20)
            holder.stdout.close()
        html = busy.get_data(as_text=True)
        assert busy.status_code == 503
        assert busy.headers["Retry-After"]
        assert "Het is even druk; probeer het zo nog eens." in html
        assert f"{typed}</textarea>" in html  # the form, with what was typed in it
        assert waited < 3
        assert new.status_code == 503 and f"{typed}</textarea>" in new.get_data(as_text=True)
        page = status.get_data(as_text=True)
        assert status.status_code == 503 and f"{typed}</textarea>" in page
        assert f'<a href="{status_url}">Terug naar het formulier</a>' in page
        assert saved_description(live, world.entry_ids["2026-10"]) != typed

        again = client.post(url, data=payload(world, version, change_description=typed))
        assert again.status_code == 302
        assert saved_description(live, world.entry_ids["2026-10"]) == typed


def test_a_journal_is_saved_while_someone_elses_import_check_is_still_reading(
    tmp_path, monkeypatch
):
    with live_database(tmp_path, engagements=0, SQLITE_BUSY_TIMEOUT_SECONDS=1) as live:
        world = live.world
        reading = threading.Event()
        slow_read = importing.read_table

        def read_slowly(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            reading.set()
            time.sleep(3)  # a big file being parsed and checked
            return slow_read(*args, **kwargs)

        monkeypatch.setattr(importing, "read_table", read_slowly)
        importer = logged_in(live, "regisseur")
        writer = logged_in(live, "lid1")
        answers: dict[str, int] = {}

        def check_import() -> None:
            data = b"naam;type\nZwemclub Dolfijn;club\n"
            response = importer.post(
                "/partners/importeren/partners",
                data={"partners-file": (io.BytesIO(data), "partners.csv")},
                content_type="multipart/form-data",
            )
            answers["import"] = response.status_code

        thread = threading.Thread(target=check_import)
        thread.start()
        assert reading.wait(timeout=10)
        started = time.monotonic()
        text = "Opgeslagen terwijl de import nog liep."
        saved = writer.post(
            journal_url(world.engagement1_id, "2026-10"),
            data=payload(world, "1", change_description=text),
        )
        elapsed = time.monotonic() - started
        thread.join(timeout=30)
        assert saved.status_code == 302, saved.status_code
        assert elapsed < 2.5
        assert answers["import"] == 200
        assert saved_description(live, world.entry_ids["2026-10"]) == text


def test_logins_during_a_long_import_check_answer_and_count_for_the_throttle(tmp_path, monkeypatch):
    with live_database(tmp_path, engagements=0, LOGIN_MAX_FAILURES=3) as live:
        reading = threading.Event()
        slow_read = importing.read_table

        def read_slowly(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            reading.set()
            time.sleep(4)
            return slow_read(*args, **kwargs)

        monkeypatch.setattr(importing, "read_table", read_slowly)
        importer = logged_in(live, "regisseur")
        thread = threading.Thread(
            target=importer.post,
            args=("/partners/importeren/partners",),
            kwargs={
                "data": {"partners-file": (io.BytesIO(b"naam\nA\n"), "p.csv")},
                "content_type": "multipart/form-data",
            },
        )
        thread.start()
        assert reading.wait(timeout=10)
        guesser = live.app.test_client()
        started = time.monotonic()
        statuses = [
            guesser.post("/login", data={"username": "lid1", "password": "fout"}).status_code
            for _ in range(3)
        ]
        right = guesser.post("/login", data={"username": "lid1", "password": PASSWORD})
        elapsed = time.monotonic() - started
        thread.join(timeout=30)
        assert statuses == [401, 401, 401]
        assert right.status_code == 429  # the three failures counted
        assert elapsed < 3.5  # none of them waited for the import


def test_a_login_while_the_write_lock_stays_taken_answers_503_not_500(tmp_path):
    with live_database(tmp_path, engagements=0, SQLITE_BUSY_TIMEOUT_SECONDS=0.5) as live:
        client = live.app.test_client()
        holder = hold_write_lock(live, 3)
        try:
            answer = client.post("/login", data={"username": "lid1", "password": PASSWORD})
        finally:
            holder.wait(timeout=20)
            holder.stdout.close()
        assert answer.status_code == 503
        assert "Het is even druk" in answer.get_data(as_text=True)
        assert (
            client.post("/login", data={"username": "lid1", "password": PASSWORD}).status_code
            == 302
        )
