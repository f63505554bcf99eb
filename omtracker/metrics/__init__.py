"""The numbers of DESIGN.md §3. Every screen, export and API answer uses these and nothing else."""

from omtracker.metrics.coverage import (
    OverdueEngagement,
    coverage,
    coverage_by,
    dormant_partners,
    overdue,
    partner_last_periods,
)
from omtracker.metrics.levels import (
    attainment_by,
    current_levels,
    latest_levels,
    marker_history,
    movement,
    stage_distribution,
    stages,
    tier_attainment,
)
from omtracker.metrics.rules import (
    Attainment,
    Coverage,
    Movement,
    is_due,
    is_overdue,
    is_reached,
    marker_counts_in,
    overdue_since,
    stage_of,
)
from omtracker.metrics.scope import Scope

__all__ = [
    "Attainment",
    "Coverage",
    "Movement",
    "OverdueEngagement",
    "Scope",
    "attainment_by",
    "coverage",
    "coverage_by",
    "current_levels",
    "dormant_partners",
    "is_due",
    "is_overdue",
    "is_reached",
    "latest_levels",
    "marker_counts_in",
    "marker_history",
    "movement",
    "overdue",
    "overdue_since",
    "partner_last_periods",
    "stage_distribution",
    "stage_of",
    "stages",
    "tier_attainment",
]
