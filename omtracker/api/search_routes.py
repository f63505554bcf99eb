"""/api/v1/search: the search of the navigation box, as JSON, for the token's programme."""

from __future__ import annotations

from typing import Any

from flask import abort

from omtracker.api import bp
from omtracker.api.auth import api_programme_id
from omtracker.api.listing import args, envelope
from omtracker.search.queries import Filters, Hit, search_list


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "id": hit.record_id,
        "title": hit.title.striptags(),
        "subtitle": hit.subtitle.striptags(),
        "passage": hit.passage.striptags(),
        "passage_html": str(hit.passage),
        "theme_id": hit.theme_id,
        "period": hit.period,
        "archived": hit.archived,
        "url": hit.url,
    }


@bp.get("/search")
def search() -> Any:
    params = args()
    start, end = params["period_from"], params["period_to"]
    if start and end and start > end:
        abort(400, description="Parameter 'period_to': must not be before 'period_from'.")
    filters = Filters(
        query=params["q"],
        kind=params["kind"],
        theme_id=params["theme_id"],
        period_from=start,
        period_to=end,
        page=params["page"],
    )
    hits, total = search_list(api_programme_id(), filters, params["per_page"])
    return envelope(hits, total, _hit)
