"""Session expiry: a login ends after a while of inactivity and, at the latest, after a day's work.

A laptop left open in a sports canteen must not stay logged in to contact details and journals.
The session cookie is signed, so the two moments that matter are kept in it: `login_at` (the
login; the session ends PERMANENT_SESSION_LIFETIME after it, however active the user is) and
`last_seen` (the latest request; the session ends SESSION_IDLE_MINUTES after it). Both are checked
on the server on every request, so an old cookie replayed later does not bring a session back.

A cookie cannot be taken back, so ending a session is done on the server: the session holds the
user's `session_epoch` (Flask-Login's alternative-token pattern: `User.get_id()` is "id:epoch")
and `load_user` accepts it only while it equals the one stored with the user. Raising it
(`end_all_sessions`: logout, "Overal uitloggen", deactivation; `User.set_password` does the same)
ends every session of that user at its next request, in every worker and on every machine.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from flask import Response, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user
from sqlalchemy import update

from omtracker import clock, referrer
from omtracker.extensions import db
from omtracker.models import User

# Requests that never extend or end a session: the files every page loads.
_UNTRACKED_ENDPOINTS = {"static"}


def start(store: MutableMapping[str, Any], now: float | None = None) -> None:
    """Mark a fresh login in the session: both clocks start now."""
    now = clock.timestamp() if now is None else now
    store["login_at"] = store["last_seen"] = int(now)


def load_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the user of "id:epoch", only while that epoch is current
    and the account is active."""
    ident, _, epoch = session_id.partition(":")
    if not (ident.isdigit() and epoch.isdigit()) or len(ident) > 10 or len(epoch) > 10:
        return None  # a cookie from before epochs, or not one of ours
    user = db.session.get(User, int(ident))
    if user is None or not user.is_active or user.session_epoch != int(epoch):
        return None
    return user


def end_all_sessions(user: User) -> None:
    """End every session of `user` (this one included) on every device, at its next request.

    Flushes, never commits: the caller's commit makes it take effect. A plain UPDATE, so two
    workers ending sessions at once both count and no version conflict can arise.
    """
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_epoch=User.session_epoch + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["session_epoch"])


def log_out_here() -> None:
    """Forget this browser's login, keeping the chosen language."""
    lang = session.get("lang")
    session.clear()
    logout_user()  # after clear(): its request to delete a remember-me cookie must survive
    if lang:
        session["lang"] = lang


def no_store(response: Response) -> Response:
    """After every request: no page or download is kept in a browser's or proxy's cache.

    Pages and exports carry contact details and journals; a shared computer's back button or
    cache must not show them after logging out. The login page holds a CSRF token. Only the
    static files (CSS, scripts, fonts, images) stay cacheable.
    """
    if request.endpoint not in _UNTRACKED_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    return response


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
    if reason is None and not current_user.is_authenticated:
        reason = "ended"  # logged out elsewhere, password changed, or account deactivated
    if reason is None:
        if int(now) != session.get("last_seen"):
            session["last_seen"] = int(now)
        return None
    log_out_here()
    if reason == "ended":
        flash(_("Je sessie is beëindigd. Log opnieuw in."), "warning")
    elif reason == "idle":
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
    target = request.full_path if request.query_string else request.path
    if request.method not in {"GET", "HEAD"}:
        # A form sent after the session ended: back to the form's page after logging in, where
        # static/js/drafts.js brings back what was typed.
        target = referrer.form_page() or target
    return redirect(url_for("auth.login", next=target))
