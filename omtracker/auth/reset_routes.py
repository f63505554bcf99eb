"""'Wachtwoord vergeten' and the page the reset link opens."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from omtracker import mailing
from omtracker.auth import bp, reset
from omtracker.auth.forms import ForgotPasswordForm, NewPasswordForm
from omtracker.extensions import db


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    status = 200
    if form.validate_on_submit():
        address = form.email.data

        def request_and_send() -> None:
            reset.request_reset(address)
            db.session.commit()
            mailing.deliver_committed()

        # The same answer, as fast, whether or not the address belongs to an account: the
        # look-up, the link and its mail are made after the answer has gone out.
        mailing.after_response(request_and_send)
        return render_template("auth/forgot_sent.html", email=address)
    if request.method == "POST":
        status = 400
    return render_template("auth/forgot.html", form=form), status


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    found, reason = reset.find(token)
    if reason != "ok":
        return render_template("errors/link.html", reason=reason, kind="reset"), (
            404 if reason == "invalid" else 410
        )
    form = NewPasswordForm()
    status = 200
    if form.validate_on_submit():
        reset.complete(found, form.password.data)
        db.session.commit()
        flash(_("Je wachtwoord is gewijzigd. Log in met je nieuwe wachtwoord."), "success")
        return redirect(url_for("auth.login"))
    if request.method == "POST":
        status = 400
    return render_template("auth/reset.html", form=form, user=found.user), status
