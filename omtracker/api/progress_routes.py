"""API routes for progress: engagements, markers, journal entries, the numbers and the reports.

Marker levels and every number come from `omtracker.metrics`, the functions the dashboard and
the reports use, so the API can never disagree with what people see on screen.
"""

from __future__ import annotations

from typing import Any, NoReturn

from flask import abort, url_for
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from omtracker import metrics
from omtracker.api import bp, serialize
from omtracker.api.auth import api_programme_id
from omtracker.api.listing import args, envelope, one_or_404, page_of
from omtracker.api.routes import ID
from omtracker.api.spec import MAX_ID
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalContributor,
    JournalEntry,
    MonthlyReport,
    Opgave,
    ProgressMarker,
    Theme,
)
from omtracker.periods import add_months, current_period


def _engagements() -> Any:
    return (
        select(Engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .join(Engagement.partner)
        .where(Theme.programme_id == api_programme_id())
        .options(contains_eager(Engagement.opgave), contains_eager(Engagement.partner))
    )


@bp.get("/engagements")
def engagements() -> Any:
    params = args()
    stmt = _engagements().order_by(Engagement.opgave_id, Engagement.id)
    for name, column in (
        ("partner_id", Engagement.partner_id),
        ("opgave_id", Engagement.opgave_id),
        ("theme_id", Opgave.theme_id),
    ):
        if params[name]:
            stmt = stmt.where(column == params[name])
    if params["active_only"]:
        stmt = stmt.where(Engagement.active.is_(True))
    if not params["include_archived"]:
        stmt = stmt.where(Engagement.archived.is_(False))
    rows, total = page_of(stmt)
    return envelope(rows, total, serialize.engagement)


@bp.get(f"/engagements/<{ID}:engagement_id>")
def engagement(engagement_id: int) -> Any:
    found = one_or_404(_engagements().where(Engagement.id == engagement_id), "engagement")
    return serialize.engagement(found)


def _markers() -> Any:
    return (
        select(ProgressMarker)
        .join(ProgressMarker.engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(Theme.programme_id == api_programme_id())
    )


@bp.get("/markers")
def markers() -> Any:
    params = args()
    period = params["period"] or current_period()
    stmt = _markers().order_by(
        ProgressMarker.engagement_id,
        ProgressMarker.tier,
        ProgressMarker.position,
        ProgressMarker.id,
    )
    if params["engagement_id"]:
        stmt = stmt.where(ProgressMarker.engagement_id == params["engagement_id"])
    if params["tier"]:
        stmt = stmt.where(ProgressMarker.tier == params["tier"])
    if params["counting_only"]:
        stmt = stmt.where(metrics.levels.counting_in(period))
    rows, total = page_of(stmt)
    scope = metrics.Scope(api_programme_id(), engagement_id=params["engagement_id"])
    levels = metrics.current_levels(scope, period) if rows else {}
    return envelope(
        rows, total, lambda m: serialize.marker(m, period, levels.get(m.id)), period=period
    )


@bp.get(f"/markers/<{ID}:marker_id>")
def marker(marker_id: int) -> Any:
    found = one_or_404(_markers().where(ProgressMarker.id == marker_id), "marker")
    period = current_period()
    scope = metrics.Scope(api_programme_id(), engagement_id=found.engagement_id)
    return serialize.marker(found, period, metrics.current_levels(scope, period).get(found.id))


ENTRY_LOADS = (
    selectinload(JournalEntry.ratings),
    selectinload(JournalEntry.contributors).joinedload(JournalContributor.partner),
    joinedload(JournalEntry.author),
)


def _entries() -> Any:
    return (
        select(JournalEntry)
        .join(JournalEntry.engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(Theme.programme_id == api_programme_id())
    )


@bp.get("/journal-entries")
def journal_entries() -> Any:
    params = args()
    start, end = params["period_from"], params["period_to"]
    if start and end and start > end:
        abort(400, description="Parameter 'period_to': must not be before 'period_from'.")
    stmt = _entries().order_by(JournalEntry.period, JournalEntry.id)
    for name, column in (
        ("engagement_id", JournalEntry.engagement_id),
        ("opgave_id", Engagement.opgave_id),
        ("theme_id", Opgave.theme_id),
        ("partner_id", Engagement.partner_id),
    ):
        if params[name]:
            stmt = stmt.where(column == params[name])
    if start:
        stmt = stmt.where(JournalEntry.period >= start)
    if end:
        stmt = stmt.where(JournalEntry.period <= end)
    if params["highlight_only"]:
        stmt = stmt.where(JournalEntry.highlight.is_(True))
    rows, total = page_of(stmt, *ENTRY_LOADS)
    return envelope(rows, total, serialize.journal_entry)


@bp.get(f"/journal-entries/<{ID}:entry_id>")
def journal_entry(entry_id: int) -> Any:
    stmt = _entries().where(JournalEntry.id == entry_id).options(*ENTRY_LOADS)
    return serialize.journal_entry(one_or_404(stmt, "journal entry"))


def _not_found(scope: str) -> NoReturn:
    abort(404, description=f"No {scope.replace('_', ' ')} with this id in your programme.")


def metric_scope(name: str, raw_id: str | None) -> metrics.Scope:
    """The Scope the request names: 400 without an id, 404 when the id names nothing of ours."""
    programme_id = api_programme_id()
    if name == "programme":
        if raw_id is not None and raw_id != str(programme_id):
            _not_found(name)
        return metrics.Scope(programme_id)
    if raw_id is None:
        abort(400, description=f"Parameter 'id': required for scope={name}.")
    if name == "building_block":
        if raw_id not in {b.value for b in BuildingBlock}:
            _not_found(name)
        return metrics.Scope(programme_id, building_block=BuildingBlock(raw_id))
    if not (raw_id.isascii() and raw_id.isdigit() and 1 <= int(raw_id) <= MAX_ID):
        _not_found(name)
    record_id = int(raw_id)
    owner = {
        "theme": select(Theme.id).where(Theme.id == record_id),
        "opgave": select(Opgave.id).join(Opgave.theme).where(Opgave.id == record_id),
        "engagement": select(Engagement.id)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(Engagement.id == record_id),
    }[name]
    one_or_404(owner.where(Theme.programme_id == programme_id), name)
    return metrics.Scope(programme_id, **{f"{name}_id": record_id})


@bp.get("/metrics")
def metric_values() -> Any:
    params = args()
    period = params["period"] or current_period()
    previous = add_months(period, -1)
    scope = metric_scope(params["scope"], params["id"])
    return {
        "scope": params["scope"],
        "id": params["id"],
        "period": period,
        "tier_attainment": serialize.tier_attainment(metrics.tier_attainment(scope, period)),
        "stage_distribution": metrics.stage_distribution(metrics.stages(scope, period)),
        "coverage": serialize.coverage(metrics.coverage(scope, period)),
        "movement": serialize.movement(metrics.movement(scope, previous, period), previous, period),
    }


def _reports() -> Any:
    return (
        select(MonthlyReport)
        .where(MonthlyReport.programme_id == api_programme_id())
        .options(joinedload(MonthlyReport.published_by))
    )


def _report_url(report: MonthlyReport) -> str:
    return url_for("api.report", period=report.period)


@bp.get("/reports")
def reports() -> Any:
    rows, total = page_of(_reports().order_by(MonthlyReport.period.desc()))
    return envelope(rows, total, lambda r: serialize.report_summary(r, _report_url(r)))


@bp.get("/reports/<string(length=7):period>")
def report(period: str) -> Any:
    found = one_or_404(_reports().where(MonthlyReport.period == period), "published report")
    return serialize.report(found, _report_url(found))
