"""Beheer → E-mail: what has not been delivered yet, and a button to try again now."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from omtracker import mailing
from omtracker.admin import bp
from omtracker.context import current_programme
from omtracker.permissions import role_required


@bp.get("/e-mail")
@role_required()
def mail_queue():
    return render_template("admin/mail.html", mails=mailing.undelivered(current_programme().id))


@bp.post("/e-mail/versturen")
@role_required()
def mail_retry():
    counts = mailing.deliver_due()
    flash(
        _(
            "%(sent)s e-mail(s) verstuurd, %(failed)s nog niet gelukt.",
            sent=counts["sent"],
            failed=counts["failed"],
        ),
        "success" if not counts["failed"] else "warning",
    )
    return redirect(url_for("admin.mail_queue"))
