"""Reads of Outcome Mapping's plans, practices and harvested outcomes: one query per list."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    MonitoringPlan,
    Opgave,
    Partner,
    PerformanceJournalEntry,
    ProgressMarker,
    Theme,
)
from omtracker.periods import add_months


def _scope(model, theme: Theme | None):  # noqa: ANN001, ANN202
    return model.theme_id == theme.id if theme else model.theme_id.is_(None)


def monitoring_plans(programme_id: int, theme: Theme | None) -> list[MonitoringPlan]:
    """The scope's plans, newest first: the first one valid now is the current plan."""
    return list(
        db.session.scalars(
            select(MonitoringPlan)
            .where(MonitoringPlan.programme_id == programme_id, _scope(MonitoringPlan, theme))
            .order_by(MonitoringPlan.valid_from.desc())
        )
    )


def plan_valid_in(plans: list[MonitoringPlan], period: str) -> MonitoringPlan | None:
    """The plan valid in a month: the latest that started in or before it."""
    return next((p for p in plans if p.valid_from <= period), None)


def performance_rhythm(programme_id: int, theme: Theme | None, period: str) -> int:
    """Months between performance journals in a period (1 or 3), from the plan valid then."""
    plan = plan_valid_in(monitoring_plans(programme_id, theme), period)
    return plan.performance_rhythm_months if plan else 1


def rhythm_period(period: str, rhythm: int) -> str:
    """The first month of the period a month belongs to (a quarter starts in Jan/Apr/Jul/Oct)."""
    if rhythm == 3:
        month = int(period[5:7])
        return add_months(period, -((month - 1) % 3))
    return period


def performance_entries(programme_id: int, theme: Theme | None) -> list[PerformanceJournalEntry]:
    return list(
        db.session.scalars(
            select(PerformanceJournalEntry)
            .options(selectinload(PerformanceJournalEntry.notes))
            .options(selectinload(PerformanceJournalEntry.author))
            .where(
                PerformanceJournalEntry.programme_id == programme_id,
                _scope(PerformanceJournalEntry, theme),
            )
            .order_by(PerformanceJournalEntry.period.desc())
        )
    )


def evaluation_items(programme_id: int) -> list[EvaluationPlanItem]:
    return list(
        db.session.scalars(
            select(EvaluationPlanItem)
            .where(EvaluationPlanItem.programme_id == programme_id)
            .order_by(
                EvaluationPlanItem.archived, EvaluationPlanItem.start_date, EvaluationPlanItem.id
            )
        )
    )


def outcomes(
    programme_id: int,
    theme_id: int | None = None,
    partner_id: int | None = None,
    start: str | None = None,
    end: str | None = None,
    archived: bool = False,
) -> list[HarvestedOutcome]:
    """The programme's harvested outcomes, newest first, filtered by theme, partner, period."""
    query = (
        select(HarvestedOutcome)
        .options(
            selectinload(HarvestedOutcome.theme),
            selectinload(HarvestedOutcome.partner),
            selectinload(HarvestedOutcome.markers),
        )
        .where(
            HarvestedOutcome.programme_id == programme_id,
            HarvestedOutcome.archived.is_(archived),
        )
        .order_by(HarvestedOutcome.period.desc(), HarvestedOutcome.id.desc())
    )
    if theme_id:
        query = query.where(HarvestedOutcome.theme_id == theme_id)
    if partner_id:
        query = query.where(HarvestedOutcome.partner_id == partner_id)
    if start:
        query = query.where(HarvestedOutcome.period >= start)
    if end:
        query = query.where(HarvestedOutcome.period <= end)
    return list(db.session.scalars(query))


def outcomes_from_entry(entry_id: int) -> list[HarvestedOutcome]:
    return list(
        db.session.scalars(
            select(HarvestedOutcome).where(HarvestedOutcome.origin_entry_id == entry_id)
        )
    )


def themes(programme_id: int) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme).where(Theme.programme_id == programme_id).order_by(Theme.number)
        )
    )


def opgaven(programme_id: int) -> list[Opgave]:
    return list(
        db.session.scalars(
            select(Opgave)
            .join(Opgave.theme)
            .options(contains_eager(Opgave.theme))
            .where(Theme.programme_id == programme_id, Opgave.archived.is_(False))
            .order_by(Theme.number, Opgave.title)
        )
    )


def partners(programme_id: int) -> list[Partner]:
    return list(
        db.session.scalars(
            select(Partner)
            .where(
                Partner.programme_id == programme_id,
                Partner.archived.is_(False),
                Partner.merged_into_id.is_(None),
            )
            .order_by(Partner.name)
        )
    )


def markers_for(partner_id: int | None, opgave_id: int | None) -> list[ProgressMarker]:
    """The markers an outcome may concern: those of the partner's ladder in the opgave (or in
    every opgave, when no opgave is chosen). Without a partner there is no ladder."""
    if not partner_id:
        return []
    query = (
        select(ProgressMarker)
        .join(ProgressMarker.engagement)
        .where(Engagement.partner_id == partner_id, ProgressMarker.retired_period.is_(None))
        .order_by(Engagement.opgave_id, ProgressMarker.tier, ProgressMarker.position)
    )
    if opgave_id:
        query = query.where(Engagement.opgave_id == opgave_id)
    return list(db.session.scalars(query))


def theme_engagements(theme: Theme) -> list[tuple[Engagement, str, str]]:
    """The theme's running engagements with partner and opgave names: their own journal
    frequency is shown beside the one the monitoring plan asks."""
    return [
        (engagement, partner, opgave)
        for engagement, partner, opgave in db.session.execute(
            select(Engagement, Partner.name, Opgave.title)
            .join(Partner, Partner.id == Engagement.partner_id)
            .join(Opgave, Opgave.id == Engagement.opgave_id)
            .where(
                Opgave.theme_id == theme.id,
                Engagement.archived.is_(False),
                Engagement.active.is_(True),
                Opgave.archived.is_(False),
            )
            .order_by(Opgave.title, Partner.name)
        )
    ]
