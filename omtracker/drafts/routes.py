"""The small JSON endpoints static/js/drafts.js calls: keep, fetch and discard a draft, and
keep the session alive. All need a login; the POSTs carry the CSRF token in X-CSRFToken."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_babel import format_datetime
from flask_login import current_user, login_required

from omtracker import clock
from omtracker.drafts import bp, services
from omtracker.extensions import db
from omtracker.models import Draft


def _described(draft: Draft) -> dict[str, Any]:
    saved_at = clock.to_local(draft.saved_at)
    return {
        "key": draft.form_key,
        "fields": draft.fields,
        "saved_at": saved_at.isoformat(),
        "time": format_datetime(draft.saved_at, "HH:mm"),  # in the programme's time zone
    }


def _bad_request(message: str) -> tuple[dict[str, Any], int]:
    return {"error": "Bad Request", "status": 400, "detail": message}, 400


@bp.get("/concepten")
@login_required
def show():
    key = services.form_key(request.args.get("key"))
    if key is None:
        return _bad_request("key must be a path on this site")
    draft = services.find_draft(current_user.id, key)
    return {"draft": _described(draft) if draft else None}


@bp.post("/concepten")
@login_required
def keep():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _bad_request("expected a JSON object with key and fields")
    key = services.form_key(body.get("key"))
    fields = services.clean_fields(body.get("fields"))
    if key is None or fields is None:
        return _bad_request("key must be a path on this site; fields an object of texts")
    draft = services.keep_draft(current_user.id, key, fields)
    db.session.commit()
    return {"draft": _described(draft)}


@bp.post("/concepten/weggooien")
@login_required
def discard():
    body = request.get_json(silent=True)
    key = services.form_key(body.get("key") if isinstance(body, dict) else None)
    if key is None:
        return _bad_request("key must be a path on this site")
    services.discard_draft(current_user.id, key)
    db.session.commit()
    return {"discarded": key}


@bp.post("/sessie/verlengen")
@login_required
def keep_alive():
    """The request itself extends the session (omtracker/auth/sessions.py notes it)."""
    return {"idle_seconds": int(current_app.config["SESSION_IDLE_MINUTES"]) * 60}
