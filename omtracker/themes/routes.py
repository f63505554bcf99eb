"""Themes index, theme page, the monthly theme status and the theme's exports."""

from __future__ import annotations

import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker import clock
from omtracker.context import current_programme
from omtracker.editing import EditConflict
from omtracker.extensions import db
from omtracker.labels import BUILDING_BLOCK_ORDER
from omtracker.periods import current_period, format_period
from omtracker.permissions import can_edit_theme, can_write_journal
from omtracker.themes import bp, export, queries, services
from omtracker.themes.access import conflict_rows, load_theme, month_arg, require_edit
from omtracker.themes.forms import ThemeStatusForm


@bp.get("/themas")
@login_required
def index():
    data = queries.theme_index(current_programme(), current_period())
    return render_template("themes/index.html", data=data, block_order=BUILDING_BLOCK_ORDER)


@bp.get("/themas/<int:theme_id>")
@login_required
def theme(theme_id: int):
    theme = load_theme(theme_id)
    period = month_arg(request.args.get("maand"), code=400)
    page = queries.theme_page(theme, period)
    return render_template(
        "themes/theme.html",
        page=page,
        can_edit=can_edit_theme(current_user, theme),
        can_write=can_write_journal(current_user, theme),
        is_current=period == current_period(),
    )


@bp.route("/themas/<int:theme_id>/status", methods=["GET", "POST"])
@login_required
def status(theme_id: int):
    """The theme leader sets the month's status; one per theme and month, edited in place."""
    theme = load_theme(theme_id)
    require_edit(theme)
    form = ThemeStatusForm()
    form.fill_choices()
    if request.method == "GET":
        period = month_arg(request.args.get("maand"), code=400)
        form.period.data = period
        existing = services.theme_status_for(theme, period)
        if existing is not None:
            form.rag.data = existing.rag.value
            form.text.data = existing.text
            form.version.data = str(existing.version)
        return _status_form(theme, form, existing)
    if not form.validate_on_submit():
        return _status_form(theme, form, None, 400)
    try:
        saved = services.save_theme_status(
            theme, form.period.data, form.rag.data, form.text.data, current_user, form.version.data
        )
    except EditConflict as conflict:
        stored = conflict.current
        form.version.data = str(stored.version)
        return _status_form(theme, form, stored, 409, conflict=conflict_rows(stored, form))
    db.session.commit()
    flash(_("Maandstatus voor %(month)s opgeslagen.", month=format_period(saved.period)), "success")
    return redirect(url_for("themes.theme", theme_id=theme.id))


def _status_form(theme, form, existing, code: int = 200, conflict=None):  # noqa: ANN001, ANN202
    return (
        render_template(
            "themes/status_form.html",
            theme=theme,
            form=form,
            existing=existing,
            conflict=conflict,
        ),
        code,
    )


def _export_name(theme, extension: str) -> str:  # noqa: ANN001
    slug = re.sub(r"[^a-z0-9]+", "-", theme.name.lower()).strip("-")[:40] or "thema"
    return f"thema-{theme.number}-{slug}-{clock.today().isoformat()}.{extension}"


@bp.get("/themas/<int:theme_id>/export.xlsx")
@login_required
def export_xlsx(theme_id: int):
    theme = load_theme(theme_id)
    body = export.theme_xlsx(theme, current_period())
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{_export_name(theme, "xlsx")}"'},
    )


@bp.get("/themas/<int:theme_id>/export.csv")
@login_required
def export_csv(theme_id: int):
    theme = load_theme(theme_id)
    body = export.theme_csv(theme, current_period())
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{_export_name(theme, "csv")}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )
