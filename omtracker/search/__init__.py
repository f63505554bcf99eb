"""Find anything: one full-text search over a programme's partners, opgaven, outcome
challenges, progress markers, journals and strategies (the box in the navigation, /zoeken,
and /api/v1/search)."""

from flask import Blueprint

bp = Blueprint("search", __name__)


def register(app):  # noqa: ANN001, ANN201
    """Keep the index in step with every ORM write, and add `flask search-reindex`."""
    from flask_sqlalchemy.session import Session as FlaskSession

    from omtracker.search import cli, hooks

    hooks.install(FlaskSession)
    app.cli.add_command(cli.search_reindex)


from omtracker.search import routes  # noqa: E402,F401
