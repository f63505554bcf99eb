"""Saves outcome journals in a loop until killed; prints each save once its commit returned.

Run by tests/test_concurrency.py as `python -m tests.crash_writer DATABASE_URL ENGAGEMENT_ID...`
(engagements with three markers each, started in 2020-01), then killed
with SIGKILL mid-stream. Each acknowledgement is one JSON line: the entry, its version and
exactly what was saved, so the test can check that every acknowledged save survived.
Every third save edits an earlier entry instead of creating one, so updates are cut off too.
"""

from __future__ import annotations

import json
import sys

from sqlalchemy import select

from omtracker import create_app
from omtracker.extensions import db
from omtracker.journals import services
from omtracker.models import Engagement, ProgressMarker, User
from omtracker.periods import add_months

START = "2020-01"


def journal(number: int, markers: list[int]) -> services.JournalInput:
    return services.JournalInput(
        texts={"change_description": f"Opslag {number}", "lessons": f"Les {number}"},
        highlight=number % 2 == 0,
        ratings={m: ((number + k) % 4, f"noot {number}") for k, m in enumerate(markers)},
        marker_ids=markers,
    )


def acknowledge(entry_id: int, version: int, data: services.JournalInput) -> None:
    line = {
        "entry": entry_id,
        "version": version,
        "change_description": data.texts["change_description"],
        "ratings": {str(m): level for m, (level, _note) in data.ratings.items()},
    }
    print(json.dumps(line), flush=True)


def main(url: str, engagement_ids: list[int]) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "crash", "TESTING": True})
    with app.app_context():
        author = db.session.scalar(select(User).where(User.username == "trekker1"))
        engagements = [db.session.get(Engagement, i) for i in engagement_ids]
        ladders = {
            e.id: list(
                db.session.scalars(
                    select(ProgressMarker.id)
                    .where(ProgressMarker.engagement_id == e.id)
                    .order_by(ProgressMarker.id)
                )
            )
            for e in engagements
        }
        created: list[tuple[Engagement, str]] = []
        number = 0
        while True:
            number += 1
            if number % 3 == 0 and created:
                engagement, period = created[number % len(created)]
                entry = services.find_entry(engagement.id, period)
                version = entry.version
            else:
                engagement = engagements[len(created) % len(engagements)]
                period = add_months(START, len(created) // len(engagements))
                entry, version = None, None
                created.append((engagement, period))
            data = journal(number, ladders[engagement.id])
            saved = services.save_journal(engagement, period, entry, data, author, version)
            entry_id, saved_version = saved.id, saved.version
            db.session.commit()
            acknowledge(entry_id, saved_version, data)


if __name__ == "__main__":
    main(sys.argv[1], [int(arg) for arg in sys.argv[2:]])
