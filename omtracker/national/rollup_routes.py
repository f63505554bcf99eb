"""The national May and November roll-up: the page and its XLSX (/landelijk/rapportage).

For a network's readers (their network's sharing programmes) and administrators (every sharing
programme); everyone else gets 403. Only pooled counts, municipality names and size classes.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from omtracker.models.enums import TIER_ORDER
from omtracker.national import bp, may_read_networks
from omtracker.national import rollup as rollups
from omtracker.national.figures import MIN_PROGRAMMES
from omtracker.national.rollup_export import XLSX_MIMETYPE, rollup_xlsx
from omtracker.permissions import register_nav


@bp.record_once
def _navigation(state: Any) -> None:
    register_nav(state.app, "national.rollup", _l("Landelijke rapportage"), 71, may_read_networks)


def _readable() -> tuple[list[int], Any]:
    ids = rollups.readable_programme_ids(current_user)
    if ids is None:
        abort(403)
    return ids, rollups.readable_network(current_user)


@bp.get("/landelijk/rapportage")
@login_required
def rollup() -> Any:
    ids, network = _readable()
    offered = rollups.editions(rollups.first_month_with_data(ids))
    refused, status = None, 200
    try:
        edition = rollups.requested_edition(request.args.get("editie"), offered)
    except rollups.EditionRefused as exc:
        # The page still shows the newest edition, with the reason beside the choice.
        edition, refused, status = offered[0], exc.description, 400
    result = rollups.build_rollup(ids, edition)
    page = render_template(
        "national/rollup.html",
        r=result,
        offered=offered,
        refused=refused,
        network=network,
        minimum=MIN_PROGRAMMES,
        tiers=TIER_ORDER,
    )
    return page, status


@bp.get("/landelijk/rapportage.xlsx")
@login_required
def rollup_download() -> Response:
    ids, network = _readable()
    offered = rollups.editions(rollups.first_month_with_data(ids))
    edition = rollups.requested_edition(request.args.get("editie"), offered)
    data = rollup_xlsx(rollups.build_rollup(ids, edition), network.name if network else None)
    response = Response(data, mimetype=XLSX_MIMETYPE)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="landelijke-rapportage-{edition}.xlsx"'
    )
    return response
