"""Shared by the authorisation matrix and the fuzz tests: records of every kind, in this
programme (theme 1 and theme 2) and in another programme, logged-in clients per role, and a
savepoint around each request so one role's write never changes what the next role sees.
"""

from __future__ import annotations

import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from omtracker import audit
from omtracker.api.auth import new_token, token_digest
from omtracker.extensions import db
from omtracker.models import (
    ApiToken,
    AuditEvent,
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    Indicator,
    IndicatorArea,
    IndicatorValue,
    JournalAttachment,
    JournalEntry,
    MembershipRole,
    Observation,
    Partner,
    PartnerRelation,
    Programme,
    ProgressMarker,
    RelationType,
    Strategy,
    StrategyType,
    ThemeMembership,
    Tier,
    User,
)
from omtracker.reports.services import publish_report
from tests.factories import PASSWORD, World

ANON = "anonymous"
# netwerklezer reads for a monitoring network: no programme, the national pages only.
READER = "netwerklezer"
USERS = ("lid1", "trekker1", "trekker2", "bestuur", "regisseur", "admin", READER)
ROLES = (ANON, *USERS)
TOKEN_USERS = (*USERS, "anderregisseur")
# Published in this programme (own) and only in the other programme (other).
OWN_REPORT, OTHER_REPORT = "2026-10", "2026-08"

# Session cookies per user, kept for the whole run: logging in hashes a password (scrypt),
# far too slow to repeat for every endpoint. The users and the secret key never change.
_SESSION_COOKIES: dict[str, str] = {}


@dataclass
class Records:
    """Ids of one record of every kind the routes load, in theme 1, theme 2 and elsewhere."""

    world: World
    user_ids: dict[str, int]
    engagement2: int
    marker2: int
    entry2: int
    engagement_x: int
    marker_x: int
    entry_x: int
    strategy1: int
    strategy2: int
    strategy_x: int
    attachment1: int
    attachment2: int
    attachment_x: int
    relation: int
    relation_x: int
    partner_x2: int
    indicator: int
    value: int
    indicator_x: int
    value_x: int
    membership: int
    membership_x: int
    token_ids: dict[str, int]
    token_secrets: dict[str, str]
    files: list[Path] = field(default_factory=list)
    # Outcome Mapping: harvested outcomes (theme 1, theme 2, elsewhere), evaluation plan items.
    outcome1: int = 0
    outcome2: int = 0
    outcome_x: int = 0
    evaluation: int = 0
    evaluation_x: int = 0
    # Quick observations with a file: lid1's in theme 1, trekker2's in theme 2, one elsewhere.
    observation1: int = 0
    observation2: int = 0
    observation_x: int = 0

    @property
    def observations(self) -> tuple[int, int, int]:
        return self.observation1, self.observation2, self.observation_x

    @property
    def outcomes(self) -> tuple[int, int, int]:
        return self.outcome1, self.outcome2, self.outcome_x

    # (theme 1, theme 2, another programme): what the per-theme rows of the matrix walk.
    @property
    def themes(self) -> tuple[int, int, int]:
        w = self.world
        return w.theme1_id, w.theme2_id, w.other_theme_id

    @property
    def opgaven(self) -> tuple[int, int, int]:
        w = self.world
        return w.opgave1_id, w.opgave2_id, w.other_opgave_id

    @property
    def engagements(self) -> tuple[int, int, int]:
        return self.world.engagement1_id, self.engagement2, self.engagement_x

    @property
    def markers(self) -> tuple[int, int, int]:
        return self.world.marker_ids["expect1"], self.marker2, self.marker_x

    @property
    def entries(self) -> tuple[int, int, int]:
        return self.world.entry_ids["2026-10"], self.entry2, self.entry_x

    @property
    def strategies(self) -> tuple[int, int, int]:
        return self.strategy1, self.strategy2, self.strategy_x

    @property
    def attachments(self) -> tuple[int, int, int]:
        return self.attachment1, self.attachment2, self.attachment_x


def user_ids() -> dict[str, int]:
    return {name: user_id for name, user_id in db.session.execute(select(User.username, User.id))}


def _engagement(partner_id: int, opgave_id: int, entry_period: str, author_id: int) -> tuple:
    engagement = Engagement(
        partner_id=partner_id,
        opgave_id=opgave_id,
        start_date=date(2026, 1, 1),
        outcome_challenge="De partner doet mee.",
    )
    marker = ProgressMarker(
        engagement=engagement, tier=Tier.expect, position=0, text="Doet mee", first_period="2026-01"
    )
    entry = JournalEntry(
        engagement=engagement,
        period=entry_period,
        change_description="Gestart.",
        author_id=author_id,
    )
    db.session.add_all([engagement, marker, entry])
    return engagement, marker, entry


def _attachment(entry: JournalEntry, folder: Path, files: list[Path]) -> JournalAttachment:
    stored = f"{secrets.token_hex(16)}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(b"bewijs\n")
    files.append(folder / stored)
    attachment = JournalAttachment(
        entry=entry,
        filename="bewijs.txt",
        stored_name=stored,
        content_type="text/plain",
        size_bytes=7,
    )
    db.session.add(attachment)
    return attachment


def _observation(
    engagement_id: int, programme_id: int, author_id: int, folder: Path, files: list[Path]
) -> Observation:
    stored = f"{secrets.token_hex(16)}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(b"gezien\n")
    files.append(folder / stored)
    observation = Observation(
        programme_id=programme_id,
        engagement_id=engagement_id,
        observed_on=date(2026, 11, 2),
        period="2026-11",
        text="Club belde zelf.",
        filename="gezien.txt",
        stored_name=stored,
        content_type="text/plain",
        size_bytes=7,
        created_by_id=author_id,
    )
    db.session.add(observation)
    return observation


def _indicator(programme_id: int, name: str) -> tuple[Indicator, IndicatorValue]:
    indicator = Indicator(programme_id=programme_id, name=name, unit="%")
    value = IndicatorValue(
        indicator=indicator, year=2025, area=IndicatorArea.municipality, value=51.0, source="CBS"
    )
    db.session.add_all([indicator, value])
    return indicator, value


def build_records(app: Flask, world: World, reports: bool = False) -> Records:
    """Everything the URL map's routes load; committed into the test's outer transaction."""
    ids = user_ids()
    folder = Path(app.config["ATTACHMENT_DIR"])
    files: list[Path] = []
    with audit.suspended():
        e2, m2, j2 = _engagement(
            world.partner_ids["school"], world.opgave2_id, "2026-10", ids["trekker2"]
        )
        ex, mx, jx = _engagement(
            world.partner_ids["elders"], world.other_opgave_id, "2026-10", ids["anderregisseur"]
        )
        strategies = [
            Strategy(opgave_id=opgave, type=StrategyType.i2, title="Kennissessies")
            for opgave in (world.opgave1_id, world.opgave2_id, world.other_opgave_id)
        ]
        elders2 = Partner(programme_id=world.other_programme_id, name="Elders Twee")
        relations = [
            PartnerRelation(
                programme_id=world.programme_id,
                source_partner_id=world.partner_ids["club"],
                target_partner_id=world.partner_ids["school"],
                type=RelationType.cooperation,
            ),
            PartnerRelation(
                programme_id=world.other_programme_id,
                source_partner_id=world.partner_ids["elders"],
                target_partner=elders2,
                type=RelationType.cooperation,
            ),
        ]
        indicator, value = _indicator(world.programme_id, "Wekelijkse sporters")
        indicator_x, value_x = _indicator(world.other_programme_id, "Sporters elders")
        membership_x = ThemeMembership(
            user_id=ids["anderregisseur"], theme_id=world.other_theme_id, role=MembershipRole.lead
        )
        outcomes = [
            HarvestedOutcome(
                programme_id=programme_id,
                theme_id=theme_id,
                actor_name="Buurtvereniging",
                change="Opent de zaal.",
                period="2026-10",
            )
            for programme_id, theme_id in (
                (world.programme_id, world.theme1_id),
                (world.programme_id, world.theme2_id),
                (world.other_programme_id, world.other_theme_id),
            )
        ]
        evaluations = [
            EvaluationPlanItem(programme_id=programme_id, question="Werkt het?")
            for programme_id in (world.programme_id, world.other_programme_id)
        ]
        db.session.add_all(
            [*strategies, elders2, *relations, membership_x, *outcomes, *evaluations]
        )
        db.session.flush()
        entry1 = db.session.get(JournalEntry, world.entry_ids["2026-10"])
        attachments = [_attachment(entry, folder, files) for entry in (entry1, j2, jx)]
        observations = [
            _observation(engagement, programme, ids[author], folder, files)
            for engagement, programme, author in (
                (world.engagement1_id, world.programme_id, "lid1"),
                (e2.id, world.programme_id, "trekker2"),
                (ex.id, world.other_programme_id, "anderregisseur"),
            )
        ]
        tokens = {}
        for username in TOKEN_USERS:
            secret = new_token()
            token = ApiToken(
                user_id=ids[username], name="matrix", token_sha256=token_digest(secret)
            )
            db.session.add(token)
            tokens[username] = (token, secret)
        if reports:
            programmes = {p.id: p for p in db.session.scalars(select(Programme))}
            publisher = db.session.get(User, ids["regisseur"])
            publish_report(programmes[world.programme_id], OWN_REPORT, publisher)
            other_publisher = db.session.get(User, ids["anderregisseur"])
            publish_report(programmes[world.other_programme_id], OTHER_REPORT, other_publisher)
        db.session.flush()
        membership = db.session.scalar(
            select(ThemeMembership.id).where(ThemeMembership.user_id == ids["lid1"])
        )
        records = Records(
            world=world,
            user_ids=ids,
            engagement2=e2.id,
            marker2=m2.id,
            entry2=j2.id,
            engagement_x=ex.id,
            marker_x=mx.id,
            entry_x=jx.id,
            strategy1=strategies[0].id,
            strategy2=strategies[1].id,
            strategy_x=strategies[2].id,
            attachment1=attachments[0].id,
            attachment2=attachments[1].id,
            attachment_x=attachments[2].id,
            relation=relations[0].id,
            relation_x=relations[1].id,
            partner_x2=elders2.id,
            indicator=indicator.id,
            value=value.id,
            indicator_x=indicator_x.id,
            value_x=value_x.id,
            membership=membership,
            membership_x=membership_x.id,
            token_ids={name: token.id for name, (token, _secret) in tokens.items()},
            token_secrets={name: secret for name, (_token, secret) in tokens.items()},
            files=files,
            outcome1=outcomes[0].id,
            outcome2=outcomes[1].id,
            outcome_x=outcomes[2].id,
            evaluation=evaluations[0].id,
            evaluation_x=evaluations[1].id,
            observation1=observations[0].id,
            observation2=observations[1].id,
            observation_x=observations[2].id,
        )
    db.session.commit()  # releases the session's savepoint: the records stay for the whole test
    return records


def remove_files(records: Records) -> None:
    for path in records.files:
        path.unlink(missing_ok=True)


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent))


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one request inside a savepoint that is rolled back afterwards, commits and all."""
    db.session.commit()
    connection = db.session.get_bind()
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        with warnings.catch_warnings():
            # A request that ended its own nested transaction on an error leaves SQLAlchemy
            # warning that the savepoint is gone while the session rolls back; everything is
            # rolled back all the same (seen once, admin.edit_theme in a full run).
            warnings.filterwarnings("ignore", "nested transaction already deassociated")
            db.session.rollback()
            if savepoint.is_active:
                savepoint.rollback()
        db.session.expire_all()


def logged_in_client(app: Flask, username: str) -> FlaskClient:
    """A new client holding `username`'s session; logs in only the first time in the run."""
    client = app.test_client()
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    if username not in _SESSION_COOKIES:
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"login as {username} failed"
        _SESSION_COOKIES[username] = client.get_cookie(cookie_name).value
        db.session.commit()
        return client
    client.set_cookie(cookie_name, _SESSION_COOKIES[username])
    return client
