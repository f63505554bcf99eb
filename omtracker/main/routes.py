"""Overview and health check."""

from __future__ import annotations

from flask import jsonify, render_template
from flask_login import login_required
from sqlalchemy import text

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.labels import BUILDING_BLOCK_ORDER
from omtracker.main import bp, services


@bp.get("/")
@login_required
def overview():
    programme = current_programme()
    data = services.programme_overview(programme)
    return render_template("main/overview.html", data=data, block_order=BUILDING_BLOCK_ORDER)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # the check exists to report this, not to raise it
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database=db.engine.dialect.name)
