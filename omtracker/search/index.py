"""Filling the search index from the records it copies, in the caller's transaction.

One `select` per kind reads what a document needs (its own text, the partner and opgave it is
about, its theme, month and archived state); `refresh` rewrites the documents of some records,
`rebuild` those of whole programmes. The session hook in hooks.py calls `refresh` on every
flush, so the index changes in the same transaction as the record; bulk loaders call `rebuild`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, literal, null, or_, select

from omtracker.models import (
    Engagement,
    JournalEntry,
    Opgave,
    Partner,
    ProgressMarker,
    SearchDocument,
    Strategy,
    StrategyJournalEntry,
    Theme,
)
from omtracker.search.text import index_terms

KINDS = ("partner", "opgave", "engagement", "marker", "journal", "strategy", "strategy_journal")
MODEL_KIND = {
    Partner: "partner",
    Opgave: "opgave",
    Engagement: "engagement",
    ProgressMarker: "marker",
    JournalEntry: "journal",
    Strategy: "strategy",
    StrategyJournalEntry: "strategy_journal",
}
CHUNK = 500
STREAM_ROWS = 5_000
SEPARATOR = " · "


def _source(kind: str) -> tuple[Select, Any]:
    """The kind's rows (id, parent id, programme, theme, month, archived, title, subtitle,
    texts...) and
    the column its record ids are filtered on."""
    if kind == "partner":
        archived = or_(Partner.archived, Partner.merged_into_id.is_not(None))
        cols = (Partner.id, null(), Partner.programme_id, null(), null(), archived, Partner.name)
        stmt = select(*cols, literal(""), Partner.description, Partner.wijk)
        return stmt, Partner.id
    if kind == "opgave":
        texts = (Opgave.description, Opgave.vision, Opgave.work_agreements, Opgave.targets)
        stmt = select(
            Opgave.id,
            null(),
            Theme.programme_id,
            Opgave.theme_id,
            null(),
            Opgave.archived,
            Opgave.title,
            literal(""),
            *texts,
        ).join(Theme, Theme.id == Opgave.theme_id)
        return stmt, Opgave.id
    if kind in ("strategy", "strategy_journal"):
        return _strategy_source(kind)
    return _engagement_source(kind)


def _engagement_source(kind: str) -> tuple[Select, Any]:
    def base_from(stmt: Select, *start: Any) -> Select:
        """FROM the kind's table, through its engagement to the opgave, theme and partner."""
        for model, on in start:
            stmt = stmt.join(model, on)
        return (
            stmt.join(Opgave, Opgave.id == Engagement.opgave_id)
            .join(Theme, Theme.id == Opgave.theme_id)
            .join(Partner, Partner.id == Engagement.partner_id)
        )

    head = (Theme.programme_id, Opgave.theme_id)
    if kind == "engagement":
        stmt = select(
            Engagement.id,
            null(),
            *head,
            Engagement.start_date,
            Engagement.archived,
            Partner.name,
            Opgave.title,
            Engagement.outcome_challenge,
        ).select_from(Engagement)
        return base_from(stmt), Engagement.id
    if kind == "marker":
        retired = or_(Engagement.archived, ProgressMarker.retired_period.is_not(None))
        stmt = select(
            ProgressMarker.id,
            ProgressMarker.engagement_id,
            *head,
            ProgressMarker.first_period,
            retired,
            ProgressMarker.text,
            Partner.name + SEPARATOR + Opgave.title,
            ProgressMarker.note,
        ).select_from(ProgressMarker)
        on = (Engagement, Engagement.id == ProgressMarker.engagement_id)
        return base_from(stmt, on), ProgressMarker.id
    texts = (
        JournalEntry.change_description,
        JournalEntry.contributing_factors,
        JournalEntry.evidence,
        JournalEntry.unanticipated_change,
        JournalEntry.lessons,
    )
    stmt = select(
        JournalEntry.id,
        JournalEntry.engagement_id,
        *head,
        JournalEntry.period,
        Engagement.archived,
        Partner.name,
        Opgave.title,
        *texts,
    ).select_from(JournalEntry)
    on = (Engagement, Engagement.id == JournalEntry.engagement_id)
    return base_from(stmt, on), JournalEntry.id


def _strategy_source(kind: str) -> tuple[Select, Any]:
    head = (Theme.programme_id, Opgave.theme_id)
    if kind == "strategy":
        stmt = select(
            Strategy.id,
            Strategy.opgave_id,
            *head,
            null(),
            Strategy.archived,
            Strategy.title,
            Opgave.title,
            Strategy.description,
        )
        column = Strategy.id
    else:
        texts = (
            StrategyJournalEntry.resources,
            StrategyJournalEntry.activities,
            StrategyJournalEntry.effectiveness,
            StrategyJournalEntry.outputs,
            StrategyJournalEntry.requirements,
        )
        stmt = (
            select(
                StrategyJournalEntry.id,
                StrategyJournalEntry.strategy_id,
                *head,
                StrategyJournalEntry.period,
                Strategy.archived,
                Strategy.title,
                Opgave.title,
                *texts,
            )
            .select_from(StrategyJournalEntry)
            .join(Strategy, Strategy.id == StrategyJournalEntry.strategy_id)
        )
        column = StrategyJournalEntry.id
    stmt = stmt.join(Opgave, Opgave.id == Strategy.opgave_id).join(
        Theme, Theme.id == Opgave.theme_id
    )
    return stmt, column


def document(kind: str, row: Any) -> dict[str, Any]:
    """The search_documents row for one source row."""
    record_id, parent_id, programme_id, theme_id, period, archived, title, subtitle, *texts = row
    if isinstance(period, date):
        period = period.strftime("%Y-%m")
    title, subtitle = (title or "")[:300], (subtitle or "")[:420]
    body = "\n".join(t for t in texts if t)
    return {
        "kind": kind,
        "record_id": record_id,
        "parent_id": parent_id,
        "programme_id": programme_id,
        "theme_id": theme_id,
        "period": period,
        "archived": bool(archived),
        "title": title,
        "subtitle": subtitle,
        "body": body,
        "terms": index_terms(title, subtitle, body, programme_id=programme_id, theme_id=theme_id),
    }


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def refresh(connection: Connection, kind: str, record_ids: Iterable[int]) -> None:
    """Rewrite the documents of these records (a record that no longer exists loses its own)."""
    stmt, column = _source(kind)
    for chunk in _chunks(record_ids):
        connection.execute(
            delete(SearchDocument).where(
                SearchDocument.kind == kind, SearchDocument.record_id.in_(chunk)
            )
        )
        rows = connection.execute(stmt.where(column.in_(chunk))).all()
        if rows:
            connection.execute(insert(SearchDocument), [document(kind, row) for row in rows])


def rebuild(connection: Connection, programme_ids: Iterable[int]) -> int:
    """Rebuild every document of these programmes; returns how many there are."""
    total = 0
    for programme_id in sorted(set(programme_ids)):
        connection.execute(
            delete(SearchDocument).where(SearchDocument.programme_id == programme_id)
        )
        for kind in KINDS:
            stmt, column = _source(kind)
            programme = Partner.programme_id if kind == "partner" else Theme.programme_id
            stmt = stmt.where(programme == programme_id).order_by(column).limit(STREAM_ROWS)
            last = 0
            while True:  # in pages by id: bounded memory, no server-side cursor
                rows = connection.execute(stmt.where(column > last)).all()
                if not rows:
                    break
                connection.execute(insert(SearchDocument), [document(kind, r) for r in rows])
                total += len(rows)
                last = rows[-1][0]
    return total


def dependents(connection: Connection, kind: str, record_ids: list[int]) -> dict[str, set[int]]:
    """Documents that show this record's name or state: a partner's name is in its
    engagements', markers' and journals' documents, an opgave's title in everything under it."""
    out: dict[str, set[int]] = {}
    if not record_ids:
        return out

    def ids(stmt: Select) -> set[int]:
        return set(connection.scalars(stmt).all())

    engagements: set[int] = set()
    if kind == "partner":
        engagements = ids(select(Engagement.id).where(Engagement.partner_id.in_(record_ids)))
    elif kind == "opgave":
        engagements = ids(select(Engagement.id).where(Engagement.opgave_id.in_(record_ids)))
        strategies = ids(select(Strategy.id).where(Strategy.opgave_id.in_(record_ids)))
        out["strategy"] = strategies
        out |= dependents(connection, "strategy", sorted(strategies))
    elif kind == "engagement":
        engagements = set(record_ids)
    elif kind == "strategy":
        out["strategy_journal"] = ids(
            select(StrategyJournalEntry.id).where(StrategyJournalEntry.strategy_id.in_(record_ids))
        )
    if engagements:
        chunk = sorted(engagements)
        out["engagement"] = engagements
        out["marker"] = ids(
            select(ProgressMarker.id).where(ProgressMarker.engagement_id.in_(chunk))
        )
        out["journal"] = ids(select(JournalEntry.id).where(JournalEntry.engagement_id.in_(chunk)))
    return out
