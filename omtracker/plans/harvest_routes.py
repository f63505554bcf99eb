"""Harvested outcomes (Outcome Harvesting, Wilson-Grau): list, record, edit, promote.

An unanticipated change in an outcome journal becomes a harvested outcome in one step; an
actor who is not yet a boundary partner becomes one in one step too.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from omtracker import labels
from omtracker.context import current_programme
from omtracker.editing import EditConflict, submit_versioned
from omtracker.extensions import db
from omtracker.models import HarvestedOutcome, JournalEntry, Opgave, PartnerType, Theme
from omtracker.models.markers import Engagement
from omtracker.periods import is_period
from omtracker.permissions import can_edit_registry, can_edit_theme, is_coordinator
from omtracker.plans import bp, queries, services
from omtracker.plans.access import (
    can_edit_scope,
    editable_themes,
    may_harvest,
    outcome_or_404,
    require_scope,
)
from omtracker.plans.forms import HarvestedOutcomeForm, MakePartnerForm


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/uitkomsten")
@login_required
def outcomes():
    """Every harvested outcome of the programme, filtered by theme, partner and period."""
    programme = current_programme()
    start = request.args.get("van") or None
    end = request.args.get("tot") or None
    start = start if is_period(start) else None
    end = end if is_period(end) else None
    filters = {"thema": _int_arg("thema"), "partner": _int_arg("partner"), "van": start, "tot": end}
    rows = queries.outcomes(
        programme.id,
        filters["thema"],
        filters["partner"],
        start,
        end,
        archived=request.args.get("archief") == "1",
    )
    return render_template(
        "plans/outcomes.html",
        outcomes=rows,
        filters=filters,
        themes=queries.themes(programme.id),
        partners=queries.partners(programme.id),
        can_add=may_harvest(current_user, programme.id),
        showing_archive=request.args.get("archief") == "1",
    )


def _fill(form: HarvestedOutcomeForm, selected_markers: list[Any] | None = None) -> set[int]:
    """Choices from the database; returns the marker ids the outcome may be linked to."""
    programme = current_programme()
    theme_choices: dict[str, str] = {}
    if is_coordinator(current_user):
        theme_choices[""] = _("Het hele programma (geen thema)")
    theme_choices.update({str(t.id): t.name for t in editable_themes(current_user, programme.id)})
    form.theme_id.choices = theme_choices
    form.opgave_id.choices = {"": _("Geen opgave")} | {
        str(o.id): f"{o.theme.name} · {o.title}" for o in queries.opgaven(programme.id)
    }
    form.partner_id.choices = {"": _("Geen grenspartner: noem hieronder de actor")} | {
        str(p.id): p.name for p in queries.partners(programme.id)
    }
    # Only ids offered as choices reach a query (anything else fails validation anyway).
    partner_raw, opgave_raw = str(form.partner_id.data or ""), str(form.opgave_id.data or "")
    partner = int(partner_raw) if partner_raw in form.partner_id.choices and partner_raw else None
    opgave = int(opgave_raw) if opgave_raw in form.opgave_id.choices and opgave_raw else None
    markers = queries.markers_for(partner, opgave)
    for marker in selected_markers or []:
        if marker not in markers:
            markers.append(marker)
    form.marker_ids.choices = [
        (m.id, f"{labels.TIER_SHORT[m.tier]}: {m.text[:140]}") for m in markers
    ]
    return {m.id for m in markers}


def _scope_ok(form: HarvestedOutcomeForm) -> bool:
    """The opgave lies in the chosen theme (or gives it), and the user keeps that theme."""
    programme = current_programme()
    theme = db.session.get(Theme, int(form.theme_id.data)) if form.theme_id.data else None
    if form.opgave_id.data:
        opgave = db.session.get(Opgave, int(form.opgave_id.data))
        if theme is None:
            theme = opgave.theme
            form.theme_id.data = str(theme.id)
        elif opgave.theme_id != theme.id:
            form.opgave_id.errors.append(_("Deze opgave hoort niet bij het gekozen thema."))
            return False
    if not can_edit_scope(current_user, programme.id, theme):
        form.theme_id.errors.append(_("Je kunt alleen uitkomsten vastleggen voor je eigen thema."))
        return False
    return True


def _render_form(
    form: HarvestedOutcomeForm,
    outcome: HarvestedOutcome | None,
    status: int,
    origin: JournalEntry | None = None,
    conflict: Any = None,
):  # noqa: ANN202
    return (
        render_template(
            "plans/outcome_form.html", form=form, outcome=outcome, origin=origin, conflict=conflict
        ),
        status,
    )


@bp.route("/uitkomsten/nieuw", methods=["GET", "POST"])
@login_required
def create_outcome():
    programme = current_programme()
    if not may_harvest(current_user, programme.id):
        abort(403)
    form = HarvestedOutcomeForm()
    if request.method == "GET":
        theme = _int_arg("thema")
        form.theme_id.data = str(theme) if theme else ""
        partner = _int_arg("partner")
        form.partner_id.data = str(partner) if partner else ""
    allowed = _fill(form)
    if form.validate_on_submit() and _scope_ok(form):
        outcome = services.create_outcome(
            programme, form.values(), form.marker_ids.data or [], allowed, current_user
        )
        db.session.commit()
        flash(_("Uitkomst vastgelegd."), "success")
        return redirect(url_for("plans.outcome", outcome_id=outcome.id))
    return _render_form(form, None, 400 if request.method == "POST" else 200)


@bp.route("/logboeken/<int:entry_id>/uitkomst", methods=["GET", "POST"])
@login_required
def harvest_from_journal(entry_id: int):
    """The journal's unanticipated change as a harvested outcome, pre-filled and linked back."""
    programme = current_programme()
    entry = db.session.scalar(
        select(JournalEntry)
        .join(JournalEntry.engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(JournalEntry.id == entry_id, Theme.programme_id == programme.id)
    )
    if entry is None:
        abort(404)
    engagement = entry.engagement
    theme = engagement.opgave.theme
    if not can_edit_theme(current_user, theme):
        abort(403)
    form = HarvestedOutcomeForm()
    if request.method == "GET":
        form.theme_id.data = str(theme.id)
        form.opgave_id.data = str(engagement.opgave_id)
        form.partner_id.data = str(engagement.partner_id)
        form.change.data = entry.unanticipated_change or entry.change_description
        form.period.data = entry.period
        form.contribution.data = entry.contributing_factors
        form.substantiation.data = entry.evidence
    allowed = _fill(form)
    if form.validate_on_submit() and _scope_ok(form):
        outcome = services.create_outcome(
            programme,
            form.values(),
            form.marker_ids.data or [],
            allowed,
            current_user,
            origin=entry,
        )
        db.session.commit()
        flash(_("Uitkomst vastgelegd uit het logboek."), "success")
        return redirect(url_for("plans.outcome", outcome_id=outcome.id))
    return _render_form(form, None, 400 if request.method == "POST" else 200, origin=entry)


@bp.get("/uitkomsten/<int:outcome_id>")
@login_required
def outcome(outcome_id: int):
    outcome = outcome_or_404(outcome_id)
    programme = current_programme()
    can_edit = can_edit_scope(current_user, programme.id, outcome.theme)
    partner_form = MakePartnerForm(formdata=None, data={"type": PartnerType.other.value})
    partner_form.type.choices = {t.value: str(labels.PARTNER_TYPE[t]) for t in PartnerType}
    return render_template(
        "plans/outcome.html",
        outcome=outcome,
        can_edit=can_edit,
        can_make_partner=can_edit
        and can_edit_registry(current_user, programme.id)
        and not outcome.partner_id
        and bool(outcome.actor_name),
        partner_form=partner_form,
    )


@bp.route("/uitkomsten/<int:outcome_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_outcome(outcome_id: int):
    outcome = outcome_or_404(outcome_id)
    require_scope(outcome.theme)
    form = HarvestedOutcomeForm(obj=outcome if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(outcome.version)
        for name in ("theme_id", "opgave_id", "partner_id"):
            value = getattr(outcome, name)
            getattr(form, name).data = str(value) if value else ""
        form.marker_ids.data = [m.id for m in outcome.markers]
    allowed = _fill(form, outcome.markers)
    if form.is_submitted() and form.validate() and not _scope_ok(form):
        return _render_form(form, outcome, 400)
    done = submit_versioned(
        form,
        lambda: services.update_outcome(
            outcome, form.values(), form.marker_ids.data or [], allowed, form.version.data
        ),
        ["change", "period", "significance", "contribution", "substantiation"],
    )
    if done.saved:
        db.session.commit()
        flash(_("Uitkomst opgeslagen."), "success")
        return redirect(url_for("plans.outcome", outcome_id=outcome.id))
    return _render_form(form, outcome, done.status, conflict=done.conflict)


@bp.post("/uitkomsten/<int:outcome_id>/grenspartner")
@login_required
def make_partner(outcome_id: int):
    """One step: the free-text actor becomes a boundary partner in the registry, linked here."""
    outcome = outcome_or_404(outcome_id)
    require_scope(outcome.theme)
    if not can_edit_registry(current_user, outcome.programme_id):
        abort(403)
    back = redirect(url_for("plans.outcome", outcome_id=outcome.id))
    if outcome.partner_id or not outcome.actor_name:
        flash(_("Deze uitkomst hoort al bij een grenspartner."), "info")
        return back
    form = MakePartnerForm()
    form.type.choices = {t.value: str(labels.PARTNER_TYPE[t]) for t in PartnerType}
    if not form.validate_on_submit():
        flash(_("Kies een soort organisatie en probeer het opnieuw."), "warning")
        return back, 400
    try:
        partner = services.make_partner(outcome, PartnerType(form.type.data), form.version.data)
    except EditConflict:
        flash(
            _("Iemand anders wijzigde dit net; bekijk de pagina en probeer het opnieuw."), "warning"
        )
        return back
    db.session.commit()
    flash(_("%(name)s staat nu als grenspartner in het register.", name=partner.name), "success")
    return back


def _set_archived(outcome_id: int, archived: bool):  # noqa: ANN202
    outcome = outcome_or_404(outcome_id)
    require_scope(outcome.theme)
    if services.set_outcome_archived(outcome, archived):
        db.session.commit()
        flash(
            _("De uitkomst is gearchiveerd.") if archived else _("De uitkomst is teruggezet."),
            "success",
        )
    return redirect(url_for("plans.outcome", outcome_id=outcome.id))


@bp.post("/uitkomsten/<int:outcome_id>/archiveren")
@login_required
def archive_outcome(outcome_id: int):
    return _set_archived(outcome_id, True)


@bp.post("/uitkomsten/<int:outcome_id>/terugzetten")
@login_required
def restore_outcome(outcome_id: int):
    return _set_archived(outcome_id, False)
