"""Monthly outcome journals: the journal form, entry pages with revisions, and "Mijn maand".

This is where theme leaders and members record, once a month per boundary partner, what changed:
a level per progress marker, the story of the change and its evidence. Every save keeps a
revision and concurrent edits never overwrite each other silently.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("journals", __name__)


def writes_journals(user: Any) -> bool:
    """Who sees "Mijn maand": members of a theme group, and coordinators for all themes."""
    from omtracker.permissions import is_board, is_coordinator

    if not (user and user.is_authenticated) or is_board(user):
        return False
    return is_coordinator(user) or bool(user.memberships)


def register(app: Flask) -> None:
    from omtracker.permissions import register_nav

    register_nav(app, "journals.my_month", _l("Mijn maand"), order=15, visible=writes_journals)


from omtracker.journals import entry_routes, routes  # noqa: E402,F401
