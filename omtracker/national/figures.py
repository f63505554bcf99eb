"""Pooled figures across the programmes that share: per national theme and building block.

The rules are those of DESIGN.md §3, pooled over programmes: reached and total markers are
summed over every engagement of every programme before a percentage is taken (never an
average of percentages), stages are counted per engagement, coverage sums written and due
journals, movement sums markers that rose, fell or stayed since the month before.

Cost does not grow with the number of programmes: one grouped statement over all listed
programmes gives, per programme and theme, every count the figures need (tiers, stages,
coverage, movement); a second gives the themes' national themes. The result is cached under
the generations of all listed programmes (one statement), so a journal saved anywhere
recomputes it and nothing else does.

A figure that fewer than `MIN_PROGRAMMES` programmes stand behind is withheld: its object
carries no numbers at all, so no page, export or API answer can show them. A theme mapped to
two national themes counts in both.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select

from omtracker.extensions import db
from omtracker.metrics.cache import history_boundary
from omtracker.metrics.levels import counting_in, level_as_of
from omtracker.metrics.rules import REACHED_LEVEL, Attainment, Coverage, Movement
from omtracker.metrics.scope import COUNTING, state_holds
from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    JournalEntry,
    MetricsGeneration,
    MonitoringNetwork,
    NetworkKind,
    NetworkProgramme,
    Opgave,
    Programme,
    ProgressMarker,
    Theme,
    ThemeNationalTheme,
)
from omtracker.models.enums import TIER_ORDER, NationalTheme, Tier
from omtracker.periods import add_months, current_period, parse_period

MIN_PROGRAMMES = 3  # a figure from fewer programmes is withheld
STAGES = ("not_started", "expect", "like", "love")
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

    def add(self, row: _ThemeRow) -> None:
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


@dataclass(frozen=True)
class _ThemeRow:
    programme_id: int
    theme_id: int
    building_block: BuildingBlock
    engagements: int
    tiers: dict[Tier, tuple[int, int]]
    stages: dict[str, int]
    coverage: tuple[int, int, int]  # written, due, unchanged
    movement: tuple[int, int, int]  # up, down, same


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


# -- the grouped statements ---------------------------------------------------------------


def _month_number(column: Any) -> Any:
    """SQL: a 'YYYY-MM' column as year * 12 + month (SQLite and PostgreSQL alike)."""
    return cast(func.substr(column, 1, 4), Integer) * 12 + cast(func.substr(column, 6, 2), Integer)


def _per_engagement_markers(programme_ids: list[int], period: str, previous: str) -> Any:
    """Subquery per engagement of the listed programmes: total and reached markers per tier
    counting in `period`, and markers that rose, fell or stayed since `previous` (rule 6)."""
    now, before = level_as_of(period), level_as_of(previous)
    levels = (
        select(
            ProgressMarker.engagement_id.label("engagement_id"),
            ProgressMarker.tier.label("tier"),
            now.label("now"),
            before.label("before"),
        )
        .join(Engagement, Engagement.id == ProgressMarker.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .where(Theme.programme_id.in_(programme_ids), counting_in(period))
        .subquery("levels")
    )
    columns = []
    for tier in TIER_ORDER:
        is_tier = levels.c.tier == tier
        columns.append(func.sum(case((is_tier, 1), else_=0)).label(f"{tier.value}_total"))
        reached = and_(is_tier, levels.c.now >= int(REACHED_LEVEL))
        columns.append(func.sum(case((reached, 1), else_=0)).label(f"{tier.value}_reached"))
    columns += [
        func.sum(case((levels.c.now > levels.c.before, 1), else_=0)).label("up"),
        func.sum(case((levels.c.now < levels.c.before, 1), else_=0)).label("down"),
        func.sum(case((levels.c.now == levels.c.before, 1), else_=0)).label("same"),
    ]
    return (
        select(levels.c.engagement_id, *columns)
        .group_by(levels.c.engagement_id)
        .subquery("per_engagement")
    )


def _stage(marks: Any) -> Any:
    """SQL: rule 4 per engagement from its per-tier sums (a tier without markers neither
    blocks nor earns a stage)."""
    total = {t: func.coalesce(getattr(marks.c, f"{t.value}_total"), 0) for t in TIER_ORDER}
    hits = {t: func.coalesce(getattr(marks.c, f"{t.value}_reached"), 0) for t in TIER_ORDER}
    attained = {t: and_(total[t] > 0, 2 * hits[t] >= total[t]) for t in TIER_ORDER}
    passes = {t: or_(total[t] == 0, 2 * hits[t] >= total[t]) for t in TIER_ORDER}
    expect, like, love = TIER_ORDER
    return case(
        (and_(attained[love], passes[like], passes[expect]), "love"),
        (and_(attained[like], passes[expect]), "like"),
        (attained[expect], "expect"),
        else_="not_started",
    )


def _theme_rows(programme_ids: list[int], period: str) -> list[_ThemeRow]:
    """One statement: per programme and theme, every count behind the figures of `period`,
    under the engagement state valid in that month (DESIGN.md §3a)."""
    previous = add_months(period, -1)
    marks = _per_engagement_markers(programme_ids, period, previous)
    entry_flag = (
        select(func.max(case((JournalEntry.no_change_seen.is_(True), 1), else_=0)))
        .where(
            JournalEntry.engagement_id == Engagement.id,
            JournalEntry.period == period,
            JournalEntry.observed.is_(True),
        )
        .correlate(Engagement)
        .scalar_subquery()
    )
    year, month = parse_period(period)
    frequency = case(
        (EngagementState.monitoring_frequency_months < 1, 1),
        else_=EngagementState.monitoring_frequency_months,
    )
    due = and_(
        EngagementState.status == "active",
        EngagementState.schedule_from <= period,
        (literal(year * 12 + month) - _month_number(EngagementState.schedule_from)) % frequency
        == 0,
    )
    stage = _stage(marks)
    columns = [
        Theme.programme_id,
        Theme.id,
        Theme.building_block,
        func.count(Engagement.id),
    ]
    for tier in TIER_ORDER:
        for what in ("reached", "total"):
            column = getattr(marks.c, f"{tier.value}_{what}")
            columns.append(func.coalesce(func.sum(column), 0))
    columns += [func.sum(case((stage == name, 1), else_=0)) for name in STAGES]
    columns += [
        func.sum(case((and_(due, entry_flag.is_not(None)), 1), else_=0)),
        func.sum(case((due, 1), else_=0)),
        func.sum(case((and_(due, entry_flag == 1), 1), else_=0)),
        func.coalesce(func.sum(marks.c.up), 0),
        func.coalesce(func.sum(marks.c.down), 0),
        func.coalesce(func.sum(marks.c.same), 0),
    ]
    stmt = (
        select(*columns)
        .select_from(Engagement)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Theme, Theme.id == Opgave.theme_id)
        .join(EngagementState, state_holds(period))
        .outerjoin(marks, marks.c.engagement_id == Engagement.id)
        .where(
            Theme.programme_id.in_(programme_ids),
            EngagementState.status.in_(COUNTING),
            EngagementState.hidden.is_(False),
        )
        .group_by(Theme.programme_id, Theme.id, Theme.building_block)
    )
    out = []
    for row in db.session.execute(stmt):
        values = [int(v or 0) for v in row[3:]]
        tiers = {tier: (values[1 + 2 * i], values[2 + 2 * i]) for i, tier in enumerate(TIER_ORDER)}
        stages = dict(zip(STAGES, values[7:11], strict=True))
        out.append(
            _ThemeRow(
                programme_id=row[0],
                theme_id=row[1],
                building_block=BuildingBlock(row[2]),
                engagements=values[0],
                tiers=tiers,
                stages=stages,
                coverage=(values[11], values[12], values[13]),
                movement=(values[14], values[15], values[16]),
            )
        )
    return out


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
    links = _national_links(programme_ids)
    cells: dict[Cell, _Tally] = {}
    themes: dict[NationalTheme, _Tally] = {}
    rows: dict[int, dict[NationalTheme, _Tally]] = {pid: {} for pid in programme_ids}
    for row in _theme_rows(programme_ids, period):
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


# -- cache: keyed on every listed programme's generation ----------------------------------

_lock = threading.Lock()
_entries: OrderedDict[tuple, NetworkFigures] = OrderedDict()
MAX_ENTRIES = 64


def _version(programme_ids: list[int], period: str) -> str:
    """One statement: a digest of the listed programmes' tokens. A month before the recent
    ones depends on the history tokens only (and on this month, as in metrics.cache)."""
    historic = period < history_boundary()
    column = MetricsGeneration.history_token if historic else MetricsGeneration.token
    tokens = dict(
        db.session.execute(
            select(MetricsGeneration.id, column).where(MetricsGeneration.id.in_(programme_ids))
        ).all()
    )
    digest = hashlib.sha1(usedforsecurity=False)
    for pid in programme_ids:
        digest.update(f"{pid}:{tokens.get(pid, 'none')};".encode())
    if historic:
        digest.update(current_period().encode())
    return digest.hexdigest()


def _cached(key: tuple, programme_ids: list[int], period: str, compute: Callable) -> Any:
    full_key = (*key, _version(programme_ids, period))
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear_cache() -> None:
    with _lock:
        _entries.clear()


# -- public --------------------------------------------------------------------------------


def network_figures(
    programme_ids: Iterable[int], period: str, minimum: int = MIN_PROGRAMMES
) -> NetworkFigures:
    """The pooled figures of `period` over these programmes (the caller has decided that they
    may be read: see `sharing_programme_ids`). At most five statements, whatever their number;
    two when nothing changed since the last call."""
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
    key = ("network", period, tuple(ids), minimum)
    return _cached(key, ids, period, lambda: _compute(ids, period, minimum))
