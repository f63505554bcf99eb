"""/api/v1/landelijk/rapportage: the national roll-up as JSON, for a monitoring network.

The token's user must read a network (its sharing programmes) or be an administrator (every
sharing programme); the figures are those of the page and the XLSX (omtracker.national.rollup).
"""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify

from omtracker.api import bp
from omtracker.api.auth import api_user
from omtracker.api.listing import args
from omtracker.national import rollup as rollups


@bp.get("/landelijk/rapportage")
def national_rollup() -> Any:
    ids = rollups.readable_programme_ids(api_user())
    if ids is None:
        abort(
            403,
            description="Only readers of a monitoring network and administrators read the "
            "national roll-up.",
        )
    offered = rollups.editions(rollups.first_month_with_data(ids))
    edition = args()["editie"] or offered[0]
    if edition > offered[0]:
        abort(
            400,
            description=f"Parameter 'editie': {edition} has not come yet; the latest edition "
            f"is {offered[0]}.",
        )
    return jsonify(editions=offered, **rollups.rollup_json(rollups.build_rollup(ids, edition)))
