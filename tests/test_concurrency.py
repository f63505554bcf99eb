"""Several people saving at once, and a process killed while saving, lose nothing.

These tests use a database of their own (a SQLite file, or a fresh PostgreSQL schema in the
PostgreSQL pass) with real connections and real commits: the shared fixtures' single rolled-back
transaction would hide the locks and races they are about.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from omtracker import ROOT
from omtracker.editing import EditConflict
from omtracker.extensions import db
from omtracker.journals import services
from omtracker.models import Engagement, JournalEntry, JournalRevision, MarkerRating, User
from omtracker.periods import add_months
from tests.concurrency_support import BACKEND, START, Live, engine_for, live_database
from tests.factories import PASSWORD
from tests.journals_support import journal_url, payload

pytestmark = pytest.mark.db


def logged_in(live: Live, username: str):  # noqa: ANN201
    client = live.app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def stored(live: Live) -> dict[str, Any]:
    """Entries, ratings and revisions as committed, read over a connection of our own."""
    engine = engine_for(live.url)
    with engine.connect() as conn:
        entries = {
            row.id: row
            for row in conn.execute(
                select(
                    JournalEntry.id,
                    JournalEntry.engagement_id,
                    JournalEntry.period,
                    JournalEntry.version,
                    JournalEntry.change_description,
                )
            )
        }
        ratings: dict[int, dict[str, int]] = defaultdict(dict)
        for row in conn.execute(
            select(MarkerRating.entry_id, MarkerRating.marker_id, MarkerRating.level)
        ):
            ratings[row.entry_id][str(row.marker_id)] = row.level
        revisions = {
            (row.entry_id, row.number): row.data
            for row in conn.execute(
                select(JournalRevision.entry_id, JournalRevision.number, JournalRevision.data)
            )
        }
    engine.dispose()
    return {"entries": entries, "ratings": ratings, "revisions": revisions}


def run_threads(count: int, target, *args) -> list[BaseException]:  # noqa: ANN001
    errors: list[BaseException] = []

    def guarded(index: int) -> None:
        try:
            target(index, *args)
        except BaseException as exc:  # reported by the test, with the thread's index
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


# --- two writers, one journal -----------------------------------------------------------------


def test_two_people_saving_the_same_journal_at_once_one_gets_a_conflict_and_nothing_is_lost(
    tmp_path,
):
    with live_database(tmp_path, engagements=0) as live:
        world = live.world
        url = journal_url(world.engagement1_id, "2026-10")
        clients = {"trekker": logged_in(live, "trekker1"), "lid": logged_in(live, "lid1")}
        for attempt in range(4):
            entry = stored(live)["entries"][world.entry_ids["2026-10"]]
            barrier = threading.Barrier(2)
            answers: dict[str, Any] = {}

            def save(
                index: int,
                opened_version: int = entry.version,
                attempt: int = attempt,
                barrier: threading.Barrier = barrier,
                answers: dict[str, Any] = answers,
            ) -> None:
                name = list(clients)[index]
                data = payload(
                    world, version=opened_version, change_description=f"{attempt} {name}"
                )
                barrier.wait()
                answers[name] = clients[name].post(url, data=data)

            assert run_threads(2, save) == []
            by_status = {answer.status_code: name for name, answer in answers.items()}
            assert sorted(by_status) == [302, 409], {n: a.status_code for n, a in answers.items()}
            winner, loser = by_status[302], by_status[409]
            html = answers[loser].get_data(as_text=True)
            assert f"{attempt} {loser}</textarea>" in html  # what the loser typed is kept
            assert f"{attempt} {winner}" in html  # beside the version that was saved
            after = stored(live)
            saved = after["entries"][world.entry_ids["2026-10"]]
            assert saved.change_description == f"{attempt} {winner}"
            assert saved.version == entry.version + 1
            revision = after["revisions"][(saved.id, saved.version)]
            assert revision["fields"]["change_description"] == f"{attempt} {winner}"


def test_a_save_overlapping_another_save_of_the_same_journal_becomes_a_conflict(tmp_path):
    """The last-instant race: the second writer read the journal before the first committed."""
    with live_database(tmp_path, engagements=1) as live:
        engagement_id = live.engagement_ids[0]
        markers = live.marker_ids[engagement_id]

        def data(text: str, level: int) -> services.JournalInput:
            return services.JournalInput(
                texts={"change_description": text},
                highlight=False,
                ratings={m: (level, "") for m in markers},
                marker_ids=markers,
            )

        def author(username: str) -> User:
            return db.session.scalar(select(User).where(User.username == username))

        with live.app.test_request_context("/", method="POST"):
            engagement = db.session.get(Engagement, engagement_id)
            services.save_journal(engagement, START, None, data("Eerste", 1), author("lid1"), None)
            db.session.commit()

        outcome: dict[str, str] = {}

        def second_writer(version: int) -> None:
            with live.app.test_request_context("/", method="POST"):
                engagement = db.session.get(Engagement, engagement_id)
                entry = services.find_entry(engagement_id, START)
                try:
                    services.save_journal(
                        engagement, START, entry, data("Tweede", 3), author("lid1"), version
                    )
                    db.session.commit()
                    outcome["second"] = "saved"
                except EditConflict as conflict:
                    db.session.rollback()
                    outcome["second"] = "conflict"
                    outcome["shown"] = conflict.current.change_description
                except Exception as exc:  # e.g. "database is locked": a 500 for the user
                    db.session.rollback()
                    outcome["second"] = repr(exc)

        with live.app.test_request_context("/", method="POST"):
            engagement = db.session.get(Engagement, engagement_id)
            entry = services.find_entry(engagement_id, START)
            opened = entry.version
            services.save_journal(
                engagement, START, entry, data("Trekker", 2), author("trekker1"), opened
            )
            # Not committed yet: the other writer starts from the same version meanwhile.
            thread = threading.Thread(target=second_writer, args=(opened,))
            thread.start()
            time.sleep(0.5)
            db.session.commit()
        thread.join(timeout=20)
        assert outcome == {"second": "conflict", "shown": "Trekker"}
        after = stored(live)
        (saved,) = [e for e in after["entries"].values() if e.engagement_id == engagement_id]
        assert saved.change_description == "Trekker" and saved.version == opened + 1
        assert after["ratings"][saved.id] == {str(m): 2 for m in markers}


# --- many writers, different journals ---------------------------------------------------------


def test_eight_people_saving_twenty_journals_each_at_once_all_arrive(tmp_path):
    writers, saves = 8, 20
    with live_database(tmp_path, engagements=writers) as live:
        clients = [logged_in(live, "trekker1" if i % 2 else "lid1") for i in range(writers)]
        barrier = threading.Barrier(writers)
        statuses: list[tuple[int, int, int]] = []

        def levels(writer: int, number: int) -> dict[str, int]:
            markers = live.marker_ids[live.engagement_ids[writer]]
            return {str(m): (writer + number + k) % 4 for k, m in enumerate(markers)}

        def write(writer: int) -> None:
            engagement_id = live.engagement_ids[writer]
            barrier.wait()
            for number in range(saves):
                form = {"version": "", "change_description": f"Schrijver {writer} nr {number}"}
                form |= {f"level_{m}": str(v) for m, v in levels(writer, number).items()}
                period = add_months(START, number)
                response = clients[writer].post(journal_url(engagement_id, period), data=form)
                statuses.append((writer, number, response.status_code))

        started = time.monotonic()
        errors = run_threads(writers, write)
        elapsed = time.monotonic() - started
        assert errors == [], [repr(e) for e in errors]
        assert sorted({s for *_, s in statuses}) == [302], [s for s in statuses if s[2] != 302]
        assert len(statuses) == writers * saves
        after = stored(live)
        found = {(e.engagement_id, e.period): e for e in after["entries"].values()}
        for writer in range(writers):
            for number in range(saves):
                entry = found[(live.engagement_ids[writer], add_months(START, number))]
                assert entry.change_description == f"Schrijver {writer} nr {number}"
                assert after["ratings"][entry.id] == levels(writer, number)
        print(f"{writers * saves} saves by {writers} writers in {elapsed:.1f} s")


# --- a writer killed mid-save -----------------------------------------------------------------


def read_acknowledgements(live: Live, wanted: int) -> tuple[list[dict], str]:
    """Start the writer, read `wanted` acknowledgements, SIGKILL it, and collect the rest."""
    command = [sys.executable, "-m", "tests.crash_writer", live.url]
    command += [str(i) for i in live.engagement_ids]
    acks: list[dict] = []
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        watchdog = threading.Timer(30, process.kill)  # never hang the suite
        watchdog.start()
        try:
            for line in process.stdout:
                acks.append(json.loads(line))
                if len(acks) >= wanted:
                    process.send_signal(signal.SIGKILL)
                    break
            # Lines the writer printed before it died are acknowledgements too; a line cut
            # off by the kill (no newline) is not.
            rest = process.stdout.read()
            acks += [json.loads(x) for x in rest.splitlines(keepends=True) if x.endswith("\n")]
        finally:
            watchdog.cancel()
            process.kill()
            process.wait()
        stderr = process.stderr.read()
    return acks, stderr


def test_a_writer_killed_mid_save_leaves_a_consistent_database_with_every_acknowledged_save(
    tmp_path,
):
    with live_database(tmp_path, engagements=4) as live:
        acks, stderr = read_acknowledgements(live, wanted=50)
        assert len(acks) >= 50, stderr
        assert any(ack["version"] > 1 for ack in acks)  # edits were cut off too, not only inserts

        if BACKEND != "postgresql":
            path = live.url.removeprefix("sqlite:///")
            with sqlite3.connect(path) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

        after = stored(live)
        entries, ratings, revisions = after["entries"], after["ratings"], after["revisions"]
        latest: dict[int, dict] = {}
        for ack in acks:
            entry = entries.get(ack["entry"])
            assert entry is not None, f"acknowledged save lost: {ack}"
            assert entry.version >= ack["version"]
            revision = revisions[(ack["entry"], ack["version"])]
            assert revision["fields"]["change_description"] == ack["change_description"]
            assert {m: r["level"] for m, r in revision["ratings"].items()} == ack["ratings"]
            latest[ack["entry"]] = ack
        for entry_id, ack in latest.items():
            entry = entries[entry_id]
            if entry.version == ack["version"]:  # no later (unacknowledged) save got through
                assert entry.change_description == ack["change_description"]
                assert ratings[entry_id] == ack["ratings"]
        # Nothing half-written, acknowledged or not: each entry has the ratings of its revision.
        for entry in entries.values():
            if entry.engagement_id not in live.engagement_ids:
                continue
            revision = revisions[(entry.id, entry.version)]
            assert revision["fields"]["change_description"] == entry.change_description
            assert ratings[entry.id] == {m: r["level"] for m, r in revision["ratings"].items()}
