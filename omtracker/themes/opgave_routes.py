"""Opgaven: the stable opgave page, create and edit, and the close/reopen/archive buttons."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.models import OpgaveStatus
from omtracker.periods import current_period
from omtracker.permissions import can_edit_theme
from omtracker.themes import bp, queries, services
from omtracker.themes.access import (
    apply_change,
    conflict_rows,
    load_opgave,
    load_theme,
    month_arg,
    require_edit,
    toggle_archived,
)
from omtracker.themes.forms import OpgaveForm


@bp.get("/opgaven/<int:opgave_id>")
@login_required
def opgave(opgave_id: int):
    opgave = load_opgave(opgave_id)
    period = month_arg(request.args.get("maand"), code=400)
    page = queries.opgave_page(opgave, period)
    return render_template(
        "themes/opgave.html",
        page=page,
        theme=opgave.theme,
        can_edit=can_edit_theme(current_user, opgave.theme),
        is_current=period == current_period(),
    )


@bp.route("/themas/<int:theme_id>/opgaven/nieuw", methods=["GET", "POST"])
@login_required
def create_opgave(theme_id: int):
    theme = load_theme(theme_id)
    require_edit(theme)
    form = OpgaveForm()
    form.fill_choices()
    if request.method == "GET":
        form.status.data = OpgaveStatus.active.value
    if form.validate_on_submit():
        opgave = services.create_opgave(theme, form.values())
        db.session.commit()
        flash(_("Opgave ‘%(title)s’ aangemaakt.", title=opgave.title), "success")
        return redirect(url_for("themes.opgave", opgave_id=opgave.id))
    code = 400 if request.method == "POST" else 200
    return render_template("themes/opgave_form.html", form=form, theme=theme, opgave=None), code


@bp.route("/opgaven/<int:opgave_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_opgave(opgave_id: int):
    opgave = load_opgave(opgave_id)
    require_edit(opgave.theme)
    # The stored record fills the form only when it is opened: a POST carries the user's own
    # values and version, so a missing version can never fall back to the stored one.
    form = OpgaveForm(obj=opgave if request.method == "GET" else None)
    form.fill_choices()
    if request.method == "GET":
        form.status.data = opgave.status.value
        form.version.data = str(opgave.version)
    done = submit_versioned(
        form,
        lambda: services.update_opgave(opgave, form.values(), form.version.data),
        lambda stored: conflict_rows(stored, form),
    )
    if done.saved:
        db.session.commit()
        flash(_("Opgave opgeslagen."), "success")
        return redirect(url_for("themes.opgave", opgave_id=opgave.id))
    return (
        render_template(
            "themes/opgave_form.html",
            form=form,
            theme=opgave.theme,
            opgave=opgave,
            conflict=done.conflict,
        ),
        done.status,
    )


def _change_status(opgave_id: int, status: OpgaveStatus, done: str, already: str):  # noqa: ANN202
    opgave = load_opgave(opgave_id)
    return apply_change(
        opgave.theme,
        lambda: services.set_opgave_status(opgave, status),
        done,
        already,
        url_for("themes.opgave", opgave_id=opgave.id),
    )


@bp.post("/opgaven/<int:opgave_id>/afsluiten")
@login_required
def close_opgave(opgave_id: int):
    return _change_status(
        opgave_id,
        OpgaveStatus.closed,
        _("De opgave is afgesloten."),
        _("De opgave was al afgesloten."),
    )


@bp.post("/opgaven/<int:opgave_id>/heropenen")
@login_required
def reopen_opgave(opgave_id: int):
    return _change_status(
        opgave_id,
        OpgaveStatus.active,
        _("De opgave is weer actief."),
        _("De opgave was al actief."),
    )


def _set_archived(opgave_id: int, archived: bool, done: str, already: str):  # noqa: ANN202
    opgave = load_opgave(opgave_id)
    return toggle_archived(
        opgave, opgave.theme, archived, done, already, url_for("themes.opgave", opgave_id=opgave.id)
    )


@bp.post("/opgaven/<int:opgave_id>/archiveren")
@login_required
def archive_opgave(opgave_id: int):
    return _set_archived(
        opgave_id,
        True,
        _("De opgave is gearchiveerd. Ze blijft leesbaar onder ‘Gearchiveerd’ op de themapagina."),
        _("De opgave was al gearchiveerd."),
    )


@bp.post("/opgaven/<int:opgave_id>/terugzetten")
@login_required
def restore_opgave(opgave_id: int):
    return _set_archived(
        opgave_id,
        False,
        _("De opgave is uit het archief teruggezet."),
        _("De opgave was niet gearchiveerd."),
    )
