"""Read models of the themes pages, each built in a fixed number of queries.

Templates get plain dataclasses and never touch the database; the numbers come from
`omtracker.metrics`, so the theme page says the same as the dashboard and the reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from omtracker.extensions import db
from omtracker.labels import BUILDING_BLOCK_ORDER
from omtracker.metrics import Coverage, Scope, coverage, coverage_by, stage_distribution, stages
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MembershipRole,
    Opgave,
    OpgaveStatus,
    Partner,
    Programme,
    Strategy,
    StrategyJournalEntry,
    StrategyType,
    Theme,
    ThemeMembership,
    ThemeStatus,
    User,
)
from omtracker.periods import add_months


@dataclass
class ThemeRow:
    theme: Theme
    leaders: list[str]
    opgave_counts: dict[OpgaveStatus, int]
    status: ThemeStatus | None
    previous_status: ThemeStatus | None
    coverage: Coverage

    @property
    def opgave_total(self) -> int:
        return sum(self.opgave_counts.values())


@dataclass
class ThemeIndex:
    period: str
    blocks: dict[BuildingBlock, list[ThemeRow]]

    @property
    def previous_period(self) -> str:
        return add_months(self.period, -1)


def theme_index(programme: Programme, period: str) -> ThemeIndex:
    """Every theme per building block with leaders, opgave counts, status and coverage."""
    themes = db.session.scalars(
        select(Theme)
        .where(Theme.programme_id == programme.id, Theme.archived.is_(False))
        .order_by(Theme.number)
    ).all()
    leaders = _leaders(programme.id)
    counts: dict[int, dict[OpgaveStatus, int]] = defaultdict(dict)
    for theme_id, status, number in db.session.execute(
        select(Opgave.theme_id, Opgave.status, func.count(Opgave.id))
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id == programme.id, Opgave.archived.is_(False))
        .group_by(Opgave.theme_id, Opgave.status)
    ):
        counts[theme_id][OpgaveStatus(status)] = number
    previous = add_months(period, -1)
    statuses = {
        (s.theme_id, s.period): s
        for s in db.session.scalars(
            select(ThemeStatus)
            .join(Theme, Theme.id == ThemeStatus.theme_id)
            .where(Theme.programme_id == programme.id, ThemeStatus.period.in_([period, previous]))
        )
    }
    cover = coverage_by(Scope(programme.id), period, "theme")
    blocks: dict[BuildingBlock, list[ThemeRow]] = {b: [] for b in BUILDING_BLOCK_ORDER}
    for theme in themes:
        blocks[theme.building_block].append(
            ThemeRow(
                theme=theme,
                leaders=leaders.get(theme.id, []),
                opgave_counts=counts.get(theme.id, {}),
                status=statuses.get((theme.id, period)),
                previous_status=statuses.get((theme.id, previous)),
                coverage=cover.get(theme.id, Coverage()),
            )
        )
    return ThemeIndex(period=period, blocks=blocks)


def _leaders(programme_id: int) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for theme_id, name in db.session.execute(
        select(ThemeMembership.theme_id, User.display_name)
        .join(User, User.id == ThemeMembership.user_id)
        .join(Theme, Theme.id == ThemeMembership.theme_id)
        .where(Theme.programme_id == programme_id, ThemeMembership.role == MembershipRole.lead)
        .order_by(User.display_name)
    ):
        out[theme_id].append(name)
    return out


@dataclass
class OpgaveRow:
    opgave: Opgave
    engagement_count: int = 0
    stages: dict[str, int] = field(default_factory=dict)


@dataclass
class Member:
    name: str
    role: MembershipRole


@dataclass
class StatusRow:
    status: ThemeStatus
    author: str | None


@dataclass
class ThemePage:
    theme: Theme
    period: str
    opgaven: list[OpgaveRow]
    archived: list[OpgaveRow]
    members: list[Member]
    coverage: Coverage
    current_status: StatusRow | None
    history: list[StatusRow]

    @property
    def leaders(self) -> list[Member]:
        return [m for m in self.members if m.role == MembershipRole.lead]


def theme_page(theme: Theme, period: str) -> ThemePage:
    """The theme's opgaven with engagement counts and stages, members, coverage and status."""
    scope = Scope(theme.programme_id, theme_id=theme.id)
    opgaven = db.session.scalars(
        select(Opgave).where(Opgave.theme_id == theme.id).order_by(Opgave.title, Opgave.id)
    ).all()
    opgave_of: dict[int, int] = dict(
        db.session.execute(
            select(Engagement.id, Engagement.opgave_id)
            .join(Opgave, Opgave.id == Engagement.opgave_id)
            .where(Opgave.theme_id == theme.id)
        ).all()
    )
    stage_by_engagement = stages(scope, period)  # the engagements counting in `period`
    engagement_counts = Counter(opgave_of[eid] for eid in stage_by_engagement if eid in opgave_of)
    per_opgave: dict[int, dict[int, str]] = defaultdict(dict)
    for engagement_id, stage in stage_by_engagement.items():
        per_opgave[opgave_of.get(engagement_id, 0)][engagement_id] = stage
    rows = [
        OpgaveRow(
            opgave=o,
            engagement_count=engagement_counts.get(o.id, 0),
            stages=stage_distribution(per_opgave[o.id]) if per_opgave.get(o.id) else {},
        )
        for o in opgaven
    ]
    members = [
        Member(name, MembershipRole(role))
        for name, role in db.session.execute(
            select(User.display_name, ThemeMembership.role)
            .join(User, User.id == ThemeMembership.user_id)
            .where(ThemeMembership.theme_id == theme.id, User.is_active_account.is_(True))
            .order_by(ThemeMembership.role, User.display_name)
        )
    ]
    history = [
        StatusRow(status, author)
        for status, author in db.session.execute(
            select(ThemeStatus, User.display_name)
            .outerjoin(User, User.id == ThemeStatus.author_id)
            .where(ThemeStatus.theme_id == theme.id)
            .order_by(ThemeStatus.period.desc())
        )
    ]
    current = next((row for row in history if row.status.period == period), None)
    return ThemePage(
        theme=theme,
        period=period,
        opgaven=[r for r in rows if not r.opgave.archived],
        archived=[r for r in rows if r.opgave.archived],
        members=members,
        coverage=coverage(scope, period),
        current_status=current,
        history=history,
    )


@dataclass
class EngagementRow:
    engagement: Engagement
    partner_name: str
    partner_id: int
    stage: str | None
    last_period: str | None


@dataclass
class OpgavePage:
    opgave: Opgave
    period: str
    engagements: list[EngagementRow]
    coverage: Coverage
    stages: dict[str, int]
    strategy_counts: dict[StrategyType, int]


def opgave_page(opgave: Opgave, period: str) -> OpgavePage:
    """The opgave's engagements with partner, stage and last journal month, and its numbers."""
    scope = Scope(opgave.theme.programme_id, opgave_id=opgave.id)
    last = (
        select(JournalEntry.engagement_id, func.max(JournalEntry.period).label("last_period"))
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .where(Engagement.opgave_id == opgave.id)
        .group_by(JournalEntry.engagement_id)
        .subquery("last")
    )
    stage_by_engagement = stages(scope, period)
    engagements = [
        EngagementRow(
            engagement=engagement,
            partner_name=name,
            partner_id=partner_id,
            stage=stage_by_engagement.get(engagement.id),
            last_period=last_period,
        )
        for engagement, name, partner_id, last_period in db.session.execute(
            select(Engagement, Partner.name, Partner.id, last.c.last_period)
            .join(Partner, Partner.id == Engagement.partner_id)
            .outerjoin(last, last.c.engagement_id == Engagement.id)
            .where(Engagement.opgave_id == opgave.id)
            .order_by(Engagement.archived, Engagement.active.desc(), Partner.name)
        )
    ]
    strategy_counts = {
        StrategyType(t): n
        for t, n in db.session.execute(
            select(Strategy.type, func.count(Strategy.id))
            .where(Strategy.opgave_id == opgave.id, Strategy.archived.is_(False))
            .group_by(Strategy.type)
        )
    }
    return OpgavePage(
        opgave=opgave,
        period=period,
        engagements=engagements,
        coverage=coverage(scope, period),
        stages=stage_distribution(stage_by_engagement) if stage_by_engagement else {},
        strategy_counts=strategy_counts,
    )


@dataclass
class StrategyRow:
    strategy: Strategy
    entry_count: int
    last_period: str | None


@dataclass
class StrategyMap:
    opgave: Opgave
    cells: dict[StrategyType, list[StrategyRow]]
    archived: list[StrategyRow]


def strategy_map(opgave: Opgave, engagement_id: int | None = None) -> StrategyMap:
    """The strategies in the cells of the Outcome Mapping grid, with journal counts: the
    opgave's own (serving several partners) or, given an engagement, those aimed at one partner."""
    rows = [
        StrategyRow(strategy, count or 0, last_period)
        for strategy, count, last_period in db.session.execute(
            select(
                Strategy,
                func.count(StrategyJournalEntry.id),
                func.max(StrategyJournalEntry.period),
            )
            .outerjoin(StrategyJournalEntry, StrategyJournalEntry.strategy_id == Strategy.id)
            .options(selectinload(Strategy.markers))
            .where(
                Strategy.opgave_id == opgave.id,
                Strategy.engagement_id == engagement_id
                if engagement_id
                else Strategy.engagement_id.is_(None),
            )
            .group_by(Strategy.id)
            .order_by(Strategy.title, Strategy.id)
        )
    ]
    cells: dict[StrategyType, list[StrategyRow]] = {t: [] for t in StrategyType}
    for row in rows:
        if not row.strategy.archived:
            cells[row.strategy.type].append(row)
    return StrategyMap(
        opgave=opgave, cells=cells, archived=[r for r in rows if r.strategy.archived]
    )


def strategy_entries(strategy: Strategy) -> list[tuple[StrategyJournalEntry, str | None]]:
    """The strategy's journal, newest month first, with each entry's author."""
    return [
        (entry, author)
        for entry, author in db.session.execute(
            select(StrategyJournalEntry, User.display_name)
            .outerjoin(User, User.id == StrategyJournalEntry.author_id)
            .where(StrategyJournalEntry.strategy_id == strategy.id)
            .order_by(StrategyJournalEntry.period.desc())
        )
    ]


def partner_maps(opgave: Opgave) -> list[tuple[int, str, int]]:
    """Each running engagement of the opgave with its partner's name and strategy count: the
    links from the opgave's map to the strategy map per boundary partner."""
    return [
        (engagement_id, name, count or 0)
        for engagement_id, name, count in db.session.execute(
            select(Engagement.id, Partner.name, func.count(Strategy.id))
            .join(Partner, Partner.id == Engagement.partner_id)
            .outerjoin(
                Strategy,
                (Strategy.engagement_id == Engagement.id) & Strategy.archived.is_(False),
            )
            .where(Engagement.opgave_id == opgave.id, Engagement.archived.is_(False))
            .group_by(Engagement.id, Partner.name)
            .order_by(Partner.name)
        )
    ]
