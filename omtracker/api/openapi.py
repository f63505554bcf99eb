"""The OpenAPI 3 document at /api/v1/openapi.json, built from the operation declarations.

Paths, parameters and their constraints come from `spec`, answers from `schemas`; a test checks
that every /api/v1 route of the app is in the document and every documented path is a route.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from omtracker.api import schemas
from omtracker.api.spec import OPERATIONS, Operation

ERROR_TEXT = {
    400: "A query parameter is malformed, out of range or unknown.",
    401: "Missing, invalid or revoked token.",
    403: "The token's account belongs to no programme.",
    404: "No such record in your programme (or no such path).",
}
NETWORK_FORBIDDEN = "The token's user reads no monitoring network and is no administrator."

DESCRIPTION = """\
Read-only access to one programme of omtracker (Outcome Mapping for local sports agreements).

Authenticate with a personal token: `Authorization: Bearer <token>`. Create and revoke tokens on
your profile page (Profiel → API-tokens). A token reads exactly what its user may read in their
own programme; nothing in this API changes data.

Lists are paginated (`page`, `per_page` up to 200) and answer
`{"items", "page", "per_page", "total", "next"}`. Errors answer
`{"error", "status", "detail"}`. Months are written `YYYY-MM`.
"""


def _error(code: int, op: Operation) -> dict[str, Any]:
    return {
        "description": NETWORK_FORBIDDEN if op.network and code == 403 else ERROR_TEXT[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _operation(op: Operation) -> dict[str, Any]:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": schema}
        for name, schema in op.path_params.items()
    ]
    parameters += [
        {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description,
            "schema": p.schema,
        }
        for p in op.params
    ]
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{op.response}"}}
            },
        }
    }
    codes = [400]  # unknown parameters are refused on every operation
    if not op.public:
        codes += [401, 403]
    if op.not_found or op.path_params:
        codes.append(404)
    for code in codes:
        responses[str(code)] = _error(code, op)
    out: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": parameters,
        "responses": responses,
    }
    if op.description:
        out["description"] = op.description
    if op.public:
        out["security"] = []
    return out


@cache
def document() -> dict[str, Any]:
    """Built once per process: it depends only on code, never on data."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "omtracker read API", "version": "1.0.0", "description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "tags": [
            {"name": "meta", "description": "This document and the token's user."},
            {"name": "programme", "description": "Programme, themes and opgaven."},
            {"name": "partners", "description": "The shared boundary partner registry."},
            {"name": "progress", "description": "Engagements, markers and outcome journals."},
            {"name": "metrics", "description": "The numbers of the dashboard (DESIGN.md §3)."},
            {"name": "reports", "description": "Published monthly reports (frozen)."},
            {"name": "search", "description": "One full-text search over the programme."},
            {
                "name": "national",
                "description": "Pooled figures across the programmes that share them, for "
                "monitoring networks.",
            },
            {
                "name": "plans",
                "description": "Harvested outcomes, the performance journal, the evaluation and "
                "monitoring plans.",
            },
        ],
        "paths": {op.path: {"get": _operation(op)} for op in OPERATIONS},
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token from the profile page.",
                }
            },
            "schemas": schemas.components(),
        },
    }
