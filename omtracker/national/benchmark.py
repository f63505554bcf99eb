"""A programme's own figures beside similar municipalities (issue 17).

Similar = the other programmes that share, in the same size class by inhabitants. Sharing is
reciprocal: a programme sees the comparison only when it shares its own figures too. The
comparison is pooled like every network figure and withheld under `MIN_PROGRAMMES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import NationalTheme, Programme
from omtracker.national.figures import (
    MIN_PROGRAMMES,
    WITHHELD,
    Figures,
    network_figures,
    sharing_programme_ids,
)
from omtracker.national.sizes import SizeClass, size_class


@dataclass(frozen=True)
class Benchmark:
    """What the benchmark page shows. `reason` says why there is no comparison (None: there
    is one, possibly withheld per national theme)."""

    period: str
    size_class: SizeClass | None
    own: dict[NationalTheme, Figures]
    similar: dict[NationalTheme, Figures]
    reason: str | None  # "not_sharing" | "no_inhabitants" | "too_few" | None
    double_mapped: bool = False


def similar_programme_ids(programme: Programme) -> list[int]:
    """The other sharing programmes in the programme's size class (one statement)."""
    own_class = size_class(programme.inhabitants)
    if own_class is None:
        return []
    ids = sharing_programme_ids()
    if not ids:
        return []
    stmt = select(Programme.id, Programme.inhabitants).where(Programme.id.in_(ids))
    return [
        pid
        for pid, inhabitants in db.session.execute(stmt)
        if pid != programme.id and size_class(inhabitants) == own_class
    ]


def benchmark(programme: Programme, period: str) -> Benchmark:
    """The programme's own figures per national theme and, when it may see them, those of
    similar municipalities."""
    own = network_figures([programme.id], period, minimum=0)
    own_rows = own.rows[programme.id]
    nothing = dict.fromkeys(NationalTheme, WITHHELD)
    own_class = size_class(programme.inhabitants)
    reason = None
    similar = nothing
    if not programme.shares_with_network:
        reason = "not_sharing"
    elif own_class is None:
        reason = "no_inhabitants"
    else:
        ids = similar_programme_ids(programme)
        if len(ids) < MIN_PROGRAMMES:
            reason = "too_few"
        else:
            similar = network_figures(ids, period).themes
    return Benchmark(
        period=period,
        size_class=own_class,
        own=own_rows,
        similar=similar,
        reason=reason,
        double_mapped=own.double_mapped,
    )
