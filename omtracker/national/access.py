"""What a network reader may open: the national pages, their own account, and nothing else.

A reader (a `NetworkReader` row: someone of the national monitor or a regional sports office)
reads the aggregated figures of the programmes that share them. They have no programme: every
programme page, export and programme API endpoint answers 403, decided here for every request
rather than route by route, so a page added later is closed to them until it is opened here.

Readers are made without a programme and never as administrators (omtracker.admin.networks);
the gate does not rely on that: any account with a `NetworkReader` row is a reader here. The
row is loaded with the user (`User.network_reader`), so the check adds no query.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from omtracker.models import MonitoringNetwork

LANDING_ENDPOINT = "national.index"
# Whole blueprints a reader uses: logging in and out, profile, password and language (auth),
# their own API tokens (for the network API), their own form drafts and the session keep-alive.
READER_BLUEPRINTS = {"auth", "api_tokens", "drafts"}
# Pages anyone may open without an account: they show nothing of a programme to a reader either.
PUBLIC_ENDPOINTS = {
    "static",
    "main.healthz",
    "plans.how_we_count",
    "api.openapi_document",
    "programmes.accept",
    "confirmations.answer",
    "reminders.unsubscribe",
}


def network_of(user: Any) -> MonitoringNetwork | None:
    """The network this person reads for, or None for everyone else.

    `User.network_reader` is loaded with the user itself, so asking costs nothing for a
    programme's own people; only a reader's network is then looked up (once per request).
    """
    if not (user and user.is_authenticated):
        return None
    link = user.network_reader
    return link.network if link is not None else None


def is_network_reader(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.network_reader is not None)


def reader_may_open(endpoint: str | None) -> bool:
    """The national pages and network API, the reader's own account pages, public pages."""
    if endpoint is None:
        return True  # no route matched: the 404 page
    if endpoint in PUBLIC_ENDPOINTS:
        return True
    blueprint = endpoint.rpartition(".")[0]
    if blueprint in READER_BLUEPRINTS:
        return True
    # The national pages (/landelijk) and the network endpoints of the read API.
    return blueprint == "national" or (blueprint == "api" and "national" in endpoint)


def landing_url() -> str:
    """Where a reader starts: the national picture of their network."""
    return url_for(LANDING_ENDPOINT)


def _gate() -> Any:
    if request.blueprint == "api":
        # The read API ignores the session: it answers bearer tokens only, and a reader's token
        # reads no programme (omtracker.api.auth.programme_id_for answers 403: no programme).
        return None
    if not is_network_reader(current_user):
        return None
    if request.endpoint == "main.overview" and request.method == "GET":
        return redirect(landing_url())  # the home page and where a login lands
    if not reader_may_open(request.endpoint):
        abort(403)
    return None


READER_NAV = (LANDING_ENDPOINT, "national.rollup")


def _reader_nav(original: Any) -> Any:
    """A reader's navigation: the national pages only (Landelijk beeld, the roll-up)."""

    def nav_items() -> list[dict[str, Any]]:
        items = original()
        if not is_network_reader(current_user):
            return items
        return [item for item in items if item["endpoint"] in READER_NAV]

    return nav_items


def install(app: Flask) -> None:
    """Register the gate before every request and the reader's navigation."""
    app.before_request(_gate)
    app.jinja_env.globals["nav_items"] = _reader_nav(app.jinja_env.globals["nav_items"])
    app.jinja_env.globals["reader_network"] = lambda: network_of(current_user)
