"""The monitoring plan (OM step 8, per programme and theme), the evaluation plan (step 12,
per programme) and the L/M/H rubric of one engagement's ladder."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker import labels
from omtracker.context import current_programme
from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.periods import current_period
from omtracker.permissions import can_edit_theme
from omtracker.plans import bp, queries, services
from omtracker.plans.access import (
    can_edit_scope,
    engagement_or_404,
    evaluation_item_or_404,
    require_scope,
    theme_or_404,
)
from omtracker.plans.forms import EvaluationItemForm, MonitoringPlanForm, RubricForm


def _scope_url(endpoint: str, theme, **kwargs) -> str:  # noqa: ANN001
    return url_for(endpoint, theme_id=theme.id, **kwargs) if theme else url_for(endpoint, **kwargs)


@bp.get("/monitoringsplan")
@bp.get("/themas/<int:theme_id>/monitoringsplan")
@login_required
def monitoring_plan(theme_id: int | None = None):
    """The plan valid now, the plans that follow or went before, and each engagement's own
    journal frequency beside what the plan asks."""
    programme = current_programme()
    theme = theme_or_404(theme_id)
    plans = queries.monitoring_plans(programme.id, theme)
    now = current_period()
    return render_template(
        "plans/monitoring_plan.html",
        theme=theme,
        plans=plans,
        current=queries.plan_valid_in(plans, now),
        now=now,
        engagements=queries.theme_engagements(theme) if theme else [],
        can_edit=can_edit_scope(current_user, programme.id, theme),
        scope_url=lambda endpoint, **kw: _scope_url(endpoint, theme, **kw),
    )


@bp.route("/monitoringsplan/nieuw", methods=["GET", "POST"])
@bp.route("/themas/<int:theme_id>/monitoringsplan/nieuw", methods=["GET", "POST"])
@login_required
def edit_monitoring_plan(theme_id: int | None = None):
    """Write the plan valid from a month (this month or later): the past keeps its plan."""
    programme = current_programme()
    theme = theme_or_404(theme_id)
    require_scope(theme)
    plans = queries.monitoring_plans(programme.id, theme)
    current = queries.plan_valid_in(plans, current_period())
    form = MonitoringPlanForm(obj=current if request.method == "GET" else None)
    form.journal_frequency_months.choices = {"": _("Zoals bij elke grenspartner ingesteld")} | {
        str(k): str(v) for k, v in labels.MONITORING_FREQUENCY.items()
    }
    form.performance_rhythm_months.choices = {
        str(k): str(v) for k, v in labels.PERFORMANCE_RHYTHM.items()
    }
    if request.method == "GET":
        form.valid_from.data = current_period()
        form.journal_frequency_months.data = (
            str(current.journal_frequency_months)
            if current and current.journal_frequency_months
            else ""
        )
        form.performance_rhythm_months.data = str(
            current.performance_rhythm_months if current else 1
        )
        same = current if current and current.valid_from == current_period() else None
        form.version.data = str(same.version) if same else ""
    done = submit_versioned(
        form,
        lambda: services.save_monitoring_plan(
            programme, theme, form.values(), current_user, form.version.data
        ),
        ["monitored", "monitored_by", "how_often", "use_of_information"],
    )
    if done.saved:
        db.session.commit()
        flash(_("Monitoringsplan opgeslagen."), "success")
        return redirect(_scope_url("plans.monitoring_plan", theme))
    return (
        render_template(
            "plans/monitoring_plan_form.html",
            form=form,
            theme=theme,
            conflict=done.conflict,
            back=_scope_url("plans.monitoring_plan", theme),
        ),
        done.status,
    )


@bp.get("/evaluatieplan")
@login_required
def evaluation_plan():
    programme = current_programme()
    return render_template(
        "plans/evaluation_plan.html",
        items=queries.evaluation_items(programme.id),
        can_edit=can_edit_scope(current_user, programme.id, None),
    )


@bp.route("/evaluatieplan/nieuw", methods=["GET", "POST"])
@login_required
def create_evaluation():
    programme = current_programme()
    require_scope(None)
    form = EvaluationItemForm()
    if form.validate_on_submit():
        services.create_evaluation_item(programme, form.values())
        db.session.commit()
        flash(_("Evaluatie toegevoegd aan het evaluatieplan."), "success")
        return redirect(url_for("plans.evaluation_plan"))
    status = 400 if request.method == "POST" else 200
    return render_template("plans/evaluation_form.html", form=form, item=None), status


@bp.route("/evaluatieplan/<int:item_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_evaluation(item_id: int):
    item = evaluation_item_or_404(item_id)
    require_scope(None)
    form = EvaluationItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(item.version)
    done = submit_versioned(
        form,
        lambda: services.update_evaluation_item(item, form.values(), form.version.data),
        list(EvaluationItemForm.FIELDS),
    )
    if done.saved:
        db.session.commit()
        flash(_("Evaluatie opgeslagen."), "success")
        return redirect(url_for("plans.evaluation_plan"))
    return (
        render_template("plans/evaluation_form.html", form=form, item=item, conflict=done.conflict),
        done.status,
    )


def _set_evaluation_archived(item_id: int, archived: bool):  # noqa: ANN202
    item = evaluation_item_or_404(item_id)
    require_scope(None)
    if services.set_evaluation_archived(item, archived):
        db.session.commit()
        flash(
            _("De evaluatie is gearchiveerd; ze blijft leesbaar.")
            if archived
            else _("De evaluatie is teruggezet."),
            "success",
        )
    return redirect(url_for("plans.evaluation_plan"))


@bp.post("/evaluatieplan/<int:item_id>/archiveren")
@login_required
def archive_evaluation(item_id: int):
    return _set_evaluation_archived(item_id, True)


@bp.post("/evaluatieplan/<int:item_id>/terugzetten")
@login_required
def restore_evaluation(item_id: int):
    return _set_evaluation_archived(item_id, False)


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/rubriek", methods=["GET", "POST"])
@login_required
def rubric(engagement_id: int):
    """What low, medium and high look like on this ladder; shown beside the rating buttons."""
    engagement = engagement_or_404(engagement_id)
    theme = engagement.opgave.theme
    if not can_edit_theme(current_user, theme):
        abort(403)
    existing = services.rubric_for(engagement)
    form = RubricForm(obj=existing if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(existing.version) if existing else ""
    done = submit_versioned(
        form,
        lambda: services.save_rubric(engagement, form.values(), form.version.data),
        list(RubricForm.FIELDS),
    )
    if done.saved:
        db.session.commit()
        flash(_("Rubriek opgeslagen."), "success")
        return redirect(url_for("engagements.engagement", engagement_id=engagement.id))
    return (
        render_template(
            "plans/rubric_form.html", form=form, engagement=engagement, conflict=done.conflict
        ),
        done.status,
    )
