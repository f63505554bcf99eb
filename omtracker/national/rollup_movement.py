"""Movement over a half year for the national roll-up (DESIGN.md §3 rule 6, pooled).

Markers counting in the edition month that were rated both at the previous edition's month and
at the edition month, and rose, fell or stayed. Withheld like every part of a national figure
(omtracker.national.figures): a movement only one or two programmes have a marker rated in both
months for is not shown, and when one building block's is withheld, so is every block's of that
national theme (else the total minus the others gives it away). A movement nobody has is an
honest zero.

Each programme's counts are cached under its own generation, as the month's counts are
(omtracker.national.counts): a journal saved in one programme recomputes that one only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.metrics.rules import Movement
from omtracker.metrics.scope import COUNTING, state_holds
from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    NationalTheme,
    Opgave,
    Theme,
)
from omtracker.national import counts, figures, stored
from omtracker.national.figures import Cell, NetworkFigures

# programme id, theme id, building block, up, down, same
MovementRow = tuple[int, int, str, int, int, int]


def movement_rows(programme_ids: list[int], edition: str, since: str) -> list[MovementRow]:
    """One statement: per programme and theme, markers that rose, fell or stayed since
    `since`, over the engagements counting in the edition month (as the figures count them)."""
    marks = counts._per_engagement_markers(programme_ids, edition, since)
    # The marks already hold only the listed programmes' markers counting in the edition
    # month; the engagement's state in that month decides whether it counts (§3a).
    stmt = (
        select(
            Theme.programme_id,
            Theme.id,
            Theme.building_block,
            func.sum(marks.c.up),
            func.sum(marks.c.down),
            func.sum(marks.c.same),
        )
        .select_from(marks)
        .join(Engagement, Engagement.id == marks.c.engagement_id)
        .join(EngagementState, state_holds(edition))
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(EngagementState.status.in_(COUNTING), EngagementState.hidden.is_(False))
        .group_by(Theme.programme_id, Theme.id, Theme.building_block)
    )
    return [
        (pid, theme_id, str(block), int(up or 0), int(down or 0), int(same or 0))
        for pid, theme_id, block, up, down, same in db.session.execute(stmt)
    ]


# -- cache: each programme's rows, keyed on its own generation (omtracker.national.stored) ----

KIND = "half-year"


def _cached(programme_ids: list[int], edition: str, since: str) -> tuple[dict, dict]:
    versions = counts._versions(programme_ids, edition)
    found = stored.rows_per_programme(
        KIND, edition, versions, lambda stale: movement_rows(stale, edition, since), tuple
    )
    return versions, found


def cached_rows(programme_ids: list[int], edition: str, since: str) -> list[MovementRow]:
    """Cached or stored rows of unchanged programmes; one statement over the others."""
    found = _cached(programme_ids, edition, since)[1]
    return [row for pid in programme_ids for row in found[pid]]


def store_rows(programme_ids: list[int], edition: str, since: str) -> int:
    """Keep the listed programmes' half-year movement in the database (flask national-warm)."""
    versions, found = _cached(programme_ids, edition, since)
    return stored.store(KIND, edition, versions, found, list)


def clear_cache() -> None:
    stored.clear()


# -- pooling and withholding ---------------------------------------------------------------


@dataclass
class Moved:
    """Movement summed while pooling, and the programmes with a marker rated in both months."""

    up: int = 0
    down: int = 0
    same: int = 0
    behind: set[int] = field(default_factory=set)

    def add(self, programme_id: int, up: int, down: int, same: int) -> None:
        self.up, self.down, self.same = self.up + up, self.down + down, self.same + same
        if up + down + same:
            self.behind.add(programme_id)

    def seal(self, minimum: int) -> Movement | None:
        if 0 < len(self.behind) < minimum:
            return None
        return Movement(self.up, self.down, self.same)


@dataclass
class HalfYear:
    cells: dict[Cell, Moved] = field(default_factory=dict)
    themes: dict[NationalTheme, Moved] = field(default_factory=dict)
    rows: dict[int, dict[NationalTheme, Moved]] = field(default_factory=dict)


def half_year(programme_ids: list[int], edition: str, since: str) -> HalfYear:
    """The movement since `since`, pooled per cell, national theme and programme. The
    national-theme mappings are read fresh, as the figures read them."""
    out = HalfYear()
    if not programme_ids:
        return out
    links = figures._national_links(programme_ids)
    for pid, theme_id, block, up, down, same in cached_rows(programme_ids, edition, since):
        for national in links.get(theme_id, ()):
            out.cells.setdefault((national, BuildingBlock(block)), Moved()).add(pid, up, down, same)
            out.themes.setdefault(national, Moved()).add(pid, up, down, same)
            out.rows.setdefault(pid, {}).setdefault(national, Moved()).add(pid, up, down, same)
    return out


def cell_movements(month: NetworkFigures, moved: HalfYear) -> dict[Cell, Movement | None]:
    """Per listed cell its movement, or None when withheld (with its siblings)."""
    minimum = figures.MIN_PROGRAMMES
    out: dict[Cell, Movement | None] = {}
    for national in NationalTheme:
        keys = [(national, block) for block in month.blocks(national)]
        sealed = {
            key: None if month.cells[key].withheld else moved.cells.get(key, Moved()).seal(minimum)
            for key in keys
        }
        if len(keys) > 1 and None in sealed.values():
            sealed = dict.fromkeys(keys)
        out.update(sealed)
    return out


def theme_movements(month: NetworkFigures, moved: HalfYear) -> dict[NationalTheme, Movement | None]:
    minimum = figures.MIN_PROGRAMMES
    return {
        key: None if cell.withheld else moved.themes.get(key, Moved()).seal(minimum)
        for key, cell in month.themes.items()
    }


def programme_movements(
    month: NetworkFigures, moved: HalfYear
) -> dict[int, dict[NationalTheme, Movement | None]]:
    """Each programme's own movement (never withheld: it chose to share it)."""
    return {
        pid: {
            key: moved.rows.get(pid, {}).get(key, Moved()).seal(0)
            for key, cell in per.items()
            if cell.programmes
        }
        for pid, per in month.rows.items()
    }
