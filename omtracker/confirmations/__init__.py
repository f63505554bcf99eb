""" "Klopt dit?": a journal's outcome confirmed, corrected or commented on by the partner.

Writers of a theme send the partner's contact person a one-time link from a journal entry; the
contact person answers without an account on a page that shows only that outcome statement.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("confirmations", __name__)

from omtracker.confirmations import routes  # noqa: E402,F401
