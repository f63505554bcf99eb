"""A new programme ("Nieuw programma"), the programme switcher and the "Beginnen" checklist."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Programme, Role
from omtracker.permissions import role_required
from omtracker.programmes import bp, invitations, queries, services
from omtracker.programmes.forms import NewProgrammeForm
from omtracker.programmes.structures import STRUCTURES


@bp.get("/beheer/programmas")
@role_required()
def index():
    programmes = db.session.scalars(select(Programme).order_by(Programme.name)).all()
    return render_template(
        "programmes/index.html", programmes=programmes, current=current_programme()
    )


@bp.route("/beheer/programmas/nieuw", methods=["GET", "POST"])
@role_required()
def new():
    form = NewProgrammeForm()
    form.structure.choices = {key: str(label) for key, label in STRUCTURES.items()}
    status = 200
    if form.validate_on_submit():
        try:
            made = services.create_programme(
                name=form.name.data,
                municipality=form.municipality.data,
                inhabitants=form.inhabitants.data,
                ambition=form.ambition.data or "",
                mission=form.mission.data or "",
                structure_key=form.structure.data,
            )
            if form.coordinator_email.data:
                invitations.invite(
                    made.programme,
                    form.coordinator_email.data,
                    Role.coordinator,
                    display_name=form.coordinator_name.data or "",
                    invited_by=current_user,
                )
        except services.SetupError as exc:
            getattr(form, exc.field, form.name).errors.append(_(exc.message))
            status = 400
        except invitations.InvitationError as exc:
            form.coordinator_email.errors.append(invitation_problem(exc.reason))
            status = 400
        else:
            db.session.commit()
            session["programme_id"] = made.programme.id
            flash(
                _(
                    "Programma %(name)s aangemaakt met %(themes)s thema’s en %(opgaven)s opgaven.",
                    name=made.programme.name,
                    themes=len(made.themes),
                    opgaven=len(made.opgaven),
                ),
                "success",
            )
            return redirect(url_for("programmes.begin"))
        if status == 400:
            db.session.rollback()
    elif request.method == "POST":
        status = 400
    return render_template("programmes/new.html", form=form), status


@bp.post("/beheer/programmas/<int:programme_id>/kiezen")
@role_required()
def switch(programme_id: int):
    """A hosting organisation's administrator works in one programme at a time."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        abort(404)
    session["programme_id"] = programme.id
    flash(_("Je werkt nu in %(name)s.", name=programme.name), "success")
    return redirect(url_for("main.overview"))


@bp.get("/beginnen")
@role_required(Role.coordinator)
def begin():
    programme = current_programme()
    return render_template(
        "programmes/begin.html",
        programme=programme,
        steps=queries.checklist(programme),
        can_import="partners.import_start" in current_app.view_functions,
    )


def invitation_problem(reason: str) -> str:
    return {
        "exists": _("Er is al een account met dit e-mailadres."),
        "open": _("Dit adres heeft al een openstaande uitnodiging; stuur die opnieuw."),
        "throttled": _(
            "Er zijn het afgelopen uur al genoeg e-mails naar dit adres gestuurd. "
            "Probeer het later opnieuw."
        ),
        "closed": _("Deze uitnodiging is al gebruikt of ingetrokken."),
        "username": _("Deze gebruikersnaam bestaat al; kies een andere."),
    }.get(reason, _("Dit lukte niet."))
