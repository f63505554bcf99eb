"""Merging a duplicate partner into the one that stays, without losing anything.

The plan is computed first and shown to the coordinator; the same function computes it again
when they confirm, so what is moved is what the database holds at that moment. Engagements move
only when the remaining partner has no engagement for the same opgave (two outcome challenges
for one partner and opgave cannot be combined automatically); journal mentions and relations
that would become duplicates or self-links stay on the archived partner, where they remain
readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    Opgave,
    Partner,
    PartnerRelation,
)
from omtracker.partners.services import SYMMETRIC_RELATIONS

FILLABLE_FIELDS = (
    "wijk",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "description",
)


class MergeRefused(Exception):
    """The merge would lose or overwrite data; the plan says why."""

    def __init__(self, plan: MergePlan) -> None:
        super().__init__("merge refused")
        self.plan = plan


@dataclass
class MergePlan:
    source: Partner
    target: Partner
    engagements: list[Engagement] = field(default_factory=list)
    conflicts: list[Opgave] = field(default_factory=list)
    mentions: list[JournalContributor] = field(default_factory=list)
    duplicate_mentions: int = 0
    self_mentions: int = 0
    relations: list[PartnerRelation] = field(default_factory=list)
    skipped_relations: list[PartnerRelation] = field(default_factory=list)
    filled: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.conflicts and not self.problems


def plan_merge(source: Partner, target: Partner) -> MergePlan:
    """What merging `source` into `target` would move, skip and refuse."""
    plan = MergePlan(source=source, target=target)
    if source.id == target.id:
        plan.problems.append("same")
    if target.archived or target.merged_into_id is not None:
        plan.problems.append("target_archived")
    if source.merged_into_id is not None:
        plan.problems.append("already_merged")
    if source.programme_id != target.programme_id:
        plan.problems.append("other_programme")
    _plan_engagements(plan)
    _plan_mentions(plan)
    _plan_relations(plan)
    for name in FILLABLE_FIELDS:
        if not getattr(target, name) and getattr(source, name):
            plan.filled[name] = getattr(source, name)
    return plan


def _plan_engagements(plan: MergePlan) -> None:
    taken = set(
        db.session.scalars(
            select(Engagement.opgave_id).where(Engagement.partner_id == plan.target.id)
        )
    )
    for engagement in db.session.scalars(
        select(Engagement)
        .where(Engagement.partner_id == plan.source.id)
        .options(joinedload(Engagement.opgave).joinedload(Opgave.theme))
        .order_by(Engagement.id)
    ):
        if engagement.opgave_id in taken:
            plan.conflicts.append(engagement.opgave)
        else:
            plan.engagements.append(engagement)


def _plan_mentions(plan: MergePlan) -> None:
    target_entries = set(
        db.session.scalars(
            select(JournalContributor.entry_id).where(
                JournalContributor.partner_id == plan.target.id
            )
        )
    )
    rows = db.session.execute(
        select(JournalContributor, Engagement.partner_id)
        .join(JournalEntry, JournalEntry.id == JournalContributor.entry_id)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .where(JournalContributor.partner_id == plan.source.id)
        .order_by(JournalContributor.id)
    ).all()
    for mention, journal_partner_id in rows:
        if mention.entry_id in target_entries:
            plan.duplicate_mentions += 1
        elif journal_partner_id in (plan.target.id, plan.source.id):
            plan.self_mentions += 1
        else:
            plan.mentions.append(mention)


def _plan_relations(plan: MergePlan) -> None:
    source_id, target_id = plan.source.id, plan.target.id
    relations = list(
        db.session.scalars(
            select(PartnerRelation)
            .where(
                or_(
                    PartnerRelation.source_partner_id.in_([source_id, target_id]),
                    PartnerRelation.target_partner_id.in_([source_id, target_id]),
                )
            )
            .options(
                joinedload(PartnerRelation.source_partner),
                joinedload(PartnerRelation.target_partner),
            )
            .order_by(PartnerRelation.id)
        )
    )
    touching_target = [
        r for r in relations if source_id not in (r.source_partner_id, r.target_partner_id)
    ]
    staying = {r.id for r in touching_target}
    taken = {(r.source_partner_id, r.target_partner_id, r.type) for r in touching_target}
    for relation in relations:
        if relation.id in staying:
            continue
        new_source = target_id if relation.source_partner_id == source_id else None
        new_target = target_id if relation.target_partner_id == source_id else None
        s = new_source or relation.source_partner_id
        t = new_target or relation.target_partner_id
        reverse_taken = relation.type in SYMMETRIC_RELATIONS and (t, s, relation.type) in taken
        if s == t or (s, t, relation.type) in taken or reverse_taken:
            plan.skipped_relations.append(relation)
            continue
        taken.add((s, t, relation.type))
        plan.relations.append(relation)


def merge_partners(source: Partner, target: Partner) -> MergePlan:
    """Move engagements, mentions and relations from `source` to `target`; archive `source`.

    Raises MergeRefused (nothing changed) when the plan has conflicts. Flushes, never commits.
    """
    plan = plan_merge(source, target)
    if not plan.allowed:
        raise MergeRefused(plan)
    for engagement in plan.engagements:
        engagement.partner = target
    for mention in plan.mentions:
        mention.partner_id = target.id
    for relation in plan.relations:
        if relation.source_partner_id == source.id:
            relation.source_partner = target
        if relation.target_partner_id == source.id:
            relation.target_partner = target
    for name, value in plan.filled.items():
        setattr(target, name, value)
    source.archived = True
    source.merged_into_id = target.id
    db.session.flush()
    return plan
