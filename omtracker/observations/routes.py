"""Routes: choose a partner (step 1), note what you saw (step 2); change or remove your own."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.journals import queries, writes_journals
from omtracker.journals.attachments import (
    ALLOWED_LABEL,
    attachment_dir,
    human_size,
    remove_quietly,
)
from omtracker.models import Engagement, Level, Observation
from omtracker.observations import bp, services
from omtracker.observations.forms import ObservationForm
from omtracker.periods import current_period, format_period, period_of
from omtracker.permissions import can_write_journal


@bp.app_template_global("significance_level")
def significance_level(name: str) -> Level:
    """An observation's significance as the marker level of the same name (for its badge)."""
    return Level[name]


@bp.get("/waarneming")
@login_required
def index():
    """Step 1: the partners of the user's theme groups, as a list to tap."""
    if not writes_journals(current_user):
        abort(403)
    programme = current_programme()
    return render_template(
        "observations/index.html",
        choices=services.writable_engagements(current_user, programme.id, current_period()),
        recent=services.recent_by(current_user, programme.id),
    )


def _writable_engagement(engagement_id: int) -> Engagement:
    engagement = queries.load_engagement(engagement_id, current_programme().id) or abort(404)
    if not can_write_journal(current_user, engagement.opgave.theme):
        abort(403)
    return engagement


def _form(
    engagement: Engagement, observation: Observation | None = None, **kwargs
) -> ObservationForm:  # noqa: ANN003
    """The form with the markers counting now; an edit keeps the marker it was about."""
    form = ObservationForm(earliest=engagement.start_date, **kwargs)
    markers = services.counting_markers(engagement, current_period())
    if observation is not None and observation.marker and observation.marker not in markers:
        markers.append(observation.marker)
    form.fill_markers(markers)
    return form


def _input(form: ObservationForm) -> services.ObservationInput:
    return services.ObservationInput(
        observed_on=form.observed_on.data,
        text=form.text.data,
        marker_id=form.marker.data,
        significance=form.significance.data or None,
    )


def _page(engagement: Engagement, form: ObservationForm, observation: Observation | None = None):  # noqa: ANN202
    max_bytes = int(current_app.config["ATTACHMENT_MAX_BYTES"])
    return render_template(
        "observations/form.html",
        engagement=engagement,
        form=form,
        observation=observation,
        allowed_types=ALLOWED_LABEL,
        max_bytes=max_bytes,
        max_size=human_size(max_bytes),
    )


def _saved_message(engagement: Engagement, period: str) -> Markup:
    """The flash after saving, with the way on: the month's journal, or another observation."""
    from omtracker.journals.routes import period_problem  # journals' routes import this area

    message = Markup("{} ").format(
        _("Waarneming over %(partner)s opgeslagen.", partner=engagement.partner.name)
    )
    if period_problem(engagement, period) is None:
        message += Markup('<a href="{}">{}</a>').format(
            url_for("journals.form", engagement_id=engagement.id, period=period),
            _("Naar het logboek van %(month)s", month=format_period(period)),
        )
    return message


def _commit_or_undo(stored_name: str | None) -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        remove_quietly(attachment_dir(), [stored_name] if stored_name else [])
        raise


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/waarneming", methods=["GET", "POST"])
@login_required
def create(engagement_id: int):
    """Step 2: what was seen, optionally a photo or file, the marker and its significance."""
    engagement = _writable_engagement(engagement_id)
    if engagement.archived:
        abort(404)
    form = _form(engagement)
    if not form.validate_on_submit():
        return _page(engagement, form), 400 if request.method == "POST" else 200
    _, stored_name = services.record_observation(
        engagement, _input(form), current_user, form.upload, attachment_dir()
    )
    _commit_or_undo(stored_name)
    flash(_saved_message(engagement, period_of(form.observed_on.data)), "success")
    return redirect(url_for("observations.index"))


def _own(observation_id: int) -> Observation:
    observation = services.load(observation_id, current_programme().id) or abort(404)
    if not services.may_change(current_user, observation):
        abort(403)
    return observation


@bp.route("/waarnemingen/<int:observation_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(observation_id: int):
    observation = _own(observation_id)
    engagement = observation.engagement
    if request.method == "GET":
        form = _form(
            engagement,
            observation,
            data={
                "text": observation.text,
                "observed_on": observation.observed_on,
                "marker": str(observation.progress_marker_id or ""),
                "significance": observation.significance or "",
            },
        )
        return _page(engagement, form, observation)
    form = _form(engagement, observation)
    if not form.validate_on_submit():
        return _page(engagement, form, observation), 400
    stored_name = services.change_observation(
        observation, _input(form), form.upload, attachment_dir()
    )
    _commit_or_undo(stored_name)
    flash(_saved_message(engagement, observation.period), "success")
    return redirect(url_for("observations.index"))


@bp.post("/waarnemingen/<int:observation_id>/verwijderen")
@login_required
def archive(observation_id: int):
    observation = _own(observation_id)
    services.archive_observation(observation)
    db.session.commit()
    flash(_("Waarneming verwijderd."), "info")
    return redirect(url_for("observations.index"))


@bp.get("/waarnemingen/<int:observation_id>/bestand")
@login_required
def file(observation_id: int):
    """The photo or file, for everyone who reads the programme (like journal attachments)."""
    observation = services.load(observation_id, current_programme().id)
    if observation is None or not observation.stored_name:
        abort(404)
    return send_from_directory(
        attachment_dir(),
        observation.stored_name,
        as_attachment=observation.content_type not in ("image/png", "image/jpeg"),
        download_name=observation.filename,
        mimetype=observation.content_type,
        max_age=0,
    )
