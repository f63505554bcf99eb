"""Themes and what a theme group keeps: opgaven, the strategy map, the monthly theme status.

The theme page is where a theme leader starts; the opgave page is the stable link a coordinator
sends to a board member. Exports let a theme take its journals back into a spreadsheet.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("themes", __name__)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(app, "themes.index", _l("Thema’s"), order=20, visible=lambda u: u.is_authenticated)


from omtracker.themes import opgave_routes, routes, strategy_routes  # noqa: E402,F401
