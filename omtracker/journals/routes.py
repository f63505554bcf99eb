"""Routes: the journal form, the entry page and its revisions, attachments, promote, my month."""

from __future__ import annotations

import re

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from omtracker import clock
from omtracker.context import current_programme
from omtracker.editing import EditConflict
from omtracker.extensions import db
from omtracker.journals import bp, queries, services, writes_journals
from omtracker.journals.attachments import (
    ALLOWED_LABEL,
    attachment_dir,
    human_size,
    remove_quietly,
)
from omtracker.journals.conflicts import conflict_rows, last_editor
from omtracker.journals.forms import NOT_RATED, journal_form_class
from omtracker.journals.mymonth import my_month as build_my_month
from omtracker.journals.mymonth import next_engagement
from omtracker.models import Engagement, JournalEntry
from omtracker.observations import services as observation_services
from omtracker.periods import (
    add_months,
    current_period,
    format_period,
    is_period,
    requested_month,
)
from omtracker.permissions import can_write_journal
from omtracker.query_args import record_id
from omtracker.write_lock import WriteBusy, busy_message

URL_RE = re.compile(r"https?://[^\s<>\"']+")


@bp.app_template_filter("evidence_links")
def evidence_links(text: str) -> Markup:
    """Evidence text with its web addresses made clickable; everything else escaped."""
    parts, last = [], 0
    for match in URL_RE.finditer(text or ""):
        url = match.group(0).rstrip(".,;:!?)")
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(url))
        last = match.start() + len(url)
    parts.append(escape((text or "")[last:]))
    return Markup("").join(parts)


def period_problem(engagement: Engagement, period: str) -> str | None:
    """Why no journal can be written for this engagement and month, or None."""
    if engagement.archived:
        return _("Deze uitkomstuitdaging is gearchiveerd; er kunnen geen logboeken meer bij.")
    if period > current_period():
        return _(
            "%(month)s ligt in de toekomst. Een logboek schrijf je over een maand die al "
            "begonnen is.",
            month=format_period(period),
        )
    if period < engagement.start_period:
        return _(
            "De samenwerking met %(partner)s begon in %(start)s; voor %(month)s kan geen "
            "logboek worden geschreven.",
            partner=engagement.partner.name,
            start=format_period(engagement.start_period),
            month=format_period(period),
        )
    return None


def _initial_data(ladder: queries.Ladder, entry: JournalEntry | None) -> dict:
    """What the form shows first: the stored entry, or last month's levels for a new one."""
    data: dict = {}
    if entry is not None:
        data = {name: getattr(entry, name) for name in services.TEXT_FIELDS}
        data |= {
            "highlight": entry.highlight,
            "no_change_seen": entry.no_change_seen,
            "version": entry.version,
            "contributors": [c.partner_id for c in entry.contributors],
        }
    for row in ladder.rows:
        if entry is not None:
            rating = row.rating
            data[f"level_{row.marker.id}"] = str(rating.level) if rating else NOT_RATED
            data[f"note_{row.marker.id}"] = rating.note if rating else ""
        elif row.last_rated is not None and row.previous_level is not None:
            data[f"level_{row.marker.id}"] = str(row.previous_level)
    return data


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/logboek/<period>", methods=["GET", "POST"])
@login_required
def form(engagement_id: int, period: str):
    programme = current_programme()
    engagement = queries.load_engagement(engagement_id, programme.id)
    if engagement is None or not is_period(period):
        abort(404)
    if not can_write_journal(current_user, engagement.opgave.theme):
        abort(403)
    problem = period_problem(engagement, period)
    if problem:
        return render_template(
            "journals/unavailable.html", engagement=engagement, period=period, message=problem
        ), 400
    posting = request.method == "POST"
    entry = services.find_entry(engagement.id, period)
    ladder = queries.ladder(engagement, period, entry, with_history=not posting)
    form_class = journal_form_class(ladder.markers)
    # The month's observations are read when the form is shown; a save links the ones its
    # form listed (posted ids), so a successful save does not read them again.
    listed = None
    if posting:
        form = form_class()
    else:
        listed = observation_services.for_journal_form(
            engagement.id, period, entry.id if entry else None
        )
        form = form_class(data=_with_observations(_initial_data(ladder, entry), listed[0]))
    existing_contributors = [c.partner_id for c in entry.contributors] if entry else []
    form.contributors.choices = queries.partner_choices(engagement, existing_contributors)
    if form.validate_on_submit():
        return _save(programme.id, engagement, period, entry, ladder, form)
    if posting:
        queries.add_history(ladder, engagement, period)
    context = _form_context(engagement, period, entry, ladder, form, observations=listed)
    return render_template("journals/form.html", **context), 400 if posting else 200


def _with_observations(data: dict, observations: list) -> dict:
    """A new journal begins with the month's observations as its description of change; an
    existing one gets them added when the writer asks ("Als begintekst gebruiken")."""
    if not observations:
        return data
    text = observation_services.starting_text(observations)
    current = (data.get("change_description") or "").strip()
    if not current:
        data["change_description"] = text
    elif request.args.get("begintekst") and text not in current:
        data["change_description"] = f"{current}\n\n{text}"
    return data


def _save(programme_id, engagement, period, entry, ladder, form):  # noqa: ANN001, ANN202
    """Save, then go to the entry (or the next journal to write); 409 on a conflict."""
    theme_filter = record_id(request.args.get("thema"))
    data = services.JournalInput(
        texts={name: form[name].data or "" for name in services.TEXT_FIELDS},
        highlight=form.highlight.data,
        ratings=form.ratings(),
        marker_ids=form.marker_ids,
        contributor_ids=form.contributors.data or [],
        no_change_seen=form.no_change_seen.data,
    )
    saved_message = _(
        "Logboek van %(partner)s voor %(month)s opgeslagen.",
        partner=engagement.partner.name,
        month=format_period(period),
    )
    stored_names: list[str] = []
    try:
        saved = services.save_journal(
            engagement, period, entry, data, current_user, form.version.data
        )
        stored_names = services.add_attachments(saved, form.uploads, current_user, attachment_dir())
        observation_services.link_to_entry(
            saved, [i for i in map(record_id, request.form.getlist("observation_ids")) if i]
        )
        target = url_for("journals.entry", entry_id=saved.id)
        done_message = None
        if request.form.get("action") == "next":
            target, done_message = _next_target(programme_id, engagement, period, theme_filter)
        db.session.commit()
    except EditConflict:
        db.session.rollback()
        remove_quietly(attachment_dir(), stored_names)
        return _conflict(engagement, period, ladder, form)
    except WriteBusy:
        db.session.rollback()
        remove_quietly(attachment_dir(), stored_names)
        return _busy(engagement, period, entry, ladder, form)
    except Exception:
        db.session.rollback()
        remove_quietly(attachment_dir(), stored_names)
        raise
    flash(saved_message, "success")
    if done_message:
        flash(done_message, "success")
    return redirect(target)


def _next_target(programme_id, engagement, period, theme_filter):  # noqa: ANN001, ANN202
    """Where "Opslaan en volgende" goes: the next journal still to write, else Mijn maand."""
    following = next_engagement(
        current_user, programme_id, period, theme_filter, clock.today(), after=engagement.id
    )
    if following is None:
        message = _("Alle logboeken voor %(month)s zijn geschreven.", month=format_period(period))
        return url_for("journals.my_month", maand=period, thema=theme_filter), message
    target = url_for("journals.form", engagement_id=following, period=period, thema=theme_filter)
    return target, None


def _form_context(engagement, period, entry, ladder, form, observations=None, **extra) -> dict:  # noqa: ANN001
    previous, following = add_months(period, -1), add_months(period, 1)
    if observations is None:
        observations = observation_services.for_journal_form(
            engagement.id, period, entry.id if entry else None
        )
    return {
        "observations": observations[0],
        "observations_text": observation_services.starting_text(observations[0]),
        "taken_observations": observations[1],
        "engagement": engagement,
        "theme": engagement.opgave.theme,
        "period": period,
        "entry": entry,
        "attachments": queries.active_attachments(entry.id) if entry else [],
        "ladder": ladder,
        "form": form,
        "previous_month": previous if previous >= engagement.start_period else None,
        "next_month": following if following <= current_period() else None,
        "allowed_types": ALLOWED_LABEL,
        "max_bytes": int(current_app.config["ATTACHMENT_MAX_BYTES"]),
        "max_size": human_size(int(current_app.config["ATTACHMENT_MAX_BYTES"])),
        "rubric": queries.ladder_rubric(engagement.id),
        **extra,
    }


def _busy(engagement, period, entry, ladder, form):  # noqa: ANN001, ANN202
    """503: the database stayed busy; the form comes back with everything typed in it."""
    flash(busy_message(), "warning")
    queries.add_history(ladder, engagement, period)
    context = _form_context(engagement, period, entry, ladder, form)
    return render_template("journals/form.html", **context), 503, {"Retry-After": "5"}


def _conflict(engagement, period, ladder, form):  # noqa: ANN001, ANN202
    """409: the stored entry beside what the user typed, which stays in the form."""
    stored = services.find_entry(engagement.id, period)
    notice = None
    if form.uploads:
        # Evidence only adds to an entry, so it is kept even when the rest conflicts.
        stored_names = services.add_attachments(
            stored, form.uploads, current_user, attachment_dir()
        )
        try:
            db.session.commit()
        except Exception:
            db.session.rollback()
            remove_quietly(attachment_dir(), stored_names)
            raise
        notice = _("Je bijlagen zijn wel toegevoegd aan het opgeslagen logboek.")
    form.version.data = stored.version
    form.contributors.choices = queries.partner_choices(
        engagement, [c.partner_id for c in stored.contributors] + list(form.contributors.data or [])
    )
    queries.add_history(ladder, engagement, period)
    context = _form_context(
        engagement,
        period,
        stored,
        ladder,
        form,
        conflict=conflict_rows(stored, form, ladder, form.contributors.choices),
        conflict_at=stored.updated_at,
        conflict_by=last_editor(stored),
        conflict_notice=notice,
    )
    return render_template("journals/form.html", **context), 409


@bp.get("/mijn-maand")
@login_required
def my_month():
    if not writes_journals(current_user):
        abort(403)
    programme = current_programme()
    period = requested_month(request.args.get("maand"))  # malformed or future: 400, in Dutch
    month = build_my_month(
        current_user, programme.id, period, record_id(request.args.get("thema")), clock.today()
    )
    return render_template(
        "journals/my_month.html",
        month=month,
        previous_month=add_months(period, -1),
        next_month=add_months(period, 1) if period < current_period() else None,
    )
