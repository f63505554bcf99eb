"""The programme overview (building blocks → themes → opgaven) and the health check."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("main", __name__)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(
        app, "main.overview", _l("Overzicht"), order=10, visible=lambda u: u.is_authenticated
    )


from omtracker.main import routes  # noqa: E402,F401
