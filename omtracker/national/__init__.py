"""The national picture: programmes that share their aggregated figures, read by a network.

- `figures`: pooled figures per national theme and building block across sharing programmes.
- `benchmark`: a programme's own figures beside similar municipalities (same size class).
- routes: the network page (/landelijk/) for its readers and the benchmark (/vergelijken) for
  a programme's coordinator and board.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("national", __name__)


def may_compare(user) -> bool:  # noqa: ANN001
    """A programme's coordinator and board read its benchmark."""
    from omtracker.permissions import is_board, is_coordinator

    return is_coordinator(user) or is_board(user)


def may_read_networks(user) -> bool:  # noqa: ANN001
    """Navigation only (no query: the reader link loads with the user): administrators and
    network readers. The page itself checks the reader's network."""
    from omtracker.models import Role
    from omtracker.national.access import is_network_reader

    if not (user and user.is_authenticated):
        return False
    return user.role == Role.admin or is_network_reader(user)


def register(app):  # noqa: ANN001, ANN201
    from omtracker.permissions import register_nav

    register_nav(app, "national.index", _l("Landelijk beeld"), order=70, visible=may_read_networks)
    register_nav(app, "national.benchmark", _l("Vergelijken"), order=47, visible=may_compare)
    from omtracker.national.warm import national_warm_command

    app.cli.add_command(national_warm_command)


from omtracker.national import routes  # noqa: E402,F401

# The national May and November roll-up: its own module on the same blueprint.
from omtracker.national import rollup_routes  # noqa: E402,F401  # isort: skip
