"""Key indicators (kernindicatoren): the programme's outcome figures per year and area.

Everyone logged in reads them; coordinators and administrators keep them up to date.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("indicators", __name__, url_prefix="/indicatoren")


def register(app):  # noqa: ANN001, ANN201
    from omtracker.indicators.services import display_number, display_value
    from omtracker.permissions import register_nav

    register_nav(
        app,
        "indicators.index",
        _l("Kernindicatoren"),
        order=60,
        visible=lambda u: u.is_authenticated,
    )
    app.jinja_env.filters["indicator_value"] = display_value
    app.jinja_env.filters["indicator_number"] = display_number


from omtracker.indicators import routes  # noqa: E402,F401
