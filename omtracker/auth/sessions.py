"""Session expiry: a login ends after a while of inactivity and, at the latest, after a day's work.

A laptop left open in a sports canteen must not stay logged in to contact details and journals.
The session cookie is signed, so the two moments that matter are kept in it: `login_at` (the
login; the session ends PERMANENT_SESSION_LIFETIME after it, however active the user is) and
`last_seen` (the latest request; the session ends SESSION_IDLE_MINUTES after it). Both are checked
on the server on every request, so an old cookie replayed later does not bring a session back.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import logout_user

from omtracker import clock

# Requests that never extend or end a session: the files every page loads.
_UNTRACKED_ENDPOINTS = {"static"}


def start(store: MutableMapping[str, Any], now: float | None = None) -> None:
    """Mark a fresh login in the session: both clocks start now."""
    now = clock.timestamp() if now is None else now
    store["login_at"] = store["last_seen"] = int(now)


def idle_limit_seconds() -> int:
    return int(current_app.config["SESSION_IDLE_MINUTES"]) * 60


def expiry_reason(store: MutableMapping[str, Any], now: float) -> str | None:
    """Why this logged-in session has ended ("idle" or "lifetime"), or None while it is valid."""
    login_at = store.get("login_at")
    last_seen = store.get("last_seen")
    if not isinstance(login_at, int) or not isinstance(last_seen, int):
        return "lifetime"  # a session without its clocks predates them or was tampered with
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if now - login_at > lifetime:
        return "lifetime"
    if now - last_seen > idle_limit_seconds():
        return "idle"
    return None


def end_expired_session() -> Any:
    """Before every request: log out an expired session, otherwise note the user was active."""
    if request.endpoint in _UNTRACKED_ENDPOINTS or "_user_id" not in session:
        return None
    now = clock.timestamp()
    reason = expiry_reason(session, now)
    if reason is None:
        if int(now) != session.get("last_seen"):
            session["last_seen"] = int(now)
        return None
    lang = session.get("lang")
    session.clear()
    logout_user()
    if lang:
        session["lang"] = lang
    if reason == "idle":
        flash(
            ngettext(
                "Je bent automatisch uitgelogd omdat je %(num)s minuut niets hebt gedaan. "
                "Log opnieuw in.",
                "Je bent automatisch uitgelogd omdat je %(num)s minuten niets hebt gedaan. "
                "Log opnieuw in.",
                idle_limit_seconds() // 60,
            ),
            "warning",
        )
    else:
        flash(_("Je sessie is verlopen. Log opnieuw in."), "warning")
    if request.endpoint == "auth.login":
        return None
    target = None
    if request.method in {"GET", "HEAD"}:
        target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=target))
