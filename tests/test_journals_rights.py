"""Who may write journals, promote changes and manage evidence: every role against every write.

Leads and members write journals in their own theme; coordinators and admins everywhere; the
board and outsiders only read; another programme's records do not exist for you (404).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.journals import services
from omtracker.journals.attachments import attachment_dir, check_upload
from omtracker.models import JournalAttachment, JournalEntry, ProgressMarker, User
from omtracker.periods import current_period
from tests.engagements_support import other_programme_engagement, theme2_engagement
from tests.journals_support import PDF, journal_url, payload

NOW = current_period()

WRITE_JOURNAL = {
    "admin": 302,
    "regisseur": 302,
    "trekker1": 302,
    "lid1": 302,
    "trekker2": 403,
    "bestuur": 403,
    "buiten": 403,
    "anderregisseur": 404,
}
PROMOTE = WRITE_JOURNAL | {"lid1": 403}


def stored_attachment(app, world) -> JournalAttachment:  # noqa: ANN001
    """A PDF on the October entry, stored the way the journal form stores it."""
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    uploader = db.session.scalars(select(User).where(User.username == "trekker1")).one()
    upload = check_upload("verslag.pdf", PDF, app.config["ATTACHMENT_MAX_BYTES"])
    with app.test_request_context():
        services.add_attachments(entry, [upload], uploader, attachment_dir())
    return db.session.scalars(select(JournalAttachment)).one()


def entries_now(world) -> int:  # noqa: ANN001
    return db.session.scalar(
        select(func.count(JournalEntry.id)).where(
            JournalEntry.engagement_id == world.engagement1_id, JournalEntry.period == NOW
        )
    )


@pytest.mark.parametrize(("username", "expected"), WRITE_JOURNAL.items())
def test_writing_a_new_journal_by_role(client, world, login, username, expected):
    login(username)
    assert client.get(journal_url(world.engagement1_id, NOW)).status_code == (
        200 if expected == 302 else expected
    )
    response = client.post(journal_url(world.engagement1_id, NOW), data=payload(world))
    assert response.status_code == expected
    assert entries_now(world) == (1 if expected == 302 else 0)


@pytest.mark.parametrize(("username", "expected"), WRITE_JOURNAL.items())
def test_editing_an_existing_journal_by_role(client, world, login, username, expected):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    login(username)
    data = payload(world, version=entry.version, lessons=f"Door {username}.")
    response = client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    assert response.status_code == expected
    db.session.expire_all()
    stored = db.session.get(JournalEntry, world.entry_ids["2026-10"]).lessons
    assert (stored == f"Door {username}.") == (expected == 302)


@pytest.mark.parametrize(("username", "expected"), PROMOTE.items())
def test_promoting_an_unanticipated_change_by_role(client, world, login, username, expected):
    login(username)
    response = client.post(
        f"/logboeken/{world.entry_ids['2026-10']}/markering",
        data={"tier": "like", "text": "Ouders sporten mee", "level": "2"},
    )
    assert response.status_code == expected
    made = db.session.scalar(
        select(func.count(ProgressMarker.id)).where(ProgressMarker.text == "Ouders sporten mee")
    )
    assert made == (1 if expected == 302 else 0)


@pytest.mark.parametrize(("username", "expected"), WRITE_JOURNAL.items())
def test_archiving_evidence_by_role(app, client, world, login, username, expected):
    attachment = stored_attachment(app, world)
    login(username)
    response = client.post(f"/logboeken/bijlagen/{attachment.id}/archiveren")
    assert response.status_code == expected
    db.session.expire_all()
    assert db.session.get(JournalAttachment, attachment.id).archived == (expected == 302)


def test_leader_of_another_theme_writes_journals_in_their_own_theme(client, world, login):
    engagement_id, _marker = theme2_engagement(world)
    login("trekker2")
    response = client.post(
        journal_url(engagement_id, NOW),
        data={"version": "", "change_description": "Schoolplein open.", "action": "save"},
    )
    assert response.status_code == 302
    login_other = client.post("/logout")
    assert login_other.status_code == 302
    login("trekker1")
    assert client.get(journal_url(engagement_id, NOW)).status_code == 403


def test_another_programmes_engagement_does_not_exist_for_you(client, world, login):
    engagement_id, _marker = other_programme_engagement(world)
    login("regisseur")
    assert client.get(journal_url(engagement_id, NOW)).status_code == 404


@pytest.mark.parametrize("username", ["bestuur", "buiten", "trekker2", "lid1", "regisseur"])
def test_everyone_in_the_programme_reads_entries_and_revisions(client, world, login, username):
    login(username)
    assert client.get(f"/logboeken/{world.entry_ids['2026-10']}").status_code == 200
    assert client.get(f"/logboeken/{world.entry_ids['2026-10']}/versies").status_code == 200


def test_reading_requires_login(client, world):
    response = client.get(f"/logboeken/{world.entry_ids['2026-10']}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert client.post(journal_url(world.engagement1_id, NOW), data={}).status_code == 302
