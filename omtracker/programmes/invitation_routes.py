"""Inviting people by e-mail (coordinators), and the invited person's acceptance page."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy import select

from omtracker import clock, labels
from omtracker.auth import sessions
from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Invitation, MembershipRole, Role, Theme
from omtracker.permissions import role_required
from omtracker.programmes import bp, invitations
from omtracker.programmes.forms import AcceptInvitationForm, InvitationForm
from omtracker.programmes.routes import invitation_problem


def _themes() -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == current_programme().id, Theme.archived.is_(False))
            .order_by(Theme.number)
        )
    )


def _invitation_form(themes: list[Theme]) -> InvitationForm:
    form = InvitationForm()
    roles = [Role.user, Role.board, Role.coordinator]
    if current_user.role == Role.admin:
        roles.append(Role.admin)
    form.role.choices = {r.value: str(labels.ROLE[r]) for r in roles}
    form.theme_id.choices = {0: _("Geen themagroep")} | {
        t.id: f"{t.number}. {t.name}" for t in themes
    }
    form.theme_role.choices = {"": "—"} | {
        r.value: str(labels.MEMBERSHIP_ROLE[r]) for r in MembershipRole
    }
    form.locale.choices = dict(current_app.config["LANGUAGES"])
    return form


def _invitation_or_404(invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.programme_id != current_programme().id:
        abort(404)
    return invitation


@bp.route("/beheer/uitnodigingen", methods=["GET", "POST"])
@role_required(Role.coordinator)
def invitations_page():
    programme = current_programme()
    themes = _themes()
    form = _invitation_form(themes)
    status = 200
    if request.method == "GET" and request.args.get("thema", "").isdigit():
        form.theme_id.data = int(request.args["thema"])
        form.theme_role.data = MembershipRole.lead.value
    if form.validate_on_submit():
        theme = next((t for t in themes if t.id == form.theme_id.data), None)
        try:
            invitations.invite(
                programme,
                form.email.data,
                Role(form.role.data),
                theme=theme,
                theme_role=MembershipRole(form.theme_role.data) if theme else None,
                display_name=form.display_name.data or "",
                invited_by=current_user,
                locale=form.locale.data,
            )
        except invitations.InvitationError as exc:
            db.session.rollback()
            form.email.errors.append(invitation_problem(exc.reason))
            status = 400
        else:
            db.session.commit()
            flash(_("Uitnodiging verstuurd naar %(email)s.", email=form.email.data), "success")
            return redirect(url_for("programmes.invitations_page"))
    elif request.method == "POST":
        status = 400
    return render_template(
        "programmes/invitations.html",
        form=form,
        invitations=invitations.programme_invitations(programme),
        now_utc=clock.utcnow(),
    ), status


@bp.post("/beheer/uitnodigingen/<int:invitation_id>/opnieuw")
@role_required(Role.coordinator)
def resend_invitation(invitation_id: int):
    invitation = _invitation_or_404(invitation_id)
    try:
        invitations.resend(invitation)
    except invitations.InvitationError as exc:
        db.session.rollback()
        flash(invitation_problem(exc.reason), "danger")
    else:
        db.session.commit()
        flash(_("Uitnodiging opnieuw verstuurd naar %(email)s.", email=invitation.email), "success")
    return redirect(url_for("programmes.invitations_page"))


@bp.post("/beheer/uitnodigingen/<int:invitation_id>/intrekken")
@role_required(Role.coordinator)
def withdraw_invitation(invitation_id: int):
    invitation = _invitation_or_404(invitation_id)
    try:
        invitations.withdraw(invitation)
    except invitations.InvitationError as exc:
        flash(invitation_problem(exc.reason), "danger")
    else:
        db.session.commit()
        flash(_("Uitnodiging voor %(email)s ingetrokken.", email=invitation.email), "success")
    return redirect(url_for("programmes.invitations_page"))


def link_problem(reason: str, kind: str):  # noqa: ANN201
    """The clear Dutch page for a link that opens nothing (shared with the reset link)."""
    code = 404 if reason == "invalid" else 410
    return render_template("errors/link.html", reason=reason, kind=kind), code


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept(token: str):
    invitation, reason = invitations.find(token)
    if reason != "ok":
        return link_problem(reason, "invitation")
    if current_user.is_authenticated:
        return render_template("programmes/accept_logged_in.html", invitation=invitation), 409
    form = AcceptInvitationForm()
    if request.method == "GET":
        form.display_name.data = invitation.display_name
        form.username.data = invitations.suggested_username(invitation.email)
    status = 200
    if form.validate_on_submit():
        try:
            user = invitations.accept(
                invitation, form.username.data, form.display_name.data, form.password.data
            )
        except invitations.InvitationError as exc:
            db.session.rollback()
            form.username.errors.append(invitation_problem(exc.reason))
            status = 400
        else:
            db.session.commit()
            session.clear()
            login_user(user)
            sessions.start(session)
            session["lang"] = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
            flash(_("Welkom, %(name)s. Je account is klaar.", name=user.display_name), "success")
            return redirect(url_for("main.overview"))
    elif request.method == "POST":
        status = 400
    return render_template("programmes/accept.html", form=form, invitation=invitation), status
