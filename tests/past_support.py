"""A small programme with months of history, and every figure of a month, for "the past stays
the past" (issue 11, DESIGN.md §3a): the tests take the figures of the past months, make a
write, and take them again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from omtracker.extensions import db
from omtracker.metrics import (
    Scope,
    attainment_by,
    cache,
    coverage,
    coverage_by,
    dormant_partners,
    movement,
    overdue,
    stages,
    tier_attainment,
)
from omtracker.metrics.rules import last_day
from omtracker.metrics.trends import attainment_trend, coverage_trend, stage_counts_by
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    PartnerType,
    Programme,
    ProgressMarker,
    Theme,
    Tier,
)
from omtracker.network.graph import NetworkFilter
from omtracker.network.graph import _load as graph_rows
from omtracker.periods import add_months, period_range

FIRST = "2026-05"
THIS_MONTH = "2026-11"  # the suite's clock: 16 November 2026
MONTHS = period_range(FIRST, THIS_MONTH)
PAST = MONTHS[:-1]


@dataclass
class Built:
    programme_id: int
    theme_ids: list[int] = field(default_factory=list)
    opgave_ids: list[int] = field(default_factory=list)
    partner_ids: list[int] = field(default_factory=list)
    engagement_ids: list[int] = field(default_factory=list)


def build_programme(seed: int, engagements: int = 6) -> Built:
    """Two themes, three opgaven, five partners; engagements with 2–4 markers each, started in
    different months, monthly or quarterly, with journals that rate their markers."""
    rng = random.Random(seed)
    prog = Programme(slug=f"past{seed}", name=f"Verleden {seed}")
    db.session.add(prog)
    db.session.flush()
    themes = [
        Theme(programme=prog, number=n + 1, name=f"Thema {n + 1}", building_block=block)
        for n, block in enumerate((BuildingBlock.software, BuildingBlock.hardware))
    ]
    opgaven = [Opgave(theme=themes[n % 2], title=f"Opgave {n + 1}") for n in range(3)]
    partners = [
        Partner(programme=prog, name=f"Partner {n + 1}", type=PartnerType.club) for n in range(5)
    ]
    db.session.add_all([*themes, *opgaven, *partners])
    db.session.flush()
    built = Built(
        prog.id,
        [t.id for t in themes],
        [o.id for o in opgaven],
        [p.id for p in partners],
    )
    pairs = rng.sample([(p, o) for p in partners for o in opgaven], engagements)
    for partner, opgave in pairs:
        start = rng.choice(MONTHS[:4])
        engagement = Engagement(
            partner=partner,
            opgave=opgave,
            start_date=date(int(start[:4]), int(start[5:]), 1),
            monitoring_frequency_months=rng.choice([1, 1, 2, 3]),
        )
        db.session.add(engagement)
        markers = [
            ProgressMarker(
                engagement=engagement,
                tier=rng.choice(list(Tier)),
                position=n,
                text=f"Markering {n + 1}",
                first_period=rng.choice([start, rng.choice(MONTHS[:6])]),
            )
            for n in range(rng.randint(2, 4))
        ]
        db.session.add_all(markers)
        db.session.flush()
        built.engagement_ids.append(engagement.id)
        for month in period_range(start, THIS_MONTH):
            if rng.random() < 0.3:
                continue
            entry = JournalEntry(engagement=engagement, period=month, change_description="x")
            db.session.add(entry)
            db.session.flush()
            for marker in markers:
                if marker.first_period <= month and rng.random() < 0.7:
                    db.session.add(
                        MarkerRating(entry=entry, marker=marker, level=rng.randint(0, 3))
                    )
    db.session.flush()
    return built


def scopes(built: Built) -> list[Scope]:
    """The programme (roll-up path), each theme (roll-up) and each opgave (straight SQL)."""
    pid = built.programme_id
    return [
        Scope(pid),
        *(Scope(pid, theme_id=t) for t in built.theme_ids),
        *(Scope(pid, opgave_id=o) for o in built.opgave_ids),
    ]


def month_figures(built: Built, month: str, with_partners: bool = True) -> dict[str, Any]:
    """Every figure of `month`: attainment per tier, stages, coverage, overdue, movement,
    per scope and per group, the trends' values for the month, and the dormant partners."""
    out: dict[str, Any] = {}
    for scope in scopes(built):
        key = (scope.theme_id, scope.opgave_id)
        out[f"tiers{key}"] = tier_attainment(scope, month)
        out[f"stages{key}"] = stages(scope, month)
        out[f"coverage{key}"] = coverage(scope, month)
        out[f"overdue{key}"] = sorted(
            (row.engagement_id, row.due_since) for row in overdue(scope, last_day(month))
        )
        out[f"movement{key}"] = movement(scope, add_months(month, -1), month)
    whole = Scope(built.programme_id)
    out["attainment_by_opgave"] = attainment_by(whole, month, "opgave")
    out["coverage_by_theme"] = coverage_by(whole, month, "theme")
    out["stage_counts"] = stage_counts_by(whole, month, "theme")
    network = graph_rows(built.programme_id, NetworkFilter(period=month))
    out["network_engagements"] = sorted(
        (e.id, e.opgave_id, e.entries, e.last_period) for e in network.engagements
    )
    # Every opgave engaged in the month is still a node (an opgave with no partner engaged
    # then may leave the map once archived: a node, not a figure).
    out["network_opgaven"] = {e.opgave_id for e in network.engagements} <= {
        o.id for o in network.opgaven
    }
    if with_partners:
        out["dormant"] = dormant_partners(built.programme_id, month)
        out["network_partners"] = sorted((e.id, e.partner_id) for e in network.engagements)
    return out


def past_figures(built: Built, with_partners: bool = True, fresh: bool = False) -> dict:
    """The figures of every month before this one, plus the trends over them."""
    if fresh:
        cache.clear()
    figures = {month: month_figures(built, month, with_partners) for month in PAST}
    whole = Scope(built.programme_id)
    figures["attainment_trend"] = attainment_trend(whole, PAST[0], PAST[-1], "theme")
    figures["coverage_trend"] = coverage_trend(whole, PAST[0], PAST[-1], "theme")
    return figures


def differences(before: dict, after: dict) -> list[str]:
    """What changed, readable in a failure message."""
    out = []
    for month in before:
        if before[month] == after.get(month):
            continue
        if not isinstance(before[month], dict) or month not in PAST:
            out.append(f"{month}: {before[month]!r} -> {after.get(month)!r}")
            continue
        for name, value in before[month].items():
            if value != after[month].get(name):
                out.append(f"{month} {name}: {value!r} -> {after[month].get(name)!r}")
    return out
