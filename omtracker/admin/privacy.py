"""Personal data of contact persons: find everything stored about one, export it, erase it.

Contact persons at partner organisations are the personal data omtracker holds besides its own
users. Erasure replaces the values with a neutral placeholder everywhere they are stored,
including the before/after values in the audit trail, so history stays readable without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, or_, select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import AuditEvent, Partner, Programme
from omtracker.models.base import utcnow

PLACEHOLDER = "[verwijderd]"
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


@dataclass
class ContactFindings:
    query: str
    partners: list[Partner] = field(default_factory=list)
    audit_events: list[AuditEvent] = field(default_factory=list)

    @property
    def values(self) -> set[str]:
        """The exact personal values found: what erasure replaces."""
        out = set()
        for partner in self.partners:
            for name in CONTACT_FIELDS:
                value = getattr(partner, name)
                if value and self.query.lower() in value.lower():
                    out.add(value)
        return out or {self.query}


def find_contact(programme: Programme, query: str) -> ContactFindings:
    needle = f"%{query.strip()}%"
    partners = list(
        db.session.scalars(
            select(Partner)
            .where(
                Partner.programme_id == programme.id,
                or_(
                    Partner.contact_name.ilike(needle),
                    Partner.contact_email.ilike(needle),
                    Partner.contact_phone.ilike(needle),
                ),
            )
            .order_by(Partner.name)
        )
    )
    findings = ContactFindings(query=query.strip(), partners=partners)
    partner_ids = [p.id for p in partners]
    if partner_ids:
        findings.audit_events = list(
            db.session.scalars(
                select(AuditEvent)
                .where(
                    AuditEvent.entity_type == "Partner",
                    AuditEvent.entity_id.in_(partner_ids),
                    or_(
                        cast(AuditEvent.before, String).ilike(needle),
                        cast(AuditEvent.after, String).ilike(needle),
                    ),
                )
                .order_by(AuditEvent.at)
            )
        )
    return findings


def export(findings: ContactFindings) -> dict[str, Any]:
    return {
        "query": findings.query,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "partners": [
            {
                "id": p.id,
                "organisation": p.name,
                **{name: getattr(p, name) for name in CONTACT_FIELDS},
            }
            for p in findings.partners
        ],
        "history": [
            {
                "at": e.at.isoformat(timespec="seconds"),
                "action": e.action,
                "entity": f"{e.entity_type} {e.entity_id}",
                "before": e.before,
                "after": e.after,
            }
            for e in findings.audit_events
        ],
    }


def _scrub(value: Any, secrets: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, str) and value in secrets:
        return PLACEHOLDER
    return value


def erase(findings: ContactFindings, actor_id: int | None) -> int:
    """Replace the contact's values by the placeholder; returns how many records changed."""
    secrets = findings.values
    changed = 0
    with audit.suspended():  # an ordinary audit row would copy the data we are erasing
        for partner in findings.partners:
            for name in CONTACT_FIELDS:
                if getattr(partner, name) in secrets:
                    setattr(partner, name, PLACEHOLDER if name == "contact_name" else None)
            changed += 1
            db.session.add(
                AuditEvent(
                    user_id=actor_id,
                    action="erase",
                    entity_type="Partner",
                    entity_id=partner.id,
                    before=None,
                    after={"contact": PLACEHOLDER},
                )
            )
        for event in findings.audit_events:
            event.before = _scrub(event.before, secrets)
            event.after = _scrub(event.after, secrets)
            changed += 1
        db.session.flush()
    return changed
