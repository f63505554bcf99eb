"""Records as the API's JSON objects: one function per schema in the OpenAPI document.

Every function reads only attributes the route loaded up front (eager loading), so turning a
page of records into JSON never issues a query.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from omtracker.metrics import Attainment, Coverage, Movement
from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    JournalEntry,
    MembershipRole,
    MonitoringPlan,
    MonthlyReport,
    Opgave,
    Partner,
    PerformanceJournalEntry,
    Programme,
    ProgressMarker,
    Theme,
    Tier,
)


def timestamp(value: datetime | None) -> str | None:
    """Stored times are naive UTC; the API says so explicitly."""
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def programme(p: Programme) -> dict[str, Any]:
    return {
        "id": p.id,
        "slug": p.slug,
        "name": p.name,
        "operating_name": p.operating_name,
        "municipality": p.municipality,
        "ambition": p.ambition,
        "mission": p.mission,
        "website": p.website,
        "archived": p.archived,
    }


def theme(t: Theme) -> dict[str, Any]:
    leaders = sorted(m.user.display_name for m in t.memberships if m.role == MembershipRole.lead)
    return {
        "id": t.id,
        "programme_id": t.programme_id,
        "number": t.number,
        "name": t.name,
        "name_en": t.name_en,
        "building_block": t.building_block.value,
        "description": t.description,
        "leaders": leaders,
        "archived": t.archived,
    }


def opgave(o: Opgave) -> dict[str, Any]:
    return {
        "id": o.id,
        "theme_id": o.theme_id,
        "title": o.title,
        "description": o.description,
        "vision": o.vision,
        "work_agreements": o.work_agreements,
        "targets": o.targets,
        "target_year": o.target_year,
        "status": o.status.value,
        "archived": o.archived,
        "is_example": o.is_example,
    }


def partner(p: Partner) -> dict[str, Any]:
    """With its contact person, as on the partner page every user of the programme can read."""
    contact = {"name": p.contact_name, "email": p.contact_email, "phone": p.contact_phone}
    return {
        "id": p.id,
        "name": p.name,
        "type": p.type.value,
        "wijk": p.wijk,
        "website": p.website,
        "description": p.description,
        "contact": contact,
        "merged_into_id": p.merged_into_id,
        "archived": p.archived,
        "is_example": p.is_example,
    }


def engagement(e: Engagement) -> dict[str, Any]:
    return {
        "id": e.id,
        "partner_id": e.partner_id,
        "partner_name": e.partner.name,
        "opgave_id": e.opgave_id,
        "theme_id": e.opgave.theme_id,
        "outcome_challenge": e.outcome_challenge,
        "monitoring_frequency_months": e.monitoring_frequency_months,
        "start_date": day(e.start_date),
        "active": e.active,
        "archived": e.archived,
        "is_example": e.is_example,
    }


def marker(m: ProgressMarker, period: str, level: int | None) -> dict[str, Any]:
    return {
        "id": m.id,
        "engagement_id": m.engagement_id,
        "tier": m.tier.value,
        "position": m.position,
        "text": m.text,
        "first_period": m.first_period,
        "retired_period": m.retired_period,
        "origin_entry_id": m.origin_entry_id,
        "level_period": period,
        "current_level": level,
        "is_example": m.is_example,
    }


def journal_entry(e: JournalEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "engagement_id": e.engagement_id,
        "period": e.period,
        "change_description": e.change_description,
        "contributing_factors": e.contributing_factors,
        "evidence": e.evidence,
        "unanticipated_change": e.unanticipated_change,
        "lessons": e.lessons,
        "highlight": e.highlight,
        "author": e.author.display_name if e.author else None,
        "created_at": timestamp(e.created_at),
        "updated_at": timestamp(e.updated_at),
        "ratings": [
            {"marker_id": r.marker_id, "level": r.level, "note": r.note}
            for r in sorted(e.ratings, key=lambda r: r.marker_id)
        ],
        "contributors": [
            {"partner_id": c.partner_id, "name": c.partner.name}
            for c in sorted(e.contributors, key=lambda c: c.partner.name)
        ],
        "is_example": e.is_example,
    }


def report_summary(r: MonthlyReport, url: str) -> dict[str, Any]:
    return {
        "period": r.period,
        "published_at": timestamp(r.published_at),
        "published_by": r.published_by.display_name if r.published_by else None,
        "snapshot_sha256": r.snapshot_sha256,
        "url": url,
    }


def report(r: MonthlyReport, url: str) -> dict[str, Any]:
    return {**report_summary(r, url), "snapshot": r.snapshot}


def attainment(a: Attainment) -> dict[str, Any]:
    return {"reached": a.reached, "total": a.total, "pct": a.pct}


def tier_attainment(values: dict[Tier, Attainment]) -> dict[str, Any]:
    return {tier.value: attainment(values.get(tier, Attainment())) for tier in Tier}


def coverage(c: Coverage) -> dict[str, Any]:
    return {"written": c.written, "due": c.due, "pct": c.pct}


def movement(m: Movement, from_period: str, to_period: str) -> dict[str, Any]:
    return {"from": from_period, "to": to_period, "up": m.up, "down": m.down, "same": m.same}


def harvested_outcome(o: HarvestedOutcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "theme_id": o.theme_id,
        "opgave_id": o.opgave_id,
        "partner_id": o.partner_id,
        "actor": o.actor,
        "actor_is_partner": o.partner_id is not None,
        "change": o.change,
        "period": o.period,
        "place": o.place,
        "significance": o.significance,
        "contribution": o.contribution,
        "substantiation": o.substantiation,
        "marker_ids": sorted(m.id for m in o.markers),
        "origin_entry_id": o.origin_entry_id,
        "archived": o.archived,
        "created_at": timestamp(o.created_at),
        "updated_at": timestamp(o.updated_at),
    }


def performance_entry(e: PerformanceJournalEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "theme_id": e.theme_id,
        "period": e.period,
        "practices": [
            {
                "practice": n.practice.value,
                "example": n.example,
                "lessons": n.lessons,
                "rating": n.rating,
            }
            for n in sorted(e.notes, key=lambda n: list(type(n.practice)).index(n.practice))
        ],
        "updated_at": timestamp(e.updated_at),
    }


def evaluation_item(i: EvaluationPlanItem) -> dict[str, Any]:
    return {
        "id": i.id,
        "question": i.question,
        "users": i.users,
        "uses": i.uses,
        "sources": i.sources,
        "methods": i.methods,
        "start_date": day(i.start_date),
        "end_date": day(i.end_date),
        "cost_euros": i.cost_euros,
        "archived": i.archived,
    }


def monitoring_plan(p: MonitoringPlan) -> dict[str, Any]:
    return {
        "id": p.id,
        "theme_id": p.theme_id,
        "valid_from": p.valid_from,
        "monitored": p.monitored,
        "monitored_by": p.monitored_by,
        "how_often": p.how_often,
        "use_of_information": p.use_of_information,
        "journal_frequency_months": p.journal_frequency_months,
        "performance_rhythm_months": p.performance_rhythm_months,
    }
