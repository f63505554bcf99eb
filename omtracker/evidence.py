"""How well a journal entry's change is backed up: its evidence strength, one rule for all pages.

From weak to strong: none; described (the "bronnen van bewijs" text says where it shows, or
the entry took a quick observation: a dated note of who saw what); document or link (a current
attachment, a web link in the evidence text, or a taken observation with a photo or file);
confirmed by the partner (a "klopt dit?" request answered "dit klopt"). The rule is one SQL
expression, so the engagement page, the dashboard and the report count the same way, each in
one query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from omtracker.extensions import db
from omtracker.metrics import Scope
from omtracker.metrics.scope import active_engagements
from omtracker.models import (
    Engagement,
    JournalAttachment,
    JournalEntry,
    Observation,
    PartnerConfirmation,
)

STRENGTHS = ("none", "described", "document", "confirmed")


def strength_expression() -> ColumnElement[str]:
    """The strength of the JournalEntry row in the surrounding query."""
    confirmed = exists().where(
        PartnerConfirmation.entry_id == JournalEntry.id,
        PartnerConfirmation.answer == "confirmed",
    )
    attached = exists().where(
        JournalAttachment.entry_id == JournalEntry.id, JournalAttachment.archived.is_(False)
    )
    linked = or_(JournalEntry.evidence.like("%http://%"), JournalEntry.evidence.like("%https://%"))
    observed = (Observation.journal_entry_id == JournalEntry.id, Observation.archived.is_(False))
    observed_file = exists().where(*observed, Observation.stored_name.is_not(None))
    described = or_(
        func.length(func.trim(func.coalesce(JournalEntry.evidence, ""))) > 0,
        exists().where(*observed),
    )
    return case(
        (confirmed, "confirmed"),
        (or_(attached, linked, observed_file), "document"),
        (described, "described"),
        else_="none",
    )


def strengths_of(entry_ids: list[int]) -> dict[int, str]:
    """Strength per entry, in one query."""
    if not entry_ids:
        return {}
    rows = db.session.execute(
        select(JournalEntry.id, strength_expression()).where(JournalEntry.id.in_(entry_ids))
    )
    return {entry_id: strength for entry_id, strength in rows}


def strength_shares(scope: Scope, period: str) -> dict[str, Any]:
    """How many of the month's journals have each strength: those of the engagements that count
    in that month under the state valid then (DESIGN.md §3a)."""
    strength = strength_expression().label("strength")
    stmt = active_engagements(
        select(strength, func.count(JournalEntry.id))
        .select_from(Engagement)
        .join(JournalEntry, JournalEntry.engagement_id == Engagement.id),
        scope,
        period,
    ).where(JournalEntry.period == period)
    counts = dict.fromkeys(STRENGTHS, 0)
    for key, count in db.session.execute(stmt.group_by(strength)):
        counts[key] = count
    total = sum(counts.values())
    return {
        "total": total,
        "counts": counts,
        "pct": {k: (100.0 * v / total if total else None) for k, v in counts.items()},
    }
