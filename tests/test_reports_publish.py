"""Publishing a month: the report is frozen, byte for byte, and the live view says what changed.

DESIGN.md §3 rule 7: a published monthly report never changes; later edits show as "changed
since publication" on the live view only.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import (
    JournalEntry,
    MarkerRating,
    MonthlyReport,
    Programme,
    ThemeStatus,
    User,
)
from omtracker.reports.services import publish_report
from omtracker.reports.snapshot import report_sha256
from tests.reports_support import PERIOD, add_report_data

CSRF_VALUE = re.compile(r'(name="csrf_token" value|data-csrf)="[^"]*"')


def _page(client, url: str) -> bytes:  # noqa: ANN001
    """The page as served, minus the per-request CSRF tokens (logout/language forms, drafts)."""
    response = client.get(url)
    assert response.status_code == 200
    return CSRF_VALUE.sub(r"\1", response.get_data(as_text=True)).encode()


def _publish(client, period: str = PERIOD):  # noqa: ANN001, ANN202
    return client.post(f"/rapportage/{period}/publiceren", data={"confirm": "y"})


def _edit_the_underlying_journals(world) -> None:  # noqa: ANN001
    entry = db.session.get(JournalEntry, world.entry_ids[PERIOD])
    entry.change_description = "Achteraf herschreven."
    entry.highlight = False
    rating = db.session.scalars(
        select(MarkerRating).where(
            MarkerRating.entry_id == entry.id,
            MarkerRating.marker_id == world.marker_ids["expect2"],
        )
    ).one()
    rating.level = 0
    status = db.session.scalars(
        select(ThemeStatus).where(
            ThemeStatus.theme_id == world.theme1_id, ThemeStatus.period == PERIOD
        )
    ).one()
    status.text = "Toch zorgen."
    db.session.flush()
    db.session.expire_all()  # what follows reads the stored snapshot again, not a cached one


def test_coordinator_publishes_a_month_as_a_checked_snapshot(world, login):
    add_report_data(world)
    client = login("regisseur")
    response = _publish(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/rapportage/{PERIOD}/gepubliceerd")
    report = db.session.scalars(select(MonthlyReport)).one()
    assert report.programme_id == world.programme_id and report.period == PERIOD
    assert report.snapshot_sha256 == report_sha256(report.snapshot)
    assert report.snapshot["published_by"] == "Regisseur"
    html = client.get(f"/rapportage/{PERIOD}/gepubliceerd").get_data(as_text=True)
    assert "Gepubliceerd rapport" in html and report.snapshot_sha256 in html
    assert "inhoud klopt met het controlegetal" in html
    index = client.get("/rapportage/").get_data(as_text=True)
    assert f"/rapportage/{PERIOD}/gepubliceerd" in index


def test_published_report_stays_byte_identical_after_the_journals_are_edited(world, login):
    add_report_data(world)
    client = login("regisseur")
    assert _publish(client).status_code == 302
    client.get("/rapportage/")  # shows (and so clears) the flashed messages of login and publish
    urls = [
        f"/rapportage/{PERIOD}/gepubliceerd",
        f"/rapportage/{PERIOD}/afdrukken",
    ]
    pages = {url: _page(client, url) for url in urls}
    downloads = {
        ext: client.get(f"/rapportage/{PERIOD}.{ext}").get_data() for ext in ("pdf", "xlsx")
    }
    assert downloads["pdf"].startswith(b"%PDF") and downloads["xlsx"].startswith(b"PK")
    live_before = client.get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert "Ongewijzigd sinds publicatie" in live_before

    _edit_the_underlying_journals(world)

    for url in urls:
        assert _page(client, url) == pages[url], url
    for ext, data in downloads.items():
        assert client.get(f"/rapportage/{PERIOD}.{ext}").get_data() == data, ext
    # The reader of the board page (another user, same words) sees the same frozen content.
    published = _page(client, f"/rapportage/{PERIOD}/gepubliceerd").decode()
    assert "Loopt goed." in published and "Toch zorgen." not in published
    assert "2 van 2 (100\xa0%)" in published

    live = client.get(f"/rapportage/{PERIOD}").get_data(as_text=True)
    assert "Gewijzigd sinds publicatie" in live
    changes = live.split("Gewijzigd sinds publicatie", 1)[1].split("</section>", 1)[0]
    assert "Bereikt: Verwacht" in changes
    assert "2 van 2" in changes and "1 van 2" in changes  # before and after
    assert "Toch zorgen." in changes  # the theme leader's new status text
    assert "Uitgelicht logboek" in changes  # the highlight was withdrawn


def test_publishing_the_same_month_twice_is_refused_and_changes_nothing(world, login):
    add_report_data(world)
    client = login("regisseur")
    assert _publish(client).status_code == 302
    first = db.session.scalars(select(MonthlyReport)).one()
    sha, published_at = first.snapshot_sha256, first.published_at
    _edit_the_underlying_journals(world)
    response = _publish(client)
    assert response.status_code == 409
    assert "is al gepubliceerd" in response.get_data(as_text=True)
    assert "nooit overschreven" in response.get_data(as_text=True)
    db.session.expire_all()
    reports = db.session.scalars(select(MonthlyReport)).all()
    assert len(reports) == 1
    assert (reports[0].snapshot_sha256, reports[0].published_at) == (sha, published_at)


def test_publishing_needs_the_confirmation_box(world, login):
    client = login("regisseur")
    response = client.post(f"/rapportage/{PERIOD}/publiceren", data={})
    assert response.status_code == 400
    assert "Vink aan dat je het rapport wilt vastleggen." in response.get_data(as_text=True)
    assert db.session.scalars(select(MonthlyReport)).first() is None


def test_board_and_theme_leaders_cannot_publish(world, login):
    for username in ("bestuur", "trekker1"):
        client = login(username)
        assert _publish(client).status_code == 403
        client.post("/logout")
    assert db.session.scalars(select(MonthlyReport)).first() is None


def test_future_or_malformed_months_cannot_be_published(world, login):
    client = login("regisseur")
    assert _publish(client, "2999-01").status_code == 404
    assert _publish(client, "2026-13").status_code == 404


def test_unpublished_month_has_no_published_page(world, login):
    assert login("bestuur").get(f"/rapportage/{PERIOD}/gepubliceerd").status_code == 404


def test_another_programme_cannot_see_a_published_report(world, login):
    # Published through the service: in the tests one app context (and its `g`, which holds
    # the request's programme) spans all requests, so switching users mid-test would mislead.
    publish_report(
        db.session.get(Programme, world.programme_id),
        PERIOD,
        db.session.scalars(select(User).where(User.username == "regisseur")).one(),
    )
    client = login("anderregisseur")
    assert client.get(f"/rapportage/{PERIOD}/gepubliceerd").status_code == 404
    assert client.get(f"/rapportage/{PERIOD}.pdf").status_code == 200  # their own, live
    assert "Nog geen rapport gepubliceerd" in client.get("/rapportage/").get_data(as_text=True)
