"""Drafts: what a user types into a long-text form survives a lost session or a closed tab.

static/js/drafts.js keeps every post form with a text area in the browser (localStorage) as the
user types, and on the server (a `drafts` row per user and form) every so often and on leaving a
field; the form shows "Concept van 14:32 hersteld" when it brings one back. A successful save
(a POST answered with a redirect) discards the form's draft. The same script warns before the
session ends for inactivity and offers "Ingelogd blijven" (the keep-alive endpoint).
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("drafts", __name__)


def register(app: Flask) -> None:
    from omtracker.drafts import hooks

    hooks.install(app)


from omtracker.drafts import routes  # noqa: E402,F401
