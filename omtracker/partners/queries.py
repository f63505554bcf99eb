"""Read models of the registry and the partner page, each built in a fixed number of queries.

Counts, themes and journal months come from GROUP BY queries over the page's partners only;
activity (dormant or not) and stages come from `omtracker.metrics`, the single source of the
numbers, so the registry says the same as the dashboard and the network.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from omtracker.extensions import db
from omtracker.metrics import Scope, attainment_by, dormant_partners, partner_last_periods, stage_of
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    Opgave,
    Partner,
    PartnerRelation,
    PartnerType,
    Theme,
)

PER_PAGE = 25
JOURNAL_PER_PAGE = 10
MENTIONS_SHOWN = 20
ACTIVITY_CHOICES = ("actief", "slapend", "zonder")


@dataclass
class RegistryFilters:
    """What the registry list is narrowed to; built from the query string by the route."""

    q: str = ""
    type: str = ""
    wijk: str = ""
    theme_id: int | None = None
    activity: str = ""
    archived: bool = False
    page: int = 1

    @property
    def active(self) -> bool:
        return bool(self.q or self.type or self.wijk or self.theme_id or self.activity)


@dataclass
class RegistryRow:
    partner: Partner
    engagement_count: int = 0
    themes: list[tuple[int, int, str]] = field(default_factory=list)
    last_period: str | None = None
    dormant: bool = False


@dataclass
class RegistryPage:
    pagination: Any
    rows: list[RegistryRow]
    wijken: list[str]
    themes: list[Theme]


def _active_engagement_partners(theme_id: int | None = None) -> Select:
    """Partner ids with an active, unarchived engagement (optionally in one theme)."""
    stmt = (
        select(Engagement.partner_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .where(Engagement.archived.is_(False), Opgave.archived.is_(False))
    )
    if theme_id is None:
        return stmt.where(Engagement.active.is_(True))
    return stmt.where(Opgave.theme_id == theme_id)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def registry_page(
    programme_id: int, filters: RegistryFilters, period: str, per_page: int = PER_PAGE
) -> RegistryPage:
    """One page of the registry with each partner's engagements, themes and last journal month."""
    dormant = dormant_partners(programme_id, period)
    stmt = select(Partner).where(Partner.programme_id == programme_id)
    if not filters.archived:
        stmt = stmt.where(Partner.archived.is_(False))
    if filters.q:
        pattern = _like(filters.q)
        stmt = stmt.where(
            or_(
                Partner.name.ilike(pattern, escape="\\"),
                Partner.wijk.ilike(pattern, escape="\\"),
                Partner.contact_name.ilike(pattern, escape="\\"),
                Partner.contact_email.ilike(pattern, escape="\\"),
            )
        )
    if filters.type:
        stmt = stmt.where(Partner.type == PartnerType(filters.type))
    if filters.wijk:
        stmt = stmt.where(Partner.wijk == filters.wijk)
    if filters.theme_id:
        stmt = stmt.where(Partner.id.in_(_active_engagement_partners(filters.theme_id)))
    if filters.activity == "slapend":
        stmt = stmt.where(Partner.id.in_(sorted(dormant)))
    elif filters.activity == "actief":
        stmt = stmt.where(
            Partner.id.in_(_active_engagement_partners()), Partner.id.not_in(sorted(dormant))
        )
    elif filters.activity == "zonder":
        stmt = stmt.where(Partner.id.not_in(_active_engagement_partners()))
    stmt = stmt.order_by(func.lower(Partner.name), Partner.id)
    pagination = db.paginate(stmt, page=filters.page, per_page=per_page, error_out=False)
    partners: list[Partner] = list(pagination.items)
    ids = [p.id for p in partners]
    counts: dict[int, int] = {}
    themes: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    if ids:
        counts = dict(
            db.session.execute(
                _active_engagement_partners()
                .add_columns(func.count(Engagement.id))
                .where(Engagement.partner_id.in_(ids))
                .group_by(Engagement.partner_id)
            ).all()
        )
        for partner_id, theme_id, number, name in db.session.execute(
            select(Engagement.partner_id, Theme.id, Theme.number, Theme.name)
            .join(Opgave, Opgave.id == Engagement.opgave_id)
            .join(Theme, Theme.id == Opgave.theme_id)
            .where(Engagement.partner_id.in_(ids), Engagement.archived.is_(False))
            .distinct()
            .order_by(Engagement.partner_id, Theme.number)
        ):
            themes[partner_id].append((theme_id, number, name))
    last = partner_last_periods(programme_id)
    rows = [
        RegistryRow(
            partner=p,
            engagement_count=counts.get(p.id, 0),
            themes=themes.get(p.id, []),
            last_period=last.get(p.id),
            dormant=p.id in dormant,
        )
        for p in partners
    ]
    wijken = list(
        db.session.scalars(
            select(Partner.wijk)
            .where(Partner.programme_id == programme_id, Partner.wijk.is_not(None))
            .where(Partner.wijk != "")
            .distinct()
            .order_by(Partner.wijk)
        )
    )
    theme_list = list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == programme_id, Theme.archived.is_(False))
            .order_by(Theme.number)
        )
    )
    return RegistryPage(pagination=pagination, rows=rows, wijken=wijken, themes=theme_list)


@dataclass
class EngagementRow:
    engagement: Engagement
    stage: str | None
    last_period: str | None


@dataclass
class RelationRow:
    relation: PartnerRelation
    other: Partner
    outgoing: bool


@dataclass
class MentionRow:
    entry: JournalEntry
    partner: Partner
    opgave: Opgave


@dataclass
class PartnerDetail:
    partner: Partner
    engagements: list[EngagementRow]
    themes: list[Theme]
    journal: Any
    relations: list[RelationRow]
    archived_relations: list[RelationRow]
    mentions: list[MentionRow]
    mention_total: int
    merged_into: Partner | None
    merged_from: list[Partner]
    dormant: bool
    last_period: str | None


def partner_detail(partner: Partner, period: str, journal_page: int = 1) -> PartnerDetail:
    """Everything the partner page shows: engagements, journal history, relations, mentions."""
    programme_id = partner.programme_id
    engagements = list(
        db.session.scalars(
            select(Engagement)
            .where(Engagement.partner_id == partner.id)
            .options(joinedload(Engagement.opgave).joinedload(Opgave.theme))
            .order_by(Engagement.archived, Engagement.id)
        )
    )
    last_by_engagement = dict(
        db.session.execute(
            select(JournalEntry.engagement_id, func.max(JournalEntry.period))
            .join(Engagement, Engagement.id == JournalEntry.engagement_id)
            .where(Engagement.partner_id == partner.id)
            .group_by(JournalEntry.engagement_id)
        ).all()
    )
    attainment = attainment_by(Scope(programme_id), period, "engagement") if engagements else {}
    rows = []
    for engagement in engagements:
        counted = engagement.active and not engagement.archived and not engagement.opgave.archived
        stage = stage_of(attainment.get(engagement.id, {})) if counted else None
        rows.append(EngagementRow(engagement, stage, last_by_engagement.get(engagement.id)))
    themes: dict[int, Theme] = {}
    for row in rows:
        if not row.engagement.archived:
            themes.setdefault(row.engagement.opgave.theme.id, row.engagement.opgave.theme)
    journal = db.paginate(
        select(JournalEntry)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .where(Engagement.partner_id == partner.id)
        .options(
            joinedload(JournalEntry.engagement).joinedload(Engagement.opgave),
            joinedload(JournalEntry.author),
        )
        .order_by(JournalEntry.period.desc(), JournalEntry.id.desc()),
        page=journal_page,
        per_page=JOURNAL_PER_PAGE,
        error_out=False,
    )
    relations, archived_relations = _relations(partner)
    mentions, mention_total = _mentions(partner)
    merged_into = (
        db.session.get(Partner, partner.merged_into_id) if partner.merged_into_id else None
    )
    merged_from = list(
        db.session.scalars(
            select(Partner).where(Partner.merged_into_id == partner.id).order_by(Partner.name)
        )
    )
    dormant = partner.id in dormant_partners(programme_id, period)
    return PartnerDetail(
        partner=partner,
        engagements=rows,
        themes=sorted(themes.values(), key=lambda t: t.number),
        journal=journal,
        relations=relations,
        archived_relations=archived_relations,
        mentions=mentions,
        mention_total=mention_total,
        merged_into=merged_into,
        merged_from=merged_from,
        dormant=dormant,
        last_period=max(last_by_engagement.values(), default=None),
    )


def _relations(partner: Partner) -> tuple[list[RelationRow], list[RelationRow]]:
    active, archived = [], []
    for relation in db.session.scalars(
        select(PartnerRelation)
        .where(
            or_(
                PartnerRelation.source_partner_id == partner.id,
                PartnerRelation.target_partner_id == partner.id,
            )
        )
        .options(
            joinedload(PartnerRelation.source_partner), joinedload(PartnerRelation.target_partner)
        )
        .order_by(PartnerRelation.type, PartnerRelation.id)
    ):
        outgoing = relation.source_partner_id == partner.id
        other = relation.target_partner if outgoing else relation.source_partner
        row = RelationRow(relation, other, outgoing)
        (archived if relation.archived else active).append(row)
    return active, archived


def _mentions(partner: Partner) -> tuple[list[MentionRow], int]:
    """Entries in other partners' journals that name this partner as a contributing actor."""
    where = (JournalContributor.partner_id == partner.id, Engagement.partner_id != partner.id)
    base = (
        select(JournalEntry, Partner, Opgave)
        .join(JournalContributor, JournalContributor.entry_id == JournalEntry.id)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .where(*where)
    )
    rows = [
        MentionRow(entry, other, opgave)
        for entry, other, opgave in db.session.execute(
            base.order_by(JournalEntry.period.desc(), JournalEntry.id.desc()).limit(MENTIONS_SHOWN)
        )
    ]
    total = db.session.scalar(
        select(func.count(JournalContributor.id))
        .join(JournalEntry, JournalEntry.id == JournalContributor.entry_id)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .where(*where)
    )
    return rows, total or 0
