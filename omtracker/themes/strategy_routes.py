"""The strategy map of an opgave (I-1 … E-3), its strategies and their monthly journal."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.models import StrategyType
from omtracker.periods import add_months, current_period, first_day, format_period
from omtracker.permissions import can_edit_theme
from omtracker.themes import bp, queries, services
from omtracker.themes.access import (
    conflict_rows,
    load_engagement,
    load_opgave,
    load_strategy,
    month_arg,
    require_edit,
    toggle_archived,
)
from omtracker.themes.forms import StrategyForm, StrategyJournalForm

# The Outcome Mapping strategy map: rows aimed at the partner itself or at its environment,
# columns causal, persuasive, supportive.
GRID = (
    ("I", (StrategyType.i1, StrategyType.i2, StrategyType.i3)),
    ("E", (StrategyType.e1, StrategyType.e2, StrategyType.e3)),
)


@bp.get("/opgaven/<int:opgave_id>/strategieen")
@login_required
def strategies(opgave_id: int):
    opgave = load_opgave(opgave_id)
    data = queries.strategy_map(opgave)
    return render_template(
        "themes/strategy_map.html",
        data=data,
        opgave=opgave,
        theme=opgave.theme,
        engagement=None,
        partner_maps=queries.partner_maps(opgave),
        grid=GRID,
        can_edit=can_edit_theme(current_user, opgave.theme),
    )


@bp.get("/uitkomstuitdagingen/<int:engagement_id>/strategieen")
@login_required
def engagement_strategies(engagement_id: int):
    """The strategy map of one boundary partner: what the theme group does for this partner."""
    engagement = load_engagement(engagement_id)
    opgave = engagement.opgave
    return render_template(
        "themes/strategy_map.html",
        data=queries.strategy_map(opgave, engagement.id),
        opgave=opgave,
        theme=opgave.theme,
        engagement=engagement,
        partner_maps=[],
        grid=GRID,
        can_edit=can_edit_theme(current_user, opgave.theme),
    )


def _ladder(engagement) -> list:  # noqa: ANN001
    """The markers a strategy for this partner can aim at: the ladder's counting markers."""
    return [m for m in engagement.markers if m.retired_period is None]


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/strategieen/nieuw", methods=["GET", "POST"])
@login_required
def create_engagement_strategy(engagement_id: int):
    engagement = load_engagement(engagement_id)
    opgave = engagement.opgave
    require_edit(opgave.theme)
    back = url_for("themes.engagement_strategies", engagement_id=engagement.id)
    if engagement.archived or opgave.archived:
        flash(
            _("Deze uitkomstuitdaging is gearchiveerd; er kunnen geen strategieën bij."), "warning"
        )
        return redirect(back)
    form = StrategyForm()
    form.fill_choices(_ladder(engagement))
    if request.method == "GET":
        wanted = request.args.get("soort")
        if wanted in {t.value for t in StrategyType}:
            form.type.data = wanted
        marker = request.args.get("markering", "")
        form.marker_ids.data = [int(marker)] if marker.isdigit() else []
    if form.validate_on_submit():
        strategy = services.create_strategy(
            opgave, form.values(), engagement, form.marker_ids.data or []
        )
        db.session.commit()
        flash(_("Strategie ‘%(title)s’ toegevoegd.", title=strategy.title), "success")
        return redirect(back)
    code = 400 if request.method == "POST" else 200
    return (
        render_template(
            "themes/strategy_form.html",
            form=form,
            opgave=opgave,
            theme=opgave.theme,
            strategy=None,
            engagement=engagement,
        ),
        code,
    )


@bp.route("/opgaven/<int:opgave_id>/strategieen/nieuw", methods=["GET", "POST"])
@login_required
def create_strategy(opgave_id: int):
    opgave = load_opgave(opgave_id)
    require_edit(opgave.theme)
    if opgave.archived:
        flash(
            _("Deze opgave is gearchiveerd; zet haar eerst terug om strategieën toe te voegen."),
            "warning",
        )
        return redirect(url_for("themes.strategies", opgave_id=opgave.id))
    form = StrategyForm()
    form.fill_choices()
    if request.method == "GET":
        wanted = request.args.get("soort")
        if wanted in {t.value for t in StrategyType}:
            form.type.data = wanted
    if form.validate_on_submit():
        strategy = services.create_strategy(opgave, form.values())
        db.session.commit()
        flash(_("Strategie ‘%(title)s’ toegevoegd.", title=strategy.title), "success")
        return redirect(url_for("themes.strategies", opgave_id=opgave.id))
    code = 400 if request.method == "POST" else 200
    return (
        render_template(
            "themes/strategy_form.html",
            form=form,
            opgave=opgave,
            theme=opgave.theme,
            strategy=None,
            engagement=None,
        ),
        code,
    )


@bp.get("/strategieen/<int:strategy_id>")
@login_required
def strategy(strategy_id: int):
    strategy = load_strategy(strategy_id)
    opgave = strategy.opgave
    entries = queries.strategy_entries(strategy)
    this_month = current_period()
    return render_template(
        "themes/strategy.html",
        strategy=strategy,
        opgave=opgave,
        theme=opgave.theme,
        entries=entries,
        this_month=this_month,
        last_month=add_months(this_month, -1),
        written={entry.period for entry, _author in entries},
        can_edit=can_edit_theme(current_user, opgave.theme),
    )


@bp.route("/strategieen/<int:strategy_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_strategy(strategy_id: int):
    strategy = load_strategy(strategy_id)
    opgave = strategy.opgave
    require_edit(opgave.theme)
    form = StrategyForm(obj=strategy if request.method == "GET" else None)
    form.fill_choices(_ladder(strategy.engagement) if strategy.engagement else [])
    if request.method == "GET":
        form.type.data = strategy.type.value
        form.version.data = str(strategy.version)
        form.marker_ids.data = [m.id for m in strategy.markers]
    done = submit_versioned(
        form,
        lambda: services.update_strategy(
            strategy, form.values(), form.version.data, form.marker_ids.data or []
        ),
        lambda stored: conflict_rows(stored, form),
    )
    if done.saved:
        db.session.commit()
        flash(_("Strategie opgeslagen."), "success")
        return redirect(url_for("themes.strategy", strategy_id=strategy.id))
    return (
        render_template(
            "themes/strategy_form.html",
            form=form,
            opgave=opgave,
            theme=opgave.theme,
            strategy=strategy,
            engagement=strategy.engagement,
            conflict=done.conflict,
        ),
        done.status,
    )


def _set_archived(strategy_id: int, archived: bool, done: str, already: str):  # noqa: ANN202
    strategy = load_strategy(strategy_id)
    return toggle_archived(
        strategy,
        strategy.opgave.theme,
        archived,
        done,
        already,
        url_for("themes.strategy", strategy_id=strategy.id),
    )


@bp.post("/strategieen/<int:strategy_id>/archiveren")
@login_required
def archive_strategy(strategy_id: int):
    return _set_archived(
        strategy_id,
        True,
        _("De strategie is gearchiveerd; haar logboek blijft leesbaar."),
        _("De strategie was al gearchiveerd."),
    )


@bp.post("/strategieen/<int:strategy_id>/terugzetten")
@login_required
def restore_strategy(strategy_id: int):
    return _set_archived(
        strategy_id,
        False,
        _("De strategie is uit het archief teruggezet."),
        _("De strategie was niet gearchiveerd."),
    )


@bp.get("/strategieen/<int:strategy_id>/logboek")
@login_required
def pick_strategy_month(strategy_id: int):
    """The month picker on the strategy page: a plain GET form that leads to the month's form."""
    strategy = load_strategy(strategy_id)
    period = month_arg(request.args.get("maand"), code=400)
    return redirect(url_for("themes.strategy_entry", strategy_id=strategy.id, period=period))


@bp.route("/strategieen/<int:strategy_id>/logboek/<period>", methods=["GET", "POST"])
@login_required
def strategy_entry(strategy_id: int, period: str):
    """Write or edit the strategy journal of one month (one entry per strategy and month)."""
    strategy = load_strategy(strategy_id)
    opgave = strategy.opgave
    require_edit(opgave.theme)
    period = month_arg(period)
    if strategy.archived:
        flash(_("Deze strategie is gearchiveerd; zet haar eerst terug om te schrijven."), "warning")
        return redirect(url_for("themes.strategy", strategy_id=strategy.id))
    existing = services.strategy_entry_for(strategy, period)
    form = StrategyJournalForm(obj=existing if request.method == "GET" else None)
    form.period_start = first_day(period)
    if request.method == "GET":
        form.version.data = str(existing.version) if existing else ""
    done = submit_versioned(
        form,
        lambda: services.save_strategy_entry(
            strategy, period, form.values(), current_user, form.version.data
        ),
        lambda stored: conflict_rows(stored, form),
    )
    if done.saved:
        db.session.commit()
        flash(
            _("Strategielogboek voor %(month)s opgeslagen.", month=format_period(period)),
            "success",
        )
        return redirect(url_for("themes.strategy", strategy_id=strategy.id))
    return (
        render_template(
            "themes/strategy_entry_form.html",
            form=form,
            strategy=strategy,
            opgave=opgave,
            theme=opgave.theme,
            period=period,
            existing=done.current or existing,
            conflict=done.conflict,
        ),
        done.status,
    )
