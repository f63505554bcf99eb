"""API routes for Outcome Mapping beyond the ladder: harvested outcomes, the performance journal,
the evaluation plan and the monitoring plans. Read-only, limited to the token's programme."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from omtracker.api import bp, serialize
from omtracker.api.auth import api_programme_id
from omtracker.api.listing import args, envelope, one_or_404, page_of
from omtracker.api.routes import ID
from omtracker.models import (
    EvaluationPlanItem,
    HarvestedOutcome,
    MonitoringPlan,
    PerformanceJournalEntry,
)


def _outcomes() -> Any:
    return select(HarvestedOutcome).where(HarvestedOutcome.programme_id == api_programme_id())


@bp.get("/harvested-outcomes")
def harvested_outcomes() -> Any:
    params = args()
    start, end = params["period_from"], params["period_to"]
    if start and end and start > end:
        abort(400, description="Parameter 'period_to': must not be before 'period_from'.")
    stmt = _outcomes().order_by(HarvestedOutcome.period.desc(), HarvestedOutcome.id.desc())
    for name, column in (
        ("theme_id", HarvestedOutcome.theme_id),
        ("partner_id", HarvestedOutcome.partner_id),
    ):
        if params[name]:
            stmt = stmt.where(column == params[name])
    if start:
        stmt = stmt.where(HarvestedOutcome.period >= start)
    if end:
        stmt = stmt.where(HarvestedOutcome.period <= end)
    if not params["include_archived"]:
        stmt = stmt.where(HarvestedOutcome.archived.is_(False))
    rows, total = page_of(
        stmt, selectinload(HarvestedOutcome.partner), selectinload(HarvestedOutcome.markers)
    )
    return envelope(rows, total, serialize.harvested_outcome)


@bp.get(f"/harvested-outcomes/<{ID}:outcome_id>")
def harvested_outcome(outcome_id: int) -> Any:
    stmt = _outcomes().where(HarvestedOutcome.id == outcome_id)
    return serialize.harvested_outcome(one_or_404(stmt, "harvested outcome"))


@bp.get("/performance-journal")
def performance_journal() -> Any:
    params = args()
    stmt = (
        select(PerformanceJournalEntry)
        .where(PerformanceJournalEntry.programme_id == api_programme_id())
        .order_by(PerformanceJournalEntry.period.desc(), PerformanceJournalEntry.id)
    )
    if params["theme_id"]:
        stmt = stmt.where(PerformanceJournalEntry.theme_id == params["theme_id"])
    if params["programme_only"]:
        stmt = stmt.where(PerformanceJournalEntry.theme_id.is_(None))
    rows, total = page_of(stmt, selectinload(PerformanceJournalEntry.notes))
    return envelope(rows, total, serialize.performance_entry)


@bp.get("/evaluation-plan")
def evaluation_plan() -> Any:
    params = args()
    stmt = (
        select(EvaluationPlanItem)
        .where(EvaluationPlanItem.programme_id == api_programme_id())
        .order_by(EvaluationPlanItem.start_date, EvaluationPlanItem.id)
    )
    if not params["include_archived"]:
        stmt = stmt.where(EvaluationPlanItem.archived.is_(False))
    rows, total = page_of(stmt)
    return envelope(rows, total, serialize.evaluation_item)


@bp.get("/monitoring-plans")
def monitoring_plans() -> Any:
    params = args()
    stmt = (
        select(MonitoringPlan)
        .where(MonitoringPlan.programme_id == api_programme_id())
        .order_by(MonitoringPlan.valid_from.desc(), MonitoringPlan.id)
    )
    if params["theme_id"]:
        stmt = stmt.where(MonitoringPlan.theme_id == params["theme_id"])
    if params["programme_only"]:
        stmt = stmt.where(MonitoringPlan.theme_id.is_(None))
    rows, total = page_of(stmt)
    return envelope(rows, total, serialize.monitoring_plan)
