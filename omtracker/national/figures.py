"""Pooled figures across the programmes that share: per national theme and building block.

The rules are those of DESIGN.md §3, pooled over programmes: reached and total markers are
summed over every engagement of every programme before a percentage is taken (never an
average of percentages), stages are counted per engagement, coverage sums written and due
journals, movement sums markers that rose, fell or stayed since the month before.

Cost does not grow with the number of programmes: one grouped statement over all listed
programmes gives, per programme and theme, every count the figures need (tiers, stages,
X programme's counts
are cached under its own generation (read for all listed programmes in one statement), so a
journal saved in one programme recomputes that programme's counts only.

A figure that fewer than `MIN_PROGRAMMES` programmes stand behind is withheld: its object
carries no numbers at all, so no page, export or API answer can show them. A theme mapped to
two national themes counts in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import and_, select

from omtracker.extensions import db
from omtracker.metrics.rules import Attainment, Coverage, Movement
from omtracker.models import (
    BuildingBlock,
    MonitoringNetwork,
    NetworkKind,
    NetworkProgramme,
    Programme,
    Theme,
    ThemeNationalTheme,
)
from omtracker.models.enums import TIER_ORDER, NationalTheme, Tier
from omtracker.national.counts import STAGES, ThemeRow, cached_theme_rows, clear_cache
from omtracker.periods import add_months

__all__ = [
    "MIN_PROGRAMMES",
    "WITHHELD",
    "Figures",
    "NetworkFigures",
    "SharingProgramme",
    "clear_cache",
    "network_figures",
    "sharing_programme_ids",
]

MIN_PROGRAMMES = 3  # a figure from fewer programmes is withheld
Cell = tuple[NationalTheme, BuildingBlock]


@dataclass(frozen=True)
class Figures:
    """The pooled figures of one cell, or a withheld cell that carries no numbers at all.

    `programmes` is how many programmes have at least one engagement counting in the month
    in the cell; None (like every figure) when the cell is withheld. Inside a cell that is
    shown, a part that fewer programmes stand behind is withheld on its own (None): a tier's
    attainment when only one or two programmes have markers of that tier, coverage when only
    one or two have journals due, movement when only one or two have markers rated in both
    months. A part that no programme has at all is an honest zero (0 of 0).
    """

    programmes: int | None = None
    engagements: int | None = None
    tiers: dict[Tier, Attainment | None] | None = None
    stages: dict[str, int] | None = None
    coverage: Coverage | None = None
    movement: Movement | None = None

    @property
    def withheld(self) -> bool:
        return self.programmes is None

    def attainment(self, tier: Tier) -> Attainment | None:
        """The tier's pooled attainment; None when the cell or this tier is withheld."""
        return None if self.tiers is None else self.tiers[tier]


WITHHELD = Figures()


@dataclass(frozen=True)
class SharingProgramme:
    """What a network may know of a programme: its name, municipality and size."""

    id: int
    name: str
    municipality: str
    inhabitants: int | None


@dataclass(frozen=True)
class NetworkFigures:
    """Everything a network page shows for a month: cells per (national theme, building
    block), totals per national theme, and each programme's own row per national theme.

    `cells` holds only the cells at least one programme works in; `themes` every national
    theme; `rows` every listed programme with every national theme (its own figures, never
    withheld: the programme chose to share them)."""

    period: str
    previous: str
    programmes: tuple[SharingProgramme, ...]
    cells: dict[Cell, Figures]
    themes: dict[NationalTheme, Figures]
    rows: dict[int, dict[NationalTheme, Figures]]
    # National themes that a single programme theme maps to more than once (counted in both).
    double_mapped: bool = False

    def cell(self, national_theme: NationalTheme, block: BuildingBlock) -> Figures:
        return self.cells.get((national_theme, block), WITHHELD)

    def blocks(self, national_theme: NationalTheme) -> list[BuildingBlock]:
        """The building blocks in which at least one programme works on the national theme
        (a cell no programme works in is not listed at all, not even as withheld)."""
        return [block for block in BuildingBlock if (national_theme, block) in self.cells]


@dataclass
class _Tally:
    """Plain integer sums while pooling, and which programmes each part comes from; sealed
    into Figures once."""

    programmes: set[int] = field(default_factory=set)
    engagements: int = 0
    tiers: dict[Tier, list[int]] = field(default_factory=lambda: {t: [0, 0] for t in Tier})
    stages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    coverage: list[int] = field(default_factory=lambda: [0, 0, 0])
    movement: list[int] = field(default_factory=lambda: [0, 0, 0])
    behind: dict[str, set[int]] = field(default_factory=dict)  # part -> its programmes

    def _counts(self, part: str, programme_id: int) -> None:
        self.behind.setdefault(part, set()).add(programme_id)

    def add(self, row: ThemeRow) -> None:
        if row.engagements:
            self.programmes.add(row.programme_id)
        self.engagements += row.engagements
        for tier in Tier:
            self.tiers[tier][0] += row.tiers[tier][0]
            self.tiers[tier][1] += row.tiers[tier][1]
            if row.tiers[tier][1]:
                self._counts(tier.value, row.programme_id)
        for stage in STAGES:
            self.stages[stage] += row.stages[stage]
        for i in range(3):
            self.coverage[i] += row.coverage[i]
            self.movement[i] += row.movement[i]
        if row.coverage[1]:
            self._counts("coverage", row.programme_id)
        if sum(row.movement):
            self._counts("movement", row.programme_id)

    def _shown(self, part: str, minimum: int) -> bool:
        """A part nobody has is an honest zero; one from too few programmes is withheld."""
        return not 0 < len(self.behind.get(part, ())) < minimum

    def seal(self, minimum: int) -> Figures:
        if len(self.programmes) < minimum:
            return WITHHELD
        return Figures(
            programmes=len(self.programmes),
            engagements=self.engagements,
            tiers={
                tier: Attainment(*self.tiers[tier]) if self._shown(tier.value, minimum) else None
                for tier in TIER_ORDER
            },
            stages=dict(self.stages),
            coverage=Coverage(*self.coverage) if self._shown("coverage", minimum) else None,
            movement=Movement(*self.movement) if self._shown("movement", minimum) else None,
        )


# -- which programmes count ---------------------------------------------------------------


def sharing_programme_ids(network: MonitoringNetwork | None = None) -> list[int]:
    """The programmes whose figures a network reads: those that share and are not archived;
    a regional network only those it lists. One statement.

    Demo programmes are no exception: sharing is an explicit choice per programme (off by
    default, the demo seed leaves it off), so a demo programme counts only once it shares.
    """
    stmt = select(Programme.id).where(
        Programme.shares_with_network.is_(True), Programme.archived.is_(False)
    )
    if network is not None and network.kind == NetworkKind.regional:
        stmt = stmt.join(
            NetworkProgramme,
            and_(
                NetworkProgramme.programme_id == Programme.id,
                NetworkProgramme.network_id == network.id,
            ),
        )
    return list(db.session.scalars(stmt.order_by(Programme.id)))


def _national_links(programme_ids: list[int]) -> dict[int, list[NationalTheme]]:
    stmt = (
        select(ThemeNationalTheme.theme_id, ThemeNationalTheme.national_theme)
        .join(Theme, Theme.id == ThemeNationalTheme.theme_id)
        .where(Theme.programme_id.in_(programme_ids))
    )
    links: dict[int, list[NationalTheme]] = {}
    for theme_id, national in db.session.execute(stmt):
        links.setdefault(theme_id, []).append(NationalTheme(national))
    return links


def _sharing_programmes(programme_ids: list[int]) -> tuple[SharingProgramme, ...]:
    stmt = (
        select(Programme.id, Programme.name, Programme.municipality, Programme.inhabitants)
        .where(Programme.id.in_(programme_ids))
        .order_by(Programme.municipality, Programme.name)
    )
    return tuple(
        SharingProgramme(pid, name, municipality or name, inhabitants)
        for pid, name, municipality, inhabitants in db.session.execute(stmt)
    )


def _compute(programme_ids: list[int], period: str, minimum: int) -> NetworkFigures:
    """Pool the programmes' counts per cell, national theme and programme. Mappings to
    national themes and names are read fresh (two small statements): they are not part of
    the programmes' generations, so they are never cached."""
    links = _national_links(programme_ids)
    cells: dict[Cell, _Tally] = {}
    themes: dict[NationalTheme, _Tally] = {}
    rows: dict[int, dict[NationalTheme, _Tally]] = {pid: {} for pid in programme_ids}
    for row in cached_theme_rows(programme_ids, period):
        for national in links.get(row.theme_id, ()):
            cells.setdefault((national, row.building_block), _Tally()).add(row)
            themes.setdefault(national, _Tally()).add(row)
            rows[row.programme_id].setdefault(national, _Tally()).add(row)
    return NetworkFigures(
        period=period,
        previous=add_months(period, -1),
        programmes=_sharing_programmes(programme_ids),
        cells=_no_differences({key: tally.seal(minimum) for key, tally in cells.items()}),
        themes={key: themes.get(key, _Tally()).seal(minimum) for key in NationalTheme},
        rows={
            pid: {key: per.get(key, _Tally()).seal(0) for key in NationalTheme}
            for pid, per in rows.items()
        },
        double_mapped=any(len(nationals) > 1 for nationals in links.values()),
    )


def _no_differences(cells: dict[Cell, Figures]) -> dict[Cell, Figures]:
    """Secondary suppression: a national theme's total minus its shown building blocks would
    give a withheld block's figure, so when one block (or one part of it) is withheld, that
    part is withheld in every block of the national theme (the total stays)."""
    out = dict(cells)
    for national in NationalTheme:
        keys = [(national, block) for block in BuildingBlock if (national, block) in cells]
        shown = [cells[key] for key in keys]
        if len(keys) < 2:
            continue
        if any(f.withheld for f in shown):
            out.update(dict.fromkeys(keys, WITHHELD))
            continue
        hidden_tiers = {t for f in shown for t in TIER_ORDER if f.tiers[t] is None}
        no_coverage = any(f.coverage is None for f in shown)
        no_movement = any(f.movement is None for f in shown)
        for key, f in zip(keys, shown, strict=True):
            out[key] = replace(
                f,
                tiers={t: None if t in hidden_tiers else a for t, a in f.tiers.items()},
                coverage=None if no_coverage else f.coverage,
                movement=None if no_movement else f.movement,
            )
    return out


# -- public --------------------------------------------------------------------------------


def network_figures(
    programme_ids: Iterable[int], period: str, minimum: int = MIN_PROGRAMMES
) -> NetworkFigures:
    """The pooled figures of `period` over these programmes (the caller has decided that they
    may be read: see `sharing_programme_ids`). Four statements whatever their number (the
    programmes' generations, their counts for the programmes not cached, the national-theme
    mappings, the names); three when no listed programme changed since the last call."""
    ids = sorted(set(programme_ids))
    if not ids:
        return NetworkFigures(
            period=period,
            previous=add_months(period, -1),
            programmes=(),
            cells={},
            themes=dict.fromkeys(NationalTheme, WITHHELD),
            rows={},
        )
    return _compute(ids, period, minimum)
