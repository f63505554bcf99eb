"""The coordinator dashboard: how the programme moves, per building block, theme and opgave.

Coordinators, administrators and the board read it; it changes nothing.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def can_read_dashboard(user) -> bool:  # noqa: ANN001
    from omtracker.permissions import is_board, is_coordinator

    return is_coordinator(user) or is_board(user)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(app, "dashboard.index", _l("Dashboard"), order=40, visible=can_read_dashboard)


from omtracker.dashboard import routes  # noqa: E402,F401
