"""Programme set-up: a new programme from a starting structure, the programme switcher of a
hosting organisation, the "Beginnen" checklist, and people invited by e-mail."""

from flask import Blueprint

bp = Blueprint("programmes", __name__)


from omtracker.programmes import invitation_routes, routes  # noqa: E402,F401
