"""Read models of the coordinator dashboard: figures per building block, theme, opgave, partner.

Every number comes from `omtracker.metrics` (trend functions answer a window of months in one
query each); this module only loads the structure to hang them on and adds figures of children
up into their parents, which is correct because attainment and coverage are pooled counts.
A page costs the same handful of queries however many themes, partners or months it shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from omtracker import attention
from omtracker.extensions import db
from omtracker.labels import BUILDING_BLOCK_ORDER
from omtracker.metrics import Attainment, Coverage, Movement, OverdueEngagement, Scope, overdue
from omtracker.metrics.rules import last_day
from omtracker.metrics.trends import (
    STAGES,
    attainment_trend,
    coverage_trend,
    movement_by,
    stage_counts_by,
)
from omtracker.models import Engagement, Opgave, Partner, Programme, Theme, Tier
from omtracker.periods import add_months, period_range

SPANS = (12, 24)


@dataclass
class Figures:
    """What the dashboard shows for one scope in the chosen month, plus its trends."""

    attainment: dict[Tier, Attainment] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    coverage: Coverage = field(default_factory=Coverage)
    movement: Movement = field(default_factory=Movement)
    trend: dict[str, dict[Tier, Attainment]] = field(default_factory=dict)
    coverage_trend: dict[str, Coverage] = field(default_factory=dict)

    @property
    def engagements(self) -> int:
        return sum(self.stages.values())

    @property
    def stage(self) -> str:
        """The stage of a single engagement (the figures of one engagement count it once)."""
        return next((stage for stage, count in self.stages.items() if count), "not_started")

    def tier(self, tier: Tier) -> Attainment:
        return self.attainment.get(tier, Attainment())

    def add(self, other: Figures) -> None:
        for tier, value in other.attainment.items():
            self.attainment[tier] = self.tier(tier) + value
        for stage, count in other.stages.items():
            self.stages[stage] = self.stages.get(stage, 0) + count
        self.coverage = self.coverage + other.coverage
        self.movement = Movement(
            self.movement.up + other.movement.up,
            self.movement.down + other.movement.down,
            self.movement.same + other.movement.same,
        )
        for month, per_tier in other.trend.items():
            mine = self.trend.setdefault(month, {})
            for tier, value in per_tier.items():
                mine[tier] = mine.get(tier, Attainment()) + value
        for month, value in other.coverage_trend.items():
            self.coverage_trend[month] = self.coverage_trend.get(month, Coverage()) + value


@dataclass
class Window:
    """The chosen month and the months the charts look back over."""

    period: str
    months: int

    @property
    def start(self) -> str:
        return add_months(self.period, -(self.months - 1))

    @property
    def periods(self) -> list[str]:
        return period_range(self.start, self.period)

    @property
    def previous(self) -> str:
        return add_months(self.period, -1)

    def overdue_day(self, today: date) -> date:
        """Overdue is judged today, or at the end of a chosen month that has passed."""
        return min(today, last_day(self.period))


def figures_by(
    scope: Scope, window: Window, by: str, attain_by: str | None = None
) -> tuple[dict[Any, Figures], dict[Any, dict[str, dict[Tier, Attainment]]]]:
    """Figures per group (`by`), five queries.

    With `attain_by` the attainment trend is fetched per finer group instead (returned second)
    for the caller to add up, so one query serves both a heatmap and the groups' lines.
    """
    attain = attainment_trend(scope, window.start, window.period, attain_by or by)
    cover = coverage_trend(scope, window.start, window.period, by)
    stages = stage_counts_by(scope, window.period, by)
    moves = movement_by(scope, window.previous, window.period, by)
    out: dict[Any, Figures] = defaultdict(Figures)
    if attain_by is None:
        for key, trend in attain.items():
            out[key].trend = trend
            out[key].attainment = dict(trend.get(window.period, {}))
    for key, trend in cover.items():
        out[key].coverage_trend = trend
        out[key].coverage = trend.get(window.period, Coverage())
    for key, counts in stages.items():
        out[key].stages = counts
    for key, value in moves.items():
        out[key].movement = value
    return out, attain


def fine_figures(trend: dict[str, dict[Tier, Attainment]], period: str) -> Figures:
    return Figures(attainment=dict(trend.get(period, {})), trend=trend)


@dataclass
class ThemeView:
    theme: Theme
    figures: Figures
    opgaven: list[tuple[Opgave, Figures]]


@dataclass
class ProgrammeDashboard:
    window: Window
    programme: Figures
    blocks: dict[Any, Figures]
    themes: dict[Any, list[ThemeView]]
    overdue: list[OverdueEngagement]
    theme_names: dict[int, str]
    attention: dict[str, Any] = field(default_factory=dict)


def load_themes(programme_id: int) -> list[Theme]:
    """The programme's live themes with their live opgaven, in one query."""
    return list(
        db.session.scalars(
            select(Theme)
            .outerjoin(Opgave, (Opgave.theme_id == Theme.id) & Opgave.archived.is_(False))
            .where(Theme.programme_id == programme_id, Theme.archived.is_(False))
            .order_by(Theme.number, Opgave.title)
            .options(contains_eager(Theme.opgaven))
        ).unique()
    )


def programme_dashboard(programme: Programme, window: Window, today: date) -> ProgrammeDashboard:
    scope = Scope(programme.id)
    themes = load_themes(programme.id)
    per_theme, per_opgave = figures_by(scope, window, "theme", attain_by="opgave")
    blocks = {block: Figures() for block in BUILDING_BLOCK_ORDER}
    total = Figures()
    views: dict[Any, list[ThemeView]] = {block: [] for block in BUILDING_BLOCK_ORDER}
    for theme in themes:
        figures = per_theme.get(theme.id, Figures())
        opgaven = []
        for opgave in theme.opgaven:
            fine = fine_figures(per_opgave.get(opgave.id, {}), window.period)
            figures.add(Figures(attainment=fine.attainment, trend=fine.trend))
            opgaven.append((opgave, fine))
        blocks[theme.building_block].add(figures)
        total.add(figures)
        views[theme.building_block].append(ThemeView(theme, figures, opgaven))
    late = overdue(scope, window.overdue_day(today))
    return ProgrammeDashboard(
        window=window,
        programme=total,
        blocks=blocks,
        themes=views,
        overdue=late,
        theme_names={theme.id: theme.name for theme in themes},
        attention=attention_panel(programme.id, themes, per_theme, late, window.period),
    )


def attention_panel(
    programme_id: int,
    themes: list[Theme],
    per_theme: dict[Any, Figures],
    late: list[OverdueEngagement],
    period: str,
) -> dict[str, Any]:
    """The attention panel of the month (omtracker.attention): two more queries."""
    known = attention.statuses(programme_id, period)
    names = attention.leaders(programme_id)
    rows = []
    for theme in themes:
        move = per_theme.get(theme.id, Figures()).movement
        rows.append(
            {
                "id": theme.id,
                "number": theme.number,
                "name": theme.name,
                **attention.theme_row(theme, period, known, names),
                "overdue": sum(1 for row in late if row.theme_id == theme.id),
                "movement": {"up": move.up, "down": move.down, "same": move.same},
            }
        )
    return attention.panel(rows, period)


@dataclass
class ThemeDashboard:
    window: Window
    theme: Theme
    figures: Figures
    opgaven: list[tuple[Opgave, Figures]]
    overdue: list[OverdueEngagement]


def theme_dashboard(theme: Theme, window: Window, today: date) -> ThemeDashboard:
    scope = Scope(theme.programme_id, theme_id=theme.id)
    per_opgave, _ = figures_by(scope, window, "opgave")
    total = Figures()
    opgaven = []
    for opgave in theme.opgaven:
        if opgave.archived:
            continue
        figures = per_opgave.get(opgave.id, Figures())
        total.add(figures)
        opgaven.append((opgave, figures))
    return ThemeDashboard(window, theme, total, opgaven, overdue(scope, window.overdue_day(today)))


@dataclass
class OpgaveDashboard:
    window: Window
    opgave: Opgave
    figures: Figures
    engagements: list[tuple[Engagement, Figures]]
    overdue: dict[int, OverdueEngagement]


def opgave_dashboard(opgave: Opgave, window: Window, today: date) -> OpgaveDashboard:
    scope = Scope(opgave.theme.programme_id, opgave_id=opgave.id)
    engagements = list(
        db.session.scalars(
            select(Engagement)
            .join(Partner, Partner.id == Engagement.partner_id)
            .where(
                Engagement.opgave_id == opgave.id,
                Engagement.active.is_(True),
                Engagement.archived.is_(False),
            )
            .order_by(Partner.name)
            .options(joinedload(Engagement.partner))
        )
    )
    per_engagement, _ = figures_by(scope, window, "engagement")
    total = Figures()
    rows = []
    for engagement in engagements:
        figures = per_engagement.get(engagement.id, Figures())
        total.add(figures)
        rows.append((engagement, figures))
    late = {row.engagement_id: row for row in overdue(scope, window.overdue_day(today))}
    return OpgaveDashboard(window, opgave, total, rows, late)


def load_theme(theme_id: int, programme_id: int) -> Theme | None:
    theme = db.session.scalar(
        select(Theme).where(Theme.id == theme_id).options(joinedload(Theme.opgaven))
    )
    if theme is None or theme.programme_id != programme_id or theme.archived:
        return None
    return theme


def load_opgave(opgave_id: int, programme_id: int) -> Opgave | None:
    opgave = db.session.scalar(
        select(Opgave).where(Opgave.id == opgave_id).options(joinedload(Opgave.theme))
    )
    if opgave is None or opgave.theme.programme_id != programme_id or opgave.archived:
        return None
    return opgave
