"""Every main page runs the same number of SQL statements for a small and a ten-times larger
programme (issue 6): a page whose cost grows with the data fails here, in CI."""

from __future__ import annotations

import pytest

from omtracker.generate import GENERATED_PASSWORD, Shape, generate
from omtracker.metrics import cache

SMALL = Shape(themes=3, opgaven=3, partners=12, engagements_per_opgave=3, months=4)
LARGE = Shape(themes=6, opgaven=12, partners=60, engagements_per_opgave=8, months=24)

PAGES = [
    ("trekker1", "/"),
    ("trekker1", "/themas"),
    ("trekker1", "/themas/{theme}"),
    ("trekker1", "/mijn-maand"),
    ("trekker1", "/uitkomstuitdagingen/{engagement}"),
    ("trekker1", "/uitkomstuitdagingen/{engagement}/logboek/2026-11"),
    ("trekker1", "/waarneming"),
    ("trekker1", "/uitkomstuitdagingen/{engagement}/waarneming"),
    ("regisseur", "/partners/"),
    ("regisseur", "/netwerk"),
    ("regisseur", "/netwerk/suggesties"),
    ("regisseur", "/dashboard/"),
    ("bestuur", "/rapportage/2026-11"),
    ("regisseur", "/indicatoren/"),
    ("regisseur", "/beginnen"),
    ("regisseur", "/beheer/themas"),
    ("regisseur", "/beheer/themas/{theme}"),
    ("regisseur", "/beheer/uitnodigingen"),
]


def _programme(app, shape: Shape) -> dict:
    from sqlalchemy import func, select

    from omtracker.extensions import db
    from omtracker.models import Engagement, JournalEntry, Opgave, Programme, Theme

    generate(programmes=1, shape=shape, end="2026-11")
    programme = db.session.scalar(select(Programme).order_by(Programme.id.desc()).limit(1))
    theme = db.session.scalar(
        select(Theme).where(Theme.programme_id == programme.id, Theme.number == 1)
    )
    engagement = db.session.scalar(  # one with this month's journal: the form edits it
        select(Engagement.id)
        .join(Opgave)
        .join(JournalEntry)
        .where(
            Opgave.theme_id == theme.id,
            Engagement.archived.is_(False),
            JournalEntry.period == "2026-11",
        )
        .order_by(Engagement.id)
        .limit(1)
    )
    number = programme.slug.removeprefix("gen-")
    assert db.session.scalar(select(func.count()).select_from(Theme)) > 0
    return {"number": number, "theme": theme.id, "engagement": engagement}


def _counts(app, count_queries, ids: dict) -> dict[str, int]:
    from omtracker.extensions import db

    out = {}
    for role, template in PAGES:
        client = app.test_client()
        response = client.post(
            "/login", data={"username": f"g{ids['number']}-{role}", "password": GENERATED_PASSWORD}
        )
        assert response.status_code == 302, role
        path = template.format(**ids)
        client.get(path)  # warm: the cached roll-ups are measured separately below
        # Tests share one session across requests; start this one as a fresh request would.
        db.session.expire_all()
        db.session.info.clear()
        with count_queries() as counter:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        out[template] = counter.count
    return out


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_main_pages_cost_the_same_for_a_small_and_a_large_programme(app, count_queries, warm):
    small = _programme(app, SMALL)
    large = _programme(app, LARGE)
    if not warm:
        cache.clear()
    small_counts = _counts(app, count_queries, small)
    if not warm:
        cache.clear()
    large_counts = _counts(app, count_queries, large)
    assert small_counts == large_counts
    assert max(small_counts.values()) <= 15, small_counts
