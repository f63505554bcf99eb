"""Helpers shared by the API tests: tokens per test user and a client that sends them."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from omtracker import audit
from omtracker.api import services
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Tier,
    User,
)
from tests.factories import World


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def make_token(username: str, name: str = "script") -> str:
    _token, secret = services.create_token(user(username), name)
    db.session.commit()
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


class ApiClient:
    """api.get("/api/v1/themes", as_user="lid1", per_page=2): one token per user, made lazily."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            self.tokens[username] = make_token(username)
        return self.tokens[username]

    def get(self, path: str, as_user: str = "regisseur", **params: Any) -> TestResponse:
        query = params or None  # a path may carry its own query string (a `next` link)
        return self.client.get(path, query_string=query, headers=bearer(self.token(as_user)))

    def json(self, path: str, as_user: str = "regisseur", **params: Any) -> Any:
        response = self.get(path, as_user, **params)
        assert response.status_code == 200, (response.status_code, response.get_json())
        return response.get_json()


def grow(world: World, n: int) -> None:
    """n more partners, each with an engagement, four markers and two rated journal entries."""
    with audit.suspended():
        for i in range(n):
            partner = Partner(programme_id=world.programme_id, name=f"Extra partner {i}")
            opgave = Opgave(theme_id=world.theme1_id if i % 2 else world.theme2_id, title=f"O{i}")
            engagement = Engagement(
                partner=partner, opgave=opgave, start_date=date(2026, 1, 1), outcome_challenge="x"
            )
            markers = [
                ProgressMarker(
                    engagement=engagement, tier=tier, position=p, text="m", first_period="2026-01"
                )
                for p, tier in enumerate([Tier.expect, Tier.expect, Tier.like, Tier.love])
            ]
            db.session.add_all([partner, opgave, engagement, *markers])
            for period in ("2026-09", "2026-10"):
                entry = JournalEntry(engagement=engagement, period=period, change_description="y")
                entry.ratings = [MarkerRating(marker=m, level=2) for m in markers[:2]]
                entry.contributors = [JournalContributor(partner_id=world.partner_ids["school"])]
                db.session.add(entry)
        db.session.commit()
