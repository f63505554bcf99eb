"""The Outcome Mapping hub (vision, mission and every plan in one place) and "Zo rekenen we"."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from omtracker.context import current_programme
from omtracker.periods import current_period
from omtracker.plans import bp, queries
from omtracker.plans.access import can_edit_scope, may_harvest


@bp.get("/outcome-mapping")
@login_required
def index():
    programme = current_programme()
    now = current_period()
    return render_template(
        "plans/index.html",
        programme=programme,
        themes=queries.themes(programme.id),
        monitoring=queries.plan_valid_in(queries.monitoring_plans(programme.id, None), now),
        evaluation_count=len(queries.evaluation_items(programme.id)),
        outcome_count=len(queries.outcomes(programme.id)),
        can_edit=can_edit_scope(current_user, programme.id, None),
        can_harvest=may_harvest(current_user, programme.id),
    )


@bp.get("/zo-rekenen-we")
def how_we_count():
    """Which numbers are Outcome Mapping and which are omtracker's own conventions (public)."""
    return render_template("plans/how_we_count.html")
