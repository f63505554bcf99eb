"""The performance journal (OM step 11) of the programme and of each theme: per practice an
example, the lessons and how well it was followed, on the rhythm the monitoring plan sets."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker import labels
from omtracker.context import current_programme
from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.models import Practice
from omtracker.periods import current_period, format_period, is_period
from omtracker.plans import bp, queries, services
from omtracker.plans.access import can_edit_scope, require_scope, theme_or_404
from omtracker.plans.forms import PerformanceJournalForm


def _url(endpoint: str, theme, **kwargs) -> str:  # noqa: ANN001
    return url_for(endpoint, theme_id=theme.id, **kwargs) if theme else url_for(endpoint, **kwargs)


@bp.get("/prestatielogboek")
@bp.get("/themas/<int:theme_id>/prestatielogboek")
@login_required
def performance(theme_id: int | None = None):
    programme = current_programme()
    theme = theme_or_404(theme_id)
    now = current_period()
    rhythm = queries.performance_rhythm(programme.id, theme, now)
    return render_template(
        "plans/performance.html",
        theme=theme,
        entries=queries.performance_entries(programme.id, theme),
        rhythm=rhythm,
        due=queries.rhythm_period(now, rhythm),
        practices=list(Practice),
        can_edit=can_edit_scope(current_user, programme.id, theme),
        url=lambda endpoint, **kw: _url(endpoint, theme, **kw),
    )


@bp.route("/prestatielogboek/<period>", methods=["GET", "POST"])
@bp.route("/themas/<int:theme_id>/prestatielogboek/<period>", methods=["GET", "POST"])
@login_required
def performance_entry(period: str, theme_id: int | None = None):
    programme = current_programme()
    theme = theme_or_404(theme_id)
    require_scope(theme)
    if not is_period(period) or period > current_period():
        abort(404)
    rhythm = queries.performance_rhythm(programme.id, theme, period)
    start = queries.rhythm_period(period, rhythm)
    if start != period:
        return redirect(_url("plans.performance_entry", theme, period=start))
    existing = services.performance_entry_for(programme.id, theme, period)
    form = PerformanceJournalForm()
    form.fill_choices(
        {"": _("Nog geen oordeel")} | {str(k): str(v) for k, v in labels.PRACTICE_RATING.items()}
    )
    if request.method == "GET":
        form.version.data = str(existing.version) if existing else ""
        for note in existing.notes if existing else []:
            example, lessons, rating = form.practice_fields(note.practice)
            example.data, lessons.data = note.example, note.lessons
            rating.data = "" if note.rating is None else str(note.rating)
    done = submit_versioned(
        form,
        lambda: services.save_performance_entry(
            programme, theme, period, form.notes(), current_user, form.version.data
        ),
        lambda stored: [],
    )
    if done.saved:
        db.session.commit()
        flash(
            _("Prestatielogboek voor %(month)s opgeslagen.", month=format_period(period)),
            "success",
        )
        return redirect(_url("plans.performance", theme))
    return (
        render_template(
            "plans/performance_form.html",
            form=form,
            theme=theme,
            period=period,
            rhythm=rhythm,
            practices=list(Practice),
            existing=existing,
            conflict=done.conflict,
            back=_url("plans.performance", theme),
        ),
        done.status,
    )
