"""Reminder routes: the choice on the profile page, unsubscribe without logging in, and the
coordinator's log of who was reminded when."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.auth.forms import PasswordChangeForm
from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Role
from omtracker.permissions import role_required
from omtracker.reminders import bp, services
from omtracker.reminders.forms import ReminderChoiceForm, UnsubscribeForm


@bp.post("/profiel/herinneringen")
@login_required
def choose():
    form = ReminderChoiceForm()
    if not form.validate_on_submit():
        flash(_("Kies wanneer je een herinnering wilt krijgen."), "danger")
        return render_template("auth/profile.html", form=PasswordChangeForm()), 400
    services.set_frequency(current_user._get_current_object(), form.frequency.data)
    db.session.commit()
    flash(_("Je keuze voor herinneringen is opgeslagen."), "success")
    return redirect(url_for("auth.profile"))


@bp.route("/herinneringen/afmelden/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """From the link in a reminder: one button, no login (mail scanners only follow GET)."""
    user = services.user_for_token(token)
    if user is None:
        abort(404)
    form = UnsubscribeForm()
    done = False
    if form.validate_on_submit():
        services.set_frequency(user, "off")
        db.session.commit()
        done = True
    return render_template("reminders/unsubscribe.html", form=form, user=user, done=done)


@bp.get("/beheer/herinneringen")
@role_required(Role.coordinator)
def log():
    rows = services.reminder_log(current_programme().id)
    return render_template("reminders/log.html", rows=rows)
