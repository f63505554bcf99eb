"""Progress markers: add, edit, reorder within a tier, retire and restore, and the marker page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from omtracker.editing import submit_versioned
from omtracker.engagements import bp, contribution, queries, services
from omtracker.engagements.access import (
    engagement_or_404,
    marker_or_404,
    require_edit,
    versioned_button,
)
from omtracker.engagements.forms import (
    TEXT_MAX,
    MarkerForm,
    MarkerTextForm,
    RetireMarkerForm,
    past_change_message,
)
from omtracker.extensions import db
from omtracker.models import Engagement, JournalEntry, Level, ProgressMarker, Tier
from omtracker.periods import add_months, current_period, format_period, is_period
from omtracker.permissions import can_edit_theme


def _origin_entry(engagement: Engagement) -> JournalEntry | None:
    """The journal entry an unanticipated change is promoted from (?uit_logboek=<id>)."""
    raw = request.args.get("uit_logboek")
    if raw is None:
        return None
    if not raw.isdigit():
        abort(404)
    entry = db.session.scalar(
        select(JournalEntry).where(
            JournalEntry.id == int(raw), JournalEntry.engagement_id == engagement.id
        )
    )
    if entry is None:
        abort(404)
    return entry


def _back_to_marker(marker: ProgressMarker):  # noqa: ANN202
    return redirect(
        url_for(".engagement", engagement_id=marker.engagement_id, _anchor=f"marker-{marker.id}")
    )


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/markeringen/nieuw", methods=["GET", "POST"])
@login_required
def add_marker(engagement_id: int):
    """A new rung on the ladder; from a journal entry, its unanticipated change in one step."""
    engagement = engagement_or_404(engagement_id)
    require_edit(engagement.opgave.theme)
    origin = _origin_entry(engagement)
    form = MarkerForm()
    if request.method == "GET":
        tier = request.args.get("niveau")
        form.tier.data = Tier(tier) if tier in Tier.__members__ else None
        form.first_period.data = current_period()
        if origin is not None:
            form.text.data = origin.unanticipated_change.strip()[:TEXT_MAX]
            form.first_period.data = origin.period
    status = 200
    valid = form.validate_on_submit()
    if valid and origin is not None and form.level.data in (None, ""):
        form.level.errors = [_("Kies het niveau dat je in dat logboek zag.")]
        valid = False
    if valid:
        marker = services.add_marker(
            engagement,
            tier=form.tier.data,
            text=form.text.data,
            first_period=form.first_period.data,
            origin_entry=origin,
            level=Level(int(form.level.data)) if origin is not None else None,
        )
        db.session.commit()
        flash(_("Markering toegevoegd: %(text)s", text=marker.text), "success")
        if request.form.get("next") == "another":
            return redirect(
                url_for(".add_marker", engagement_id=engagement.id, niveau=marker.tier.value)
            )
        return _back_to_marker(marker)
    if request.method == "POST":
        status = 400
    first = form.first_period.data
    past = services.past_months_changed(first) if is_period(first) else []
    return (
        render_template(
            "engagements/marker_new.html",
            form=form,
            engagement=engagement,
            origin=origin,
            past_warning=past_change_message(first) if past else None,
        ),
        status,
    )


@bp.get("/markeringen/<int:marker_id>")
@login_required
def marker(marker_id: int):
    """The stable page of one marker: every rating it got and every change made to it."""
    return render_marker(marker_or_404(marker_id))


def render_marker(marker: ProgressMarker, status: int = 200, conflict: str | None = None):  # noqa: ANN201
    page = queries.marker_page(marker, current_period())
    can_edit = can_edit_theme(current_user, marker.engagement.opgave.theme)
    return (
        render_template(
            "engagements/marker.html",
            page=page,
            marker=marker,
            can_edit=can_edit,
            conflict=conflict,
            links=contribution.marker_links(marker.id),
        ),
        status,
    )


@bp.route("/markeringen/<int:marker_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_marker(marker_id: int):
    marker = marker_or_404(marker_id)
    require_edit(marker.engagement.opgave.theme)
    form = MarkerTextForm(obj=marker)
    done = submit_versioned(
        form,
        lambda: services.update_marker_text(marker, form.version.data, form.text.data),
        lambda stored: [(str(form.text.label.text), stored.text, form.text.data)],
    )
    if done.saved:
        db.session.commit()
        flash(_("Markering opgeslagen."), "success")
        return _back_to_marker(marker)
    return (
        render_template(
            "engagements/marker_edit.html",
            form=form,
            marker=done.current or marker,
            conflict=done.conflict,
        ),
        done.status,
    )


@bp.post("/markeringen/<int:marker_id>/<any(omhoog, omlaag):direction>")
@login_required
def move_marker(marker_id: int, direction: str):
    """Reorder within the tier with plain POST buttons: keyboard friendly, no script needed."""
    marker = marker_or_404(marker_id)
    require_edit(marker.engagement.opgave.theme)
    if services.move_marker(marker, -1 if direction == "omhoog" else 1):
        db.session.commit()
    return _back_to_marker(marker)


@bp.route("/markeringen/<int:marker_id>/intrekken", methods=["GET", "POST"])
@login_required
def retire_marker(marker_id: int):
    """Stop counting a marker from a chosen month on; it keeps its history."""
    marker = marker_or_404(marker_id)
    require_edit(marker.engagement.opgave.theme)
    form = RetireMarkerForm(first_period=marker.first_period)
    if request.method == "GET":
        form.version.data = str(marker.version)
        form.retired_period.data = marker.retired_period or max(
            marker.first_period, add_months(current_period(), -1)
        )
    done = submit_versioned(
        form,
        lambda: services.retire_marker(marker, form.version.data, form.retired_period.data),
        lambda stored: [
            (
                str(form.retired_period.label.text),
                stored.retired_period or "",
                form.retired_period.data,
            )
        ],
        refused={
            services.RetiredBeforeStart: lambda _exc: form.retired_period.errors.append(
                _("Kies een maand vanaf %(month)s.", month=format_period(marker.first_period))
            )
        },
    )
    if done.saved:
        db.session.commit()
        flash(_("Markering ingetrokken. Haar geschiedenis blijft zichtbaar."), "success")
        return _back_to_marker(marker)
    return (
        render_template(
            "engagements/marker_retire.html",
            form=form,
            marker=done.current or marker,
            conflict=done.conflict,
        ),
        done.status,
    )


@bp.post("/markeringen/<int:marker_id>/terugzetten")
@login_required
def unretire_marker(marker_id: int):
    marker = marker_or_404(marker_id)
    require_edit(marker.engagement.opgave.theme)
    refused = versioned_button(
        marker,
        lambda version: services.unretire_marker(marker, version),
        render_marker,
        _(
            "Iemand anders heeft deze markering intussen gewijzigd. Er is niets veranderd; "
            "bekijk de huidige stand hieronder en probeer het opnieuw."
        ),
    )
    if refused is not None:
        return refused
    db.session.commit()
    flash(_("Markering telt weer mee."), "success")
    return _back_to_marker(marker)
