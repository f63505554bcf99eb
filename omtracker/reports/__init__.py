"""The board's monthly status report: live view, publication as a frozen snapshot, exports.

A published report is the programme's word to its board for that month, so it is stored as a
plain JSON snapshot when the coordinator publishes it and rendered from that snapshot ever
after (DESIGN.md §3 rule 7). The live view keeps moving and says what changed since.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("reports", __name__, url_prefix="/rapportage")


def can_read_reports(user) -> bool:  # noqa: ANN001
    """Coordinators, administrators and the board read the reports."""
    from omtracker.models import Role

    return bool(user.is_authenticated and user.role in (Role.coordinator, Role.admin, Role.board))


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(app, "reports.index", _l("Maandrapportage"), order=50, visible=can_read_reports)


from omtracker.reports import formatting, routes  # noqa: E402,F401
