"""Outcome Mapping beyond the ladder: vision and mission, the monitoring and evaluation plans,
organisational practices and the performance journal, harvested outcomes, L/M/H rubrics, and the
page that says which numbers are Outcome Mapping and which are omtracker's own conventions.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("plans", __name__)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(
        app, "plans.index", _l("Outcome Mapping"), order=25, visible=lambda u: u.is_authenticated
    )


from omtracker.plans import (  # noqa: E402,F401
    harvest_routes,
    performance_routes,
    plan_routes,
    routes,
)
