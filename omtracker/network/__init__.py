"""The partner network map (DESIGN.md §4): who works with whom across the themes.

The graph and its measures are built from the database with NetworkX (`graph.py`, `metrics.py`),
laid out on the server and cached by structure (`layout.py`, `analysis.py`), and drawn in the
browser with the vendored vis-network in our own template. Also: the change between two months
and exports for Gephi, Kumu and spreadsheets.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("network", __name__, url_prefix="/netwerk")


def register(app):  # noqa: ANN001, ANN201
    from omtracker.network.services import can_read_network
    from omtracker.permissions import register_nav

    register_nav(app, "network.index", _l("Netwerk"), order=45, visible=can_read_network)


from omtracker.network import routes  # noqa: E402,F401
