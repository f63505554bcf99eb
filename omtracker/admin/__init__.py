"""Administration: user accounts and theme memberships, programme settings and sharing with the
network, monitoring networks and their readers, the audit trail and personal data (export and
erasure of a contact person)."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import is_coordinator, register_nav

    register_nav(app, "admin.users", _l("Beheer"), order=90, visible=is_coordinator)


from omtracker.admin import (  # noqa: E402,F401
    mail_routes,
    network_routes,
    privacy_routes,
    routes,
    structure_routes,
)
