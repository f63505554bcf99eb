"""Which part of a programme a number is about, as reusable SQL filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select

from omtracker.models import BuildingBlock, Engagement, Opgave, Theme


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


def active_engagements(stmt: Select, scope: Scope) -> Select:
    """Join engagement → opgave → theme and keep the scope's active, unarchived engagements."""
    stmt = (
        stmt.join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(
            Theme.programme_id == scope.programme_id,
            Engagement.active.is_(True),
            Engagement.archived.is_(False),
            Opgave.archived.is_(False),
            Theme.archived.is_(False),
        )
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
