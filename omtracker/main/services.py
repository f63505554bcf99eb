"""Read models for the programme overview, built in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import selectinload

from omtracker.extensions import db
from omtracker.models import (
    BuildingBlock,
    Engagement,
    MembershipRole,
    Opgave,
    Partner,
    Programme,
    Theme,
    ThemeMembership,
    User,
)


@dataclass
class ThemeCard:
    theme: Theme
    opgaven: list[Opgave]
    leaders: list[str] = field(default_factory=list)
    partner_count: int = 0
    engagement_count: int = 0


@dataclass
class Overview:
    programme: Programme
    blocks: dict[BuildingBlock, list[ThemeCard]]
    partner_total: int
    engagement_total: int
    has_example_data: bool


def programme_overview(programme: Programme) -> Overview:
    themes = list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == programme.id, Theme.archived.is_(False))
            .order_by(Theme.number)
            .options(selectinload(Theme.opgaven))
        )
    )
    counts = {
        row.theme_id: (row.partners, row.engagements)
        for row in db.session.execute(
            select(
                Opgave.theme_id,
                func.count(distinct(Engagement.partner_id)).label("partners"),
                func.count(Engagement.id).label("engagements"),
            )
            .join(Engagement, Engagement.opgave_id == Opgave.id)
            .join(Theme, Theme.id == Opgave.theme_id)
            .where(
                Theme.programme_id == programme.id,
                Engagement.archived.is_(False),
                Engagement.active.is_(True),
                Opgave.archived.is_(False),
            )
            .group_by(Opgave.theme_id)
        )
    }
    leaders: dict[int, list[str]] = defaultdict(list)
    for theme_id, name in db.session.execute(
        select(ThemeMembership.theme_id, User.display_name)
        .join(User, User.id == ThemeMembership.user_id)
        .join(Theme, Theme.id == ThemeMembership.theme_id)
        .where(Theme.programme_id == programme.id, ThemeMembership.role == MembershipRole.lead)
        .order_by(User.display_name)
    ):
        leaders[theme_id].append(name)
    totals = db.session.execute(
        select(
            func.count(distinct(Engagement.partner_id)),
            func.count(Engagement.id),
            func.max(func.cast(Engagement.is_example, db.Integer)),
        )
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(
            Theme.programme_id == programme.id,
            Engagement.archived.is_(False),
            Engagement.active.is_(True),
        )
    ).one()
    partner_total = db.session.scalar(
        select(func.count(Partner.id)).where(
            Partner.programme_id == programme.id, Partner.archived.is_(False)
        )
    )
    blocks: dict[BuildingBlock, list[ThemeCard]] = {b: [] for b in BuildingBlock}
    for theme in themes:
        partners, engagements = counts.get(theme.id, (0, 0))
        blocks[theme.building_block].append(
            ThemeCard(
                theme=theme,
                opgaven=[o for o in theme.opgaven if not o.archived],
                leaders=leaders.get(theme.id, []),
                partner_count=partners,
                engagement_count=engagements,
            )
        )
    return Overview(
        programme=programme,
        blocks=blocks,
        partner_total=partner_total or 0,
        engagement_total=totals[1] or 0,
        has_example_data=bool(totals[2]),
    )
