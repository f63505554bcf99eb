"""Pagination and tenant-scoped loading shared by the API's routes.

A list costs one COUNT and one page query plus the eager loads its options name, whatever the
size of the programme; loading by id answers 404 for anything outside the token's programme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask import abort, g, request, url_for
from sqlalchemy import Select, func, select

from omtracker.extensions import db

T = TypeVar("T")


def args() -> dict[str, Any]:
    """The request's validated query parameters (see `omtracker.api.params`)."""
    return g.api_args


def one_or_404(stmt: Select, what: str) -> Any:
    found = db.session.scalar(stmt)
    if found is None:
        abort(404, description=f"No {what} with this id in your programme.")
    return found


def page_of(stmt: Select, *options: Any) -> tuple[Sequence[Any], int]:
    """The requested page of `stmt` (already ordered) and the total number of rows."""
    params = args()
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    offset = (params["page"] - 1) * params["per_page"]
    if offset >= (total or 0):
        return [], total or 0
    rows = db.session.scalars(stmt.options(*options).limit(params["per_page"]).offset(offset))
    return rows.unique().all(), total or 0


def envelope(
    rows: Sequence[T], total: int, to_json: Callable[[T], dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    """The list answer: items, page, per_page, total and the URL of the next page (or null)."""
    params = args()
    page, per_page = params["page"], params["per_page"]
    next_url = None
    if page * per_page < total:
        query = {k: v for k, v in request.args.items() if k != "page"}
        next_url = url_for(request.endpoint, **(request.view_args or {}), **query, page=page + 1)
    return {
        "items": [to_json(row) for row in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
        "next": next_url,
        **extra,
    }
