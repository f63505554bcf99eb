"""Key indicator pages: the list, one indicator, and the coordinators' edit forms."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.context import current_programme
from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.indicators import bp, services
from omtracker.indicators.forms import IndicatorForm, IndicatorValueForm
from omtracker.labels import INDICATOR_AREA, INDICATOR_CATEGORY
from omtracker.models import Indicator, IndicatorValue
from omtracker.permissions import is_coordinator


def can_manage() -> bool:
    """Coordinators and administrators keep the indicators; the board and others only read."""
    return is_coordinator(current_user)


def require_manager() -> None:
    if not can_manage():
        abort(403)


def load_indicator(indicator_id: int) -> Indicator:
    indicator = services.load_indicator(indicator_id, current_programme().id)
    if indicator is None:
        abort(404)
    return indicator


def load_value(value_id: int) -> IndicatorValue:
    value = services.load_value(value_id, current_programme().id)
    if value is None:
        abort(404)
    return value


def category_choices(current: str | None = None) -> dict[str, str]:
    choices = {"": _("— geen —")}
    choices.update({key: str(label) for key, label in INDICATOR_CATEGORY.items()})
    if current and current not in choices:
        choices[current] = current
    return choices


@bp.get("/")
@login_required
def index():
    programme = current_programme()
    items = services.summaries(programme.id)
    archived = services.summaries(programme.id, archived=True)
    grouped = services.by_category(items)
    order = [key for key in INDICATOR_CATEGORY if key in grouped]
    order += sorted(key for key in grouped if key not in INDICATOR_CATEGORY)
    sparklines = {item.indicator.id: services.sparkline_for(item) for item in items}
    return render_template(
        "indicators/index.html",
        grouped=grouped,
        order=order,
        archived=archived,
        sparklines=sparklines,
        can_manage=can_manage(),
    )


@bp.get("/<int:indicator_id>")
@login_required
def detail(indicator_id: int):
    indicator = load_indicator(indicator_id)
    return render_template(
        "indicators/detail.html",
        indicator=indicator,
        values=services.sorted_values(indicator),
        latest=services.latest_value(indicator.values),
        chart=services.detail_chart(indicator),
        can_manage=can_manage(),
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def create():
    require_manager()
    form = IndicatorForm()
    form.category.choices = category_choices()
    if form.validate_on_submit():
        indicator = services.create_indicator(current_programme().id, form.values())
        db.session.commit()
        flash(_("Indicator %(name)s is toegevoegd.", name=indicator.name), "success")
        return redirect(url_for("indicators.detail", indicator_id=indicator.id))
    status = 400 if request.method == "POST" else 200
    return render_template("indicators/form.html", form=form, indicator=None), status


@bp.route("/<int:indicator_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(indicator_id: int):
    indicator = load_indicator(indicator_id)
    require_manager()
    form = IndicatorForm(obj=indicator) if request.method == "GET" else IndicatorForm()
    form.category.choices = category_choices(indicator.category)
    done = submit_versioned(
        form,
        lambda: services.update_indicator(indicator, form.values(), form.version.data),
        list(services.INDICATOR_FIELDS),
    )
    if done.saved:
        db.session.commit()
        flash(_("Indicator %(name)s is opgeslagen.", name=indicator.name), "success")
        return redirect(url_for("indicators.detail", indicator_id=indicator.id))
    return render_template(
        "indicators/form.html", form=form, indicator=indicator, conflict=done.conflict
    ), done.status


@bp.post("/<int:indicator_id>/archiveren")
@login_required
def archive(indicator_id: int):
    indicator = load_indicator(indicator_id)
    return _set_archived(
        indicator,
        True,
        _("Indicator %(name)s is gearchiveerd.", name=indicator.name),
        url_for("indicators.index"),
    )


@bp.post("/<int:indicator_id>/terugzetten")
@login_required
def restore(indicator_id: int):
    indicator = load_indicator(indicator_id)
    return _set_archived(
        indicator,
        False,
        _("Indicator %(name)s is teruggezet.", name=indicator.name),
        url_for("indicators.detail", indicator_id=indicator.id),
    )


def _set_archived(record: Indicator | IndicatorValue, archived: bool, done: str, back: str):  # noqa: ANN202
    """Archive or restore an indicator or a value (managers only) and go `back`."""
    require_manager()
    services.set_archived(record, archived)
    db.session.commit()
    flash(done, "success")
    return redirect(back)


def value_form(value: IndicatorValue | None = None) -> IndicatorValueForm:
    if request.method == "GET":
        form = IndicatorValueForm(obj=value) if value else IndicatorValueForm()
    else:
        form = IndicatorValueForm()
    form.area.choices = {area.value: str(label) for area, label in INDICATOR_AREA.items()}
    if value is not None and request.method == "GET":
        form.area.data = value.area.value
    return form


@bp.route("/<int:indicator_id>/waarden/nieuw", methods=["GET", "POST"])
@login_required
def add_value(indicator_id: int):
    indicator = load_indicator(indicator_id)
    require_manager()
    form = value_form()
    if form.validate_on_submit():
        services.add_value(indicator, form.values())
        db.session.commit()
        flash(_("De waarde is toegevoegd."), "success")
        return redirect(url_for("indicators.detail", indicator_id=indicator.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "indicators/value_form.html", form=form, indicator=indicator, value=None
    ), status


@bp.route("/waarden/<int:value_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_value(value_id: int):
    value = load_value(value_id)
    require_manager()
    form = value_form(value)
    done = submit_versioned(
        form,
        lambda: services.update_value(value, form.values(), form.version.data),
        list(services.VALUE_FIELDS),
    )
    if done.saved:
        db.session.commit()
        flash(_("De waarde is opgeslagen."), "success")
        return redirect(url_for("indicators.detail", indicator_id=value.indicator_id))
    return render_template(
        "indicators/value_form.html",
        form=form,
        indicator=value.indicator,
        value=value,
        conflict=done.conflict,
    ), done.status


@bp.post("/waarden/<int:value_id>/archiveren")
@login_required
def archive_value(value_id: int):
    value = load_value(value_id)
    return _set_archived(
        value,
        True,
        _("De waarde is gearchiveerd; ze blijft zichtbaar in de lijst."),
        url_for("indicators.detail", indicator_id=value.indicator_id),
    )


@bp.post("/waarden/<int:value_id>/terugzetten")
@login_required
def restore_value(value_id: int):
    value = load_value(value_id)
    return _set_archived(
        value,
        False,
        _("De waarde is teruggezet."),
        url_for("indicators.detail", indicator_id=value.indicator_id),
    )
