"""Which part of a programme a number is about, as reusable SQL filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_

from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    EngagementStatus,
    Opgave,
    Theme,
)

# Rule 3: a paused engagement's ladder still counts; a stopped or archived one does not.
COUNTING = (EngagementStatus.active.value, EngagementStatus.paused.value)


@dataclass(frozen=True)
class Scope:
    """A programme, narrowed to a building block, theme, opgave or single engagement."""

    programme_id: int
    building_block: BuildingBlock | None = None
    theme_id: int | None = None
    opgave_id: int | None = None
    engagement_id: int | None = None


GROUP_COLUMNS: dict[str, Any] = {
    "building_block": Theme.building_block,
    "theme": Theme.id,
    "opgave": Opgave.id,
    "engagement": Engagement.id,
}


def group_column(by: str) -> Any:
    try:
        return GROUP_COLUMNS[by]
    except KeyError:
        raise ValueError(f"cannot group by {by!r}; use one of {sorted(GROUP_COLUMNS)}") from None


def state_holds(start: str, end: str | None = None) -> Any:
    """Join condition: the engagement's state rows holding in some month of start..end."""
    return and_(
        EngagementState.engagement_id == Engagement.id,
        EngagementState.valid_from <= (end or start),
        or_(EngagementState.valid_until.is_(None), EngagementState.valid_until > start),
    )


def in_scope(stmt: Select, scope: Scope) -> Select:
    """Join engagement → opgave → theme and keep the scope's engagements, whatever their state."""
    stmt = (
        stmt.join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id == scope.programme_id)
    )
    if scope.building_block is not None:
        stmt = stmt.where(Theme.building_block == scope.building_block)
    if scope.theme_id is not None:
        stmt = stmt.where(Theme.id == scope.theme_id)
    if scope.opgave_id is not None:
        stmt = stmt.where(Opgave.id == scope.opgave_id)
    if scope.engagement_id is not None:
        stmt = stmt.where(Engagement.id == scope.engagement_id)
    return stmt


def active_engagements(stmt: Select, scope: Scope, period: str, until: str | None = None) -> Select:
    """The scope's engagements that count in `period` under the state valid in that month
    (DESIGN.md §3a), not today's: active or paused, opgave and theme not archived then.

    With `until`, every state row holding in some month of period..until is joined (one row
    per engagement and state); the caller selects `EngagementState.valid_from/valid_until` and
    keeps, per month, the row that holds in it.
    """
    return (
        in_scope(stmt, scope)
        .join(EngagementState, state_holds(period, until))
        .where(EngagementState.status.in_(COUNTING), EngagementState.hidden.is_(False))
    )
