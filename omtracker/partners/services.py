"""Changing the registry: partners, their archive state and explicit partner relations.

Services flush and never commit; the route commits once. Names are unique per programme apart
from case, and a name that merely looks like an existing one is reported so the route can ask
for confirmation before a second record of the same club appears.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import Engagement, Opgave, Partner, PartnerRelation, PartnerType, RelationType
from omtracker.partners.similar import names_look_alike, same_name

# Relation types that read the same in both directions: A cooperates with B = B with A.
SYMMETRIC_RELATIONS = {RelationType.cooperation, RelationType.shared_facility}


class DuplicateName(Exception):
    """Another partner of the programme already has this name."""

    def __init__(self, existing: Partner) -> None:
        super().__init__(existing.name)
        self.existing = existing


class StillEngaged(Exception):
    """The partner still has running outcome challenges and cannot be archived."""

    def __init__(self, opgaven: list[Opgave]) -> None:
        super().__init__(", ".join(o.title for o in opgaven))
        self.opgaven = opgaven


class RelationExists(Exception):
    """The same relation between these two partners is already recorded."""


class CannotRestore(Exception):
    """A merged partner stays archived: its history now lives with the partner it joined."""


def programme_partners(programme_id: int) -> list[Partner]:
    return list(
        db.session.scalars(
            select(Partner).where(Partner.programme_id == programme_id).order_by(Partner.name)
        )
    )


def partner_choices(programme_id: int, exclude_id: int | None = None) -> dict[int, str]:
    """Unarchived partners as {id: name} for a select field."""
    rows = db.session.execute(
        select(Partner.id, Partner.name)
        .where(Partner.programme_id == programme_id, Partner.archived.is_(False))
        .order_by(Partner.name)
    )
    return {pid: name for pid, name in rows if pid != exclude_id}


def same_name_partner(
    programme_id: int, name: str, exclude_id: int | None = None, partners: list | None = None
) -> Partner | None:
    for partner in partners if partners is not None else programme_partners(programme_id):
        if partner.id != exclude_id and same_name(partner.name, name):
            return partner
    return None


def similar_partners(
    programme_id: int, name: str, exclude_id: int | None = None, partners: list | None = None
) -> list[Partner]:
    """Partners (also archived ones, not merged ones) whose name looks like `name`."""
    return [
        p
        for p in (partners if partners is not None else programme_partners(programme_id))
        if p.id != exclude_id and p.merged_into_id is None and names_look_alike(name, p.name)
    ]


def create_partner(programme_id: int, values: dict[str, Any]) -> Partner:
    """A new registry entry; raises DuplicateName when the name is already taken."""
    existing = same_name_partner(programme_id, values["name"])
    if existing is not None:
        raise DuplicateName(existing)
    partner = Partner(programme_id=programme_id, **_typed(values))
    db.session.add(partner)
    db.session.flush()
    return partner


def update_partner(partner: Partner, values: dict[str, Any], version: Any) -> None:
    """Save an edit made on `version`; EditConflict when someone saved in between."""
    ensure_version(partner, version)
    existing = same_name_partner(partner.programme_id, values["name"], exclude_id=partner.id)
    if existing is not None:
        raise DuplicateName(existing)
    for key, value in _typed(values).items():
        setattr(partner, key, value)
    with conflict_guard(partner):
        db.session.flush()


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out["type"] = PartnerType(values.get("type") or PartnerType.other)
    return out


def running_engagement_opgaven(partner: Partner) -> list[Opgave]:
    return list(
        db.session.scalars(
            select(Opgave)
            .join(Engagement, Engagement.opgave_id == Opgave.id)
            .where(
                Engagement.partner_id == partner.id,
                Engagement.active.is_(True),
                Engagement.archived.is_(False),
                Opgave.archived.is_(False),
            )
            .order_by(Opgave.title)
        )
    )


def archive_partner(partner: Partner) -> None:
    """Archive a partner that no longer takes part; refused while its challenges still run."""
    running = running_engagement_opgaven(partner)
    if running:
        raise StillEngaged(running)
    partner.archived = True
    db.session.flush()


def restore_partner(partner: Partner) -> None:
    if partner.merged_into_id is not None:
        raise CannotRestore()
    partner.archived = False
    db.session.flush()


def add_relation(
    partner: Partner,
    other: Partner,
    relation_type: RelationType | str,
    outgoing: bool = True,
    note: str = "",
) -> PartnerRelation:
    """Record an explicit link; an archived copy of the same link is restored instead."""
    relation_type = RelationType(relation_type)
    source, target = (partner, other) if outgoing else (other, partner)
    if source.id == target.id:
        raise RelationExists()
    pairs = [(source.id, target.id)]
    if relation_type in SYMMETRIC_RELATIONS:
        pairs.append((target.id, source.id))
    existing = list(
        db.session.scalars(
            select(PartnerRelation).where(
                PartnerRelation.type == relation_type,
                or_(
                    *[
                        (PartnerRelation.source_partner_id == s)
                        & (PartnerRelation.target_partner_id == t)
                        for s, t in pairs
                    ]
                ),
            )
        )
    )
    if any(not r.archived for r in existing):
        raise RelationExists()
    exact = [r for r in existing if r.source_partner_id == source.id]
    if exact:
        relation = exact[0]
        relation.archived = False
        relation.note = note or relation.note
    else:
        relation = PartnerRelation(
            programme_id=partner.programme_id,
            source_partner_id=source.id,
            target_partner_id=target.id,
            type=relation_type,
            note=note or "",
        )
        db.session.add(relation)
    db.session.flush()
    return relation


def set_relation_archived(relation: PartnerRelation, archived: bool) -> None:
    if not archived:
        clash = db.session.scalar(
            select(PartnerRelation.id).where(
                PartnerRelation.id != relation.id,
                PartnerRelation.archived.is_(False),
                PartnerRelation.type == relation.type,
                PartnerRelation.source_partner_id == relation.target_partner_id,
                PartnerRelation.target_partner_id == relation.source_partner_id,
            )
        )
        if clash is not None and relation.type in SYMMETRIC_RELATIONS:
            raise RelationExists()
    relation.archived = archived
    db.session.flush()
