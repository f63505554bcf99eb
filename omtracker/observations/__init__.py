"""Quick observations (waarnemingen): a note about a partner on any day, from a phone.

Whoever writes a theme's journals can note what they saw a partner do — a text, optionally a
photo or file, the progress marker it concerns and how significant it is — in two steps. The
month's journal for that partner lists the month's observations and offers them as its
starting text; saving the journal links them to it as evidence.
"""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("observations", __name__)


def register(app: Flask) -> None:
    from omtracker.journals import writes_journals
    from omtracker.permissions import register_nav

    register_nav(app, "observations.index", _l("Waarneming"), order=16, visible=writes_journals)


from omtracker.observations import routes  # noqa: E402,F401
