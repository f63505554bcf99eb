"""Read models for the journal form and the entry page, each in a fixed number of queries.

Levels come from `omtracker.metrics` (DESIGN.md §3 rule 1); nothing here recomputes a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from omtracker.extensions import db
from omtracker.metrics import Attainment, Scope, current_levels, stage_of, tier_attainment
from omtracker.models import (
    Engagement,
    HarvestedOutcome,
    JournalAttachment,
    JournalEntry,
    JournalRevision,
    LadderRubric,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Tier,
    User,
)
from omtracker.models.enums import TIER_ORDER
from omtracker.periods import add_months


@dataclass
class MarkerRow:
    """A progress marker as the journal shows it: with the level it had before this month."""

    marker: ProgressMarker
    previous_level: int | None = None
    last_rated: str | None = None
    rating: MarkerRating | None = None


@dataclass
class Ladder:
    """The engagement's markers for one month, grouped by tier in ladder order."""

    tiers: list[tuple[Tier, list[MarkerRow]]]

    @property
    def markers(self) -> list[ProgressMarker]:
        return [row.marker for _tier, rows in self.tiers for row in rows]

    @property
    def rows(self) -> list[MarkerRow]:
        return [row for _tier, rows in self.tiers for row in rows]


def load_engagement(engagement_id: int, programme_id: int) -> Engagement | None:
    """The engagement with partner, opgave and theme, only when it belongs to the programme."""
    engagement = db.session.scalars(
        select(Engagement)
        .where(Engagement.id == engagement_id)
        .options(
            joinedload(Engagement.partner),
            joinedload(Engagement.opgave).joinedload(Opgave.theme),
        )
    ).first()
    if engagement is None or engagement.opgave.theme.programme_id != programme_id:
        return None
    return engagement


def load_entry(entry_id: int, programme_id: int) -> JournalEntry | None:
    """An entry with its engagement, partner, opgave, theme, ratings and contributors."""
    entry = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.id == entry_id)
        .options(
            joinedload(JournalEntry.engagement).joinedload(Engagement.partner),
            joinedload(JournalEntry.engagement)
            .joinedload(Engagement.opgave)
            .joinedload(Opgave.theme),
            joinedload(JournalEntry.author),
            selectinload(JournalEntry.ratings),
            selectinload(JournalEntry.contributors),
        )
    ).first()
    if entry is None or entry.engagement.opgave.theme.programme_id != programme_id:
        return None
    return entry


def _last_rated(marker_ids: list[int], before: str) -> dict[int, tuple[str, int]]:
    """Marker id → (month, level) of its latest rating before a month, in one query."""
    latest = (
        select(MarkerRating.marker_id, func.max(MarkerRating.period).label("period"))
        .where(MarkerRating.marker_id.in_(marker_ids), MarkerRating.period < before)
        .group_by(MarkerRating.marker_id)
        .subquery()
    )
    stmt = select(MarkerRating.marker_id, MarkerRating.period, MarkerRating.level).join(
        latest,
        and_(latest.c.marker_id == MarkerRating.marker_id, latest.c.period == MarkerRating.period),
    )
    return {marker_id: (period, level) for marker_id, period, level in db.session.execute(stmt)}


def ladder(
    engagement: Engagement, period: str, entry: JournalEntry | None, with_history: bool = True
) -> Ladder:
    """Markers counting in the month (and any the entry already rates), grouped by tier.

    With history, each carries its level at the end of the previous month (the current level
    of DESIGN.md §3 rule 1) and the month it was last rated, so a stale level is recognisable.
    A save needs only the markers; the levels are added when the form is shown again.
    """
    rated = {r.marker_id: r for r in entry.ratings} if entry is not None else {}
    markers = [
        m
        for m in db.session.scalars(
            select(ProgressMarker)
            .where(ProgressMarker.engagement_id == engagement.id)
            .order_by(ProgressMarker.tier, ProgressMarker.position, ProgressMarker.id)
        )
        if m.counts_in(period) or m.id in rated
    ]
    by_tier: dict[Tier, list[MarkerRow]] = {tier: [] for tier in TIER_ORDER}
    for marker in markers:
        by_tier[Tier(marker.tier)].append(MarkerRow(marker=marker, rating=rated.get(marker.id)))
    result = Ladder([(tier, rows) for tier, rows in by_tier.items() if rows])
    if with_history:
        add_history(result, engagement, period)
    return result


def add_history(result: Ladder, engagement: Engagement, period: str) -> None:
    """Fill in last month's level and the month each marker was last rated (two queries)."""
    rows = result.rows
    if not rows:
        return
    scope = Scope(engagement.opgave.theme.programme_id, engagement_id=engagement.id)
    levels = current_levels(scope, add_months(period, -1))
    last = _last_rated([row.marker.id for row in rows], period)
    for row in rows:
        month, level = last.get(row.marker.id, (None, None))
        row.previous_level = levels.get(row.marker.id, level)
        row.last_rated = month


def partner_choices(engagement: Engagement, chosen: list[int]) -> dict[int, str]:
    """Partners of the registry that may be named as contributing actors (by name)."""
    stmt = (
        select(Partner.id, Partner.name)
        .where(
            Partner.programme_id == engagement.partner.programme_id,
            Partner.id != engagement.partner_id,
            (Partner.archived.is_(False) & Partner.merged_into_id.is_(None))
            | Partner.id.in_(chosen or [-1]),
        )
        .order_by(Partner.name)
    )
    return {pid: name for pid, name in db.session.execute(stmt)}


def active_attachments(entry_id: int) -> list[JournalAttachment]:
    return list(
        db.session.scalars(
            select(JournalAttachment)
            .where(JournalAttachment.entry_id == entry_id, JournalAttachment.archived.is_(False))
            .order_by(JournalAttachment.id)
        )
    )


@dataclass
class EntryPage:
    entry: JournalEntry
    ladder: Ladder
    contributors: list[Partner]
    attachments: list[JournalAttachment]
    uploaders: dict[int, str]
    promoted: list[ProgressMarker]
    attainment: dict[Tier, Attainment]
    stage: str
    revision_count: int
    last_revision: JournalRevision | None = None
    archived_attachments: list[JournalAttachment] = field(default_factory=list)


def entry_page(entry: JournalEntry) -> EntryPage:
    engagement = entry.engagement
    contributor_ids = [c.partner_id for c in entry.contributors]
    contributors = (
        list(
            db.session.scalars(
                select(Partner).where(Partner.id.in_(contributor_ids)).order_by(Partner.name)
            )
        )
        if contributor_ids
        else []
    )
    all_attachments = list(
        db.session.scalars(
            select(JournalAttachment)
            .where(JournalAttachment.entry_id == entry.id)
            .order_by(JournalAttachment.created_at, JournalAttachment.id)
        )
    )
    uploader_ids = {a.uploaded_by_id for a in all_attachments if a.uploaded_by_id}
    uploaders: dict[int, str] = {}
    if uploader_ids:
        stmt = select(User.id, User.display_name).where(User.id.in_(uploader_ids))
        uploaders = {uid: name for uid, name in db.session.execute(stmt)}
    promoted = list(
        db.session.scalars(
            select(ProgressMarker)
            .where(ProgressMarker.origin_entry_id == entry.id)
            .order_by(ProgressMarker.id)
        )
    )
    revision_count, last_number = db.session.execute(
        select(func.count(JournalRevision.id), func.max(JournalRevision.number)).where(
            JournalRevision.entry_id == entry.id
        )
    ).one()
    last_revision = None
    if last_number is not None:
        last_revision = db.session.scalars(
            select(JournalRevision)
            .where(JournalRevision.entry_id == entry.id, JournalRevision.number == last_number)
            .options(joinedload(JournalRevision.author))
        ).first()
    scope = Scope(engagement.opgave.theme.programme_id, engagement_id=engagement.id)
    attainment = tier_attainment(scope, entry.period)
    return EntryPage(
        entry=entry,
        ladder=ladder(engagement, entry.period, entry),
        contributors=contributors,
        attachments=[a for a in all_attachments if not a.archived],
        archived_attachments=[a for a in all_attachments if a.archived],
        uploaders=uploaders,
        promoted=promoted,
        attainment=attainment,
        stage=stage_of(attainment),
        revision_count=revision_count or 0,
        last_revision=last_revision,
    )


def ladder_rubric(engagement_id: int) -> LadderRubric | None:
    """What low, medium and high mean on this ladder, shown beside the rating buttons."""
    return db.session.scalar(
        select(LadderRubric).where(LadderRubric.engagement_id == engagement_id)
    )


def harvested_from(entry_id: int) -> list[HarvestedOutcome]:
    """Harvested outcomes recorded from this entry's unanticipated change (the link back)."""
    return list(
        db.session.scalars(
            select(HarvestedOutcome)
            .where(HarvestedOutcome.origin_entry_id == entry_id)
            .order_by(HarvestedOutcome.id)
        )
    )
