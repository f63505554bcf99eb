"""The read API under /api/v1: the programme's data as JSON for other tools, behind bearer tokens.

Read-only by design: only GET routes exist, so the blueprint is exempt from CSRF (a token in a
header cannot be sent by another site's form). Every request is authenticated and its query
parameters validated against the declarations that also produce the OpenAPI document.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

from omtracker.api import auth, params, spec
from omtracker.extensions import csrf, db

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

PUBLIC_ENDPOINTS = {"api.openapi_document"}
# Read across programmes: their users need no programme of their own (network readers).
NETWORK_ENDPOINTS = {"api.national_rollup"}


def openapi_path(rule: str) -> str:
    """Flask's /api/v1/themes/<int(max=…):theme_id> as OpenAPI's /api/v1/themes/{theme_id}."""
    return re.sub(r"<(?:[^<>:]+:)?(\w+)>", r"{\1}", rule)


@bp.before_request
def authenticate_and_validate() -> None:
    if request.endpoint not in PUBLIC_ENDPOINTS:
        g.api_token = auth.authenticate(request.headers.get("Authorization"))
        if request.endpoint in NETWORK_ENDPOINTS:
            g.api_programme_id = None
        else:
            g.api_programme_id = auth.programme_id_for(g.api_token.user)
    operation = spec.BY_PATH[openapi_path(request.url_rule.rule)]
    g.api_args = params.parse_query(operation, request.args)


@bp.after_request
def not_for_shared_caches(response: Any) -> Any:
    """Answers carry a programme's data, some of it personal: no cache keeps a copy."""
    if request.endpoint not in PUBLIC_ENDPOINTS:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _json_error(exc: HTTPException) -> Any:
    response = jsonify(error=exc.name, status=exc.code, detail=exc.description)
    response.status_code = exc.code or 500
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException) -> Any:
    return _json_error(exc)


@bp.errorhandler(InternalServerError)
def server_error(exc: InternalServerError) -> Any:
    db.session.rollback()
    return _json_error(InternalServerError())


def register(app: Any) -> None:
    """The token pages live under /profiel, outside the API's prefix and with CSRF on."""
    from omtracker.api.tokens import tokens_bp

    app.register_blueprint(tokens_bp)


from omtracker.api import (  # noqa: E402,F401
    national_routes,
    plan_routes,
    progress_routes,
    routes,
    search_routes,
)
