"""Extra data for the themes tests, built inside each test's rolled-back transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalEntry,
    MarkerRating,
    MembershipRole,
    Opgave,
    Partner,
    PartnerType,
    ProgressMarker,
    Rag,
    Role,
    Strategy,
    StrategyJournalEntry,
    StrategyType,
    ThemeMembership,
    ThemeStatus,
    Tier,
    User,
)
from omtracker.periods import add_months, current_period, parse_period
from tests.factories import World, make_user

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def month_nl(period: str) -> str:
    """A month as the Dutch pages show it ("november 2026"), with no request needed."""
    year, month = parse_period(period)
    return f"{MONTHS_NL[month - 1]} {year}"


def user_id(username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))


def add_strategy(opgave_id: int, title: str = "Kennissessies voor kader") -> int:
    with audit.suspended():
        strategy = Strategy(opgave_id=opgave_id, type=StrategyType.i2, title=title)
        db.session.add(strategy)
        db.session.flush()
        return strategy.id


def add_strategy_entry(strategy_id: int, period: str, activities: str = "Twee sessies.") -> int:
    with audit.suspended():
        entry = StrategyJournalEntry(strategy_id=strategy_id, period=period, activities=activities)
        db.session.add(entry)
        db.session.flush()
        return entry.id


def add_status(theme_id: int, period: str, rag: Rag = Rag.on_track, text: str = "Loopt.") -> int:
    with audit.suspended():
        status = ThemeStatus(theme_id=theme_id, period=period, rag=rag, text=text)
        db.session.add(status)
        db.session.flush()
        return status.id


def grow_theme(world: World, theme_id: int, size: int, tag: str = "x") -> None:
    """Make a theme bigger: `size` opgaven, each with `size` partners fully journalled.

    Every engagement gets markers in each tier, a year of journal entries with ratings and a
    strategy with entries; the theme gets members and a year of statuses. The page under test
    must run the same number of queries before and after.
    """
    end = current_period()
    start = add_months(end, -11)
    with audit.suspended():
        for m in range(size):
            member = make_user(f"lid-{tag}-{theme_id}-{m}", Role.user, None)
            member.programme_id = world.programme_id
            db.session.flush()
            db.session.add(
                ThemeMembership(user_id=member.id, theme_id=theme_id, role=MembershipRole.member)
            )
        for o in range(size):
            opgave = Opgave(theme_id=theme_id, title=f"Opgave {tag} {o}", target_year=2030)
            db.session.add(opgave)
            db.session.flush()
            strategy = Strategy(opgave_id=opgave.id, type=StrategyType.e3, title=f"Netwerk {o}")
            db.session.add(strategy)
            db.session.flush()
            db.session.add(
                StrategyJournalEntry(strategy_id=strategy.id, period=end, activities="Bijeenkomst.")
            )
            for p in range(size):
                partner = Partner(
                    programme_id=world.programme_id,
                    name=f"Partner {tag} {theme_id}-{o}-{p}",
                    type=PartnerType.club,
                )
                db.session.add(partner)
                db.session.flush()
                _engagement_with_journals(opgave.id, partner.id, start, end)
        for i in range(12):
            period = add_months(end, -i)
            exists = db.session.scalar(
                select(ThemeStatus.id).where(
                    ThemeStatus.theme_id == theme_id, ThemeStatus.period == period
                )
            )
            if exists is None:
                db.session.add(ThemeStatus(theme_id=theme_id, period=period, rag=Rag.attention))
        db.session.flush()


def _engagement_with_journals(opgave_id: int, partner_id: int, start: str, end: str) -> None:
    engagement = Engagement(
        opgave_id=opgave_id,
        partner_id=partner_id,
        start_date=date.fromisoformat(start + "-01"),
        outcome_challenge="De partner doet mee.",
    )
    db.session.add(engagement)
    db.session.flush()
    markers = [
        ProgressMarker(
            engagement_id=engagement.id,
            tier=tier,
            position=i,
            text=f"{tier} {i}",
            first_period=start,
        )
        for tier in Tier
        for i in range(2)
    ]
    db.session.add_all(markers)
    db.session.flush()
    period = start
    while period <= end:
        entry = JournalEntry(engagement_id=engagement.id, period=period, change_description="Ja.")
        db.session.add(entry)
        db.session.flush()
        db.session.add_all(
            MarkerRating(entry_id=entry.id, marker_id=m.id, level=2, period=period) for m in markers
        )
        period = add_months(period, 1)
    db.session.flush()
