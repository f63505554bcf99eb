"""Programme set-up: a new programme from a starting structure, the programme switcher of a
hosting organisation, the "Beginnen" checklist, and people invited by e-mail."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("programmes", __name__)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.models import Role
    from omtracker.permissions import register_nav

    register_nav(
        app,
        "programmes.index",
        _l("Programma’s"),
        order=95,
        visible=lambda u: u.is_authenticated and u.role == Role.admin,
    )


from omtracker.programmes import invitation_routes, routes  # noqa: E402,F401
