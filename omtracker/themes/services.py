"""Writes of the themes area: opgaven, theme statuses, strategies and strategy journal entries.

Every function changes state and flushes; the route commits once. Edits of existing records
check the version the form was loaded with, so the second person to save gets a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from omtracker.editing import EditConflict, conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    Opgave,
    OpgaveStatus,
    ProgressMarker,
    Rag,
    Strategy,
    StrategyJournalEntry,
    StrategyType,
    Theme,
    ThemeStatus,
    User,
)

OPGAVE_FIELDS = (
    "title",
    "description",
    "vision",
    "work_agreements",
    "targets",
    "target_year",
    "status",
)
STRATEGY_FIELDS = ("type", "title", "description")
STRATEGY_ENTRY_FIELDS = (
    "resources",
    "activities",
    "effectiveness",
    "outputs",
    "requirements",
    "next_review_date",
)


_NULLABLE = {"target_year", "next_review_date"}


def _assign(obj: Any, values: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    """Copy the form's values; an empty optional text becomes "" (columns are NOT NULL)."""
    for name in fields:
        if name in values:
            value = values[name]
            setattr(obj, name, "" if value is None and name not in _NULLABLE else value)


def create_opgave(theme: Theme, values: Mapping[str, Any]) -> Opgave:
    """A new opgave in the theme; status defaults to draft so it can be prepared first."""
    opgave = Opgave(theme=theme, status=OpgaveStatus.draft)
    _assign(opgave, values, OPGAVE_FIELDS)
    opgave.status = OpgaveStatus(opgave.status)
    db.session.add(opgave)
    db.session.flush()
    return opgave


def update_opgave(opgave: Opgave, values: Mapping[str, Any], version: Any) -> Opgave:
    ensure_version(opgave, version)
    _assign(opgave, values, OPGAVE_FIELDS)
    opgave.status = OpgaveStatus(opgave.status)
    with conflict_guard(opgave):
        db.session.flush()
    return opgave


def set_opgave_status(opgave: Opgave, status: OpgaveStatus) -> bool:
    """Close or reopen; False when the opgave already had that status (nothing changed)."""
    return _switch(opgave, "status", status)


def set_archived(obj: Opgave | Strategy, archived: bool) -> bool:
    """Archive or restore an opgave or strategy; archived records stay readable."""
    return _switch(obj, "archived", archived)


def _switch(obj: Opgave | Strategy, name: str, value: Any) -> bool:
    """Set one attribute; False when it already had that value (nothing changed)."""
    if getattr(obj, name) == value:
        return False
    setattr(obj, name, value)
    with conflict_guard(obj):
        db.session.flush()
    return True


def _insert_unique(obj: Any, find_existing: Any) -> None:
    """Insert a record that is unique per month; losing a race becomes an edit conflict."""
    nested = db.session.begin_nested()
    db.session.add(obj)
    try:
        db.session.flush()
    except IntegrityError as exc:
        nested.rollback()
        existing = find_existing()
        if existing is None:
            raise
        raise EditConflict(existing) from exc
    nested.commit()


def theme_status_for(theme: Theme, period: str) -> ThemeStatus | None:
    return db.session.scalar(
        select(ThemeStatus).where(ThemeStatus.theme_id == theme.id, ThemeStatus.period == period)
    )


def save_theme_status(
    theme: Theme, period: str, rag: str, text: str, author: User, version: Any
) -> ThemeStatus:
    """Set the theme's status for a month: one per theme and month, edited in place.

    A form opened before someone else set that month's status carries no version, so the
    second writer gets a conflict rather than overwriting the first.
    """
    status = theme_status_for(theme, period)
    if status is None:
        status = ThemeStatus(
            theme_id=theme.id, period=period, rag=Rag(rag), text=text or "", author_id=author.id
        )
        _insert_unique(status, lambda: theme_status_for(theme, period))
        return status
    ensure_version(status, version)
    status.rag = Rag(rag)
    status.text = text or ""
    status.author_id = author.id
    with conflict_guard(status):
        db.session.flush()
    return status


def create_strategy(
    opgave: Opgave,
    values: Mapping[str, Any],
    engagement: Engagement | None = None,
    marker_ids: list[int] | None = None,
) -> Strategy:
    """A strategy of the opgave, or (given an engagement) aimed at one boundary partner and
    linked to the markers of its ladder it aims at."""
    markers = _ladder_markers(engagement, marker_ids)
    strategy = Strategy(opgave=opgave, engagement_id=engagement.id if engagement else None)
    _assign(strategy, values, STRATEGY_FIELDS)
    strategy.type = StrategyType(strategy.type)
    strategy.markers = markers
    db.session.add(strategy)
    db.session.flush()
    return strategy


def update_strategy(
    strategy: Strategy,
    values: Mapping[str, Any],
    version: Any,
    marker_ids: list[int] | None = None,
) -> Strategy:
    ensure_version(strategy, version)
    markers = _ladder_markers(strategy.engagement, marker_ids)
    _assign(strategy, values, STRATEGY_FIELDS)
    strategy.type = StrategyType(strategy.type)
    if strategy.engagement_id is not None:
        strategy.markers = markers
    with conflict_guard(strategy):
        db.session.flush()
    return strategy


def _ladder_markers(engagement: Engagement | None, marker_ids: list[int] | None) -> list:
    """Only markers of the engagement's own ladder can be aimed at."""
    if engagement is None or not marker_ids:
        return []
    return list(
        db.session.scalars(
            select(ProgressMarker).where(
                ProgressMarker.engagement_id == engagement.id, ProgressMarker.id.in_(marker_ids)
            )
        )
    )


def strategy_entry_for(strategy: Strategy, period: str) -> StrategyJournalEntry | None:
    return db.session.scalar(
        select(StrategyJournalEntry).where(
            StrategyJournalEntry.strategy_id == strategy.id, StrategyJournalEntry.period == period
        )
    )


def save_strategy_entry(
    strategy: Strategy,
    period: str,
    values: Mapping[str, Any],
    author: User,
    version: Any,
) -> StrategyJournalEntry:
    """Write or edit the strategy's journal for a month: one entry per strategy and month."""
    entry = strategy_entry_for(strategy, period)
    if entry is None:
        entry = StrategyJournalEntry(strategy_id=strategy.id, period=period, author_id=author.id)
        _assign(entry, values, STRATEGY_ENTRY_FIELDS)
        _insert_unique(entry, lambda: strategy_entry_for(strategy, period))
        return entry
    ensure_version(entry, version)
    _assign(entry, values, STRATEGY_ENTRY_FIELDS)
    entry.author_id = author.id
    with conflict_guard(entry):
        db.session.flush()
    return entry
