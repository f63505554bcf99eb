"""The national May and November roll-up (issue 17, item 5) across the programmes that share.

The Werkplan Sportakkoord II has the national monitor report every May (more quantitative) and
every November (more qualitative). An edition is named after its month and covers the half year
up to and including that month: 2026-11 covers June to November 2026. Its figures are the pooled
figures of `omtracker.national.figures` at the edition month, per national theme and building
block, with the movement over the half year: markers rated both at the previous edition's month
and at this one whose level rose, fell or stayed (DESIGN.md §3 rule 6). A figure fewer than three
programmes stand behind is withheld, its movement too. The page, the XLSX and the API read the
same `Rollup`, so they cannot disagree.

Editions are offered from the first one whose half year has journals of a sharing programme, up
to the latest whose month has come (this month included: its figures are then the state so far).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from omtracker import clock, labels
from omtracker.extensions import db
from omtracker.metrics.rules import Attainment, Movement
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MonitoringNetwork,
    NationalTheme,
    Opgave,
    Role,
    Theme,
)
from omtracker.models.enums import TIER_ORDER
from omtracker.national import figures
from omtracker.national import rollup_movement as movement
from omtracker.national.access import network_of
from omtracker.national.figures import Cell, Figures, NetworkFigures
from omtracker.national.sizes import size_class
from omtracker.periods import add_months, format_period, is_period

EDITION_MONTHS = {5: "quantitative", 11: "qualitative"}
HALF_YEAR = 6


class EditionRefused(BadRequest):
    """?editie= that is not a May or November, or one still to come."""


# -- editions ------------------------------------------------------------------------------


def is_edition(value: str | None) -> bool:
    return is_period(value) and int(value[5:]) in EDITION_MONTHS


def edition_of(month: str) -> str:
    """The latest edition whose month is `month` or before it."""
    while int(month[5:]) not in EDITION_MONTHS:
        month = add_months(month, -1)
    return month


def half_year_start(edition: str) -> str:
    return add_months(edition, -(HALF_YEAR - 1))


def kind_of(edition: str) -> str:
    """May counts (quantitative), November tells (qualitative)."""
    return EDITION_MONTHS[int(edition[5:])]


def first_month_with_data(programme_ids: list[int]) -> str | None:
    """The earliest month with a journal of one of these programmes (one statement, which
    the period index answers from its start)."""
    if not programme_ids:
        return None
    return db.session.scalar(
        select(JournalEntry.period)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id.in_(programme_ids))
        .order_by(JournalEntry.period)
        .limit(1)
    )


def editions(first_month: str | None, this_month: str | None = None) -> list[str]:
    """Newest first: the latest edition that has come, back to the first whose half year holds
    `first_month` (just the latest when there is no data yet)."""
    out = [edition_of(this_month or clock.this_month())]
    if first_month is None:
        return out
    first = edition_of(add_months(first_month, HALF_YEAR - 1))
    while add_months(out[-1], -HALF_YEAR) >= first:
        out.append(add_months(out[-1], -HALF_YEAR))
    return out


def requested_edition(value: str | None, offered: list[str]) -> str:
    """The edition asked for: absent means the newest offered; anything else must be a May
    or November that has come."""
    if value is None or value == "":
        return offered[0]
    if not is_edition(value):
        raise EditionRefused(
            description=_("Kies een editie van mei of november (JJJJ-05 of JJJJ-11).")
        )
    if value > offered[0]:
        raise EditionRefused(
            description=_("De editie %(edition)s is er nog niet.", edition=format_period(value))
        )
    return value


# -- who may read --------------------------------------------------------------------------


def readable_network(user: Any) -> MonitoringNetwork | None:
    """The network a reader reads for (one rule for the whole app: `access.network_of`)."""
    if user.role == Role.admin:
        return None
    return network_of(user)


def readable_programme_ids(user: Any) -> list[int] | None:
    """The sharing programmes this person may read the roll-up of: a network's readers those
    of their network, administrators every sharing programme; None for everyone else."""
    if user.role == Role.admin:
        return figures.sharing_programme_ids()
    network = readable_network(user)
    if network is None:
        return None
    return figures.sharing_programme_ids(network)


# -- the roll-up ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rollup:
    edition: str
    kind: str  # quantitative (May) or qualitative (November)
    start: str  # the first month of the half year
    since: str  # the previous edition's month: movement runs from there to the edition
    figures: NetworkFigures
    # Movement since `since`; None where withheld (fewer than three programmes behind it).
    movement: dict[Cell, Movement | None]
    theme_movement: dict[NationalTheme, Movement | None]
    programme_movement: dict[int, dict[NationalTheme, Movement | None]]

    def cell_movement(self, national: NationalTheme, block: BuildingBlock) -> Movement | None:
        return self.movement.get((national, block))

    def blocks(self, national: NationalTheme) -> list[tuple[BuildingBlock, Figures]]:
        """The building blocks in which some programme works on this national theme."""
        return [
            (block, self.figures.cells[(national, block)])
            for block in self.figures.blocks(national)
        ]


def build_rollup(programme_ids: list[int], edition: str) -> Rollup:
    """The edition's figures over these programmes (the caller has decided they may be read).
    Statements do not grow with the number of programmes; both parts cache each programme's
    counts under its own generation, so a journal saved in one programme recomputes only
    that programme's."""
    ids = sorted(set(programme_ids))
    since = add_months(edition, -HALF_YEAR)
    month = figures.network_figures(ids, edition)
    moved = movement.half_year(ids, edition, since)
    return Rollup(
        edition=edition,
        kind=kind_of(edition),
        start=half_year_start(edition),
        since=since,
        figures=month,
        movement=movement.cell_movements(month, moved),
        theme_movement=movement.theme_movements(month, moved),
        programme_movement=movement.programme_movements(month, moved),
    )


# -- as plain data (the API, the XLSX) -----------------------------------------------------


def _attainment(value: Attainment | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"reached": value.reached, "total": value.total, "pct": value.pct}


def figures_json(cell: Figures, moved: Movement | None, since: str, edition: str) -> dict:
    """One figure as JSON: every number null when withheld (fewer than three programmes), and
    a part (a tier, coverage, movement) null when only one or two programmes have it."""
    if cell.withheld:
        return {
            "withheld": True,
            "programmes": None,
            "engagements": None,
            "tier_attainment": None,
            "stage_distribution": None,
            "coverage": None,
            "movement": None,
        }
    coverage = cell.coverage
    return {
        "withheld": False,
        "programmes": cell.programmes,
        "engagements": cell.engagements,
        "tier_attainment": {t.value: _attainment(cell.tiers[t]) for t in TIER_ORDER},
        "stage_distribution": dict(cell.stages),
        "coverage": None
        if coverage is None
        else {"written": coverage.written, "due": coverage.due, "pct": coverage.pct},
        "movement": None
        if moved is None
        else {
            "from": since,
            "to": edition,
            "up": moved.up,
            "down": moved.down,
            "same": moved.same,
        },
    }


def rollup_json(rollup: Rollup) -> dict[str, Any]:
    """The roll-up as the API answers it: aggregated numbers, municipality names and size
    classes only."""
    month = rollup.figures

    def fig(cell: Figures, moved: Movement | None) -> dict[str, Any]:
        return figures_json(cell, moved, rollup.since, rollup.edition)

    return {
        "edition": rollup.edition,
        "kind": rollup.kind,
        "start": rollup.start,
        "end": rollup.edition,
        "movement_since": rollup.since,
        "programmes": len(month.programmes),
        "min_programmes": figures.MIN_PROGRAMMES,
        "national_themes": [
            {
                "national_theme": national.value,
                "label": str(labels.NATIONAL_THEME[national]),
                "total": fig(month.themes[national], rollup.theme_movement.get(national)),
                "building_blocks": [
                    {
                        "building_block": block.value,
                        **fig(cell, rollup.cell_movement(national, block)),
                    }
                    for block, cell in rollup.blocks(national)
                ],
            }
            for national in NationalTheme
        ],
        "programme_rows": [
            {
                "programme_id": programme.id,
                "municipality": programme.municipality,
                "size_class": _size(programme.inhabitants),
                "national_themes": [
                    {
                        "national_theme": national.value,
                        **fig(cell, rollup.programme_movement.get(programme.id, {}).get(national)),
                    }
                    for national, cell in month.rows.get(programme.id, {}).items()
                    if cell.programmes
                ],
            }
            for programme in month.programmes
        ],
    }


def _size(inhabitants: int | None) -> str | None:
    found = size_class(inhabitants)
    return None if found is None else found.value
