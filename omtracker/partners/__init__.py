"""The programme's shared registry of boundary partners (grenspartners).

Listing, detail, create/edit/archive, explicit partner relations, the similar-name warning,
merging duplicates and importing partners and engagements from CSV or XLSX.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("partners", __name__, url_prefix="/partners")


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(
        app, "partners.index", _l("Grenspartners"), order=30, visible=lambda u: u.is_authenticated
    )


from omtracker.partners import import_routes, routes  # noqa: E402,F401
