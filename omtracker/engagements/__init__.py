"""Outcome challenges (uitkomstuitdagingen) and their progress markers.

A theme leader keeps, per boundary partner and opgave, the behaviour the partner would show if
the opgave succeeds and the ladder of progress markers that makes that change visible. The area
has no top-level page of its own: engagements are reached from an opgave, a partner or a journal.
"""

from flask import Blueprint

bp = Blueprint("engagements", __name__)

from omtracker.engagements import marker_routes, routes  # noqa: E402,F401
