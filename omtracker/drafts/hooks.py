"""A successful save discards the form's draft; the page after it tells the browser to as well."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, session
from flask_login import current_user

from omtracker.drafts import services
from omtracker.extensions import db

SESSION_KEY = "drafts_done"


def _discard_after_save(response: Any) -> Any:
    """A POST answered with a redirect saved its form: its draft (keyed by the address posted
    to, as drafts.js keys it) is removed, and the next page clears the browser's copy."""
    if (
        request.method != "POST"
        or response.status_code not in (302, 303)
        or request.blueprint in {"drafts", "auth"}  # no long texts; logging in is no save
        or not current_user.is_authenticated
    ):
        return response
    key = services.form_key(request.full_path.rstrip("?"))  # path and query, as drafts.js
    if key is None:
        return response
    try:
        if services.discard_draft(current_user.id, key):
            db.session.commit()
    except Exception:  # a busy database must not turn a saved form into an error
        db.session.rollback()
    done = [k for k in session.get(SESSION_KEY, []) if k != key][-4:]
    session[SESSION_KEY] = [*done, key]
    return response


def drafts_done() -> list[str]:
    """The forms saved since the last page (read once, by base.html)."""
    return session.pop(SESSION_KEY, []) if SESSION_KEY in session else []


def install(app: Flask) -> None:
    app.after_request(_discard_after_save)
    app.jinja_env.globals["drafts_done"] = drafts_done
