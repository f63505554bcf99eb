"""The coordinator dashboard: how the programme moves, per building block, theme and opgave.

Coordinators, administrators and the board read it; a theme leader reads their own theme's
pages. It changes nothing.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def can_read_dashboard(user) -> bool:  # noqa: ANN001
    from omtracker.permissions import is_board, is_coordinator

    return is_coordinator(user) or is_board(user)


def leads_theme(user, theme_id: int | None = None) -> bool:  # noqa: ANN001
    """A theme leader reads their own theme's dashboard pages (any theme when no id is given)."""
    from omtracker.models import MembershipRole

    if not (user and user.is_authenticated):
        return False
    return any(
        m.role == MembershipRole.lead and (theme_id is None or m.theme_id == theme_id)
        for m in user.memberships
    )


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(app, "dashboard.index", _l("Dashboard"), order=40, visible=can_read_dashboard)


from omtracker.dashboard import routes  # noqa: E402,F401
