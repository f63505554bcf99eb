"""Sending a "klopt dit?" request from a journal entry, and the page its link opens."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from omtracker.confirmations import bp, services
from omtracker.confirmations.forms import AnswerForm, RequestForm
from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.journals import queries
from omtracker.permissions import can_write_journal

REFUSALS = {
    "no_contact": _l(
        "Deze partner heeft geen e-mailadres van een contactpersoon. Vul het in bij de partner."
    ),
    "no_statement": _l("Dit logboek beschrijft nog geen verandering om voor te leggen."),
    "throttled": _l("Er zijn net al verzoeken verstuurd. Probeer het later opnieuw."),
}


@bp.post("/logboeken/<int:entry_id>/klopt-dit")
@login_required
def send(entry_id: int):
    entry = queries.load_entry(entry_id, current_programme().id) or abort(404)
    if not can_write_journal(current_user, entry.engagement.opgave.theme):
        abort(403)
    if not RequestForm().validate_on_submit():
        abort(400)
    try:
        sent = services.request_confirmation(entry, current_user._get_current_object())
    except services.ConfirmationRefused as refused:
        flash(str(REFUSALS[refused.reason]), "danger")
        return redirect(url_for("journals.entry", entry_id=entry.id) + "#klopt-dit"), 303
    db.session.commit()
    flash(
        _("De vraag “klopt dit?” is gestuurd aan %(address)s.", address=sent.recipient), "success"
    )
    return redirect(url_for("journals.entry", entry_id=entry.id) + "#klopt-dit")


@bp.route("/klopt-dit/<token>", methods=["GET", "POST"])
def answer(token: str):
    """No account needed: the link is the key. Shows only this outcome statement."""
    found, reason = services.find(token)
    if reason != "ok":
        status = 404 if reason == "invalid" else 410
        return render_template("confirmations/link.html", reason=reason), status
    form = AnswerForm()
    status = 200
    if form.validate_on_submit():
        if not services.record_answer(found, form.answer.data, form.comment.data or ""):
            return render_template("confirmations/link.html", reason="used"), 410
        db.session.commit()
        return render_template("confirmations/thanks.html", confirmation=found)
    if request.method == "POST":
        status = 400
    return render_template("confirmations/answer.html", form=form, confirmation=found), status
