"""Accounts, memberships, programme settings and the audit trail."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from omtracker import labels
from omtracker.admin import bp, networks, services
from omtracker.admin.forms import (
    MembershipForm,
    NetworkSharingForm,
    NewUserForm,
    PasswordResetForm,
    ProgrammeForm,
    UserForm,
)
from omtracker.context import current_programme
from omtracker.editing import submit_versioned
from omtracker.extensions import db
from omtracker.models import AuditEvent, MembershipRole, Role, Theme, ThemeMembership, User
from omtracker.national.sizes import SIZE_CLASS_LABEL, size_class
from omtracker.permissions import role_required
from omtracker.query_args import page_number


def _role_choices() -> dict[str, str]:
    return {role.value: str(labels.ROLE[role]) for role in Role}


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.programme_id != current_programme().id:
        abort(404)
    return user


def _themes() -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == current_programme().id, Theme.archived.is_(False))
            .order_by(Theme.number)
        )
    )


@bp.get("/gebruikers")
@role_required(Role.coordinator)
def users():
    people = db.session.scalars(
        select(User)
        .where(User.programme_id == current_programme().id)
        .options(selectinload(User.memberships).selectinload(ThemeMembership.theme))
        .order_by(User.is_active_account.desc(), User.display_name)
    ).all()
    return render_template("admin/users.html", users=people)


@bp.route("/gebruikers/nieuw", methods=["GET", "POST"])
@role_required()
def new_user():
    form = NewUserForm()
    form.role.choices = _role_choices()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.create_user(current_programme(), form.data)
        except services.AdminError:
            form.username.errors.append(_("Deze gebruikersnaam bestaat al."))
            status = 400
        else:
            db.session.commit()
            flash(_("Account %(name)s aangemaakt.", name=user.username), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    elif request.method == "POST":
        status = 400
    return render_template("admin/new_user.html", form=form), status


@bp.route("/gebruikers/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.coordinator)
def user(user_id: int):
    person = _user_or_404(user_id)
    is_admin = current_user.role == Role.admin
    form = UserForm(obj=person if request.method == "GET" else None)
    form.role.choices = _role_choices()
    if request.method == "GET":
        form.role.data = person.role.value
        form.version.data = person.version
    membership_form = MembershipForm(prefix="m")
    membership_form.theme_id.choices = {t.id: f"{t.number}. {t.name}" for t in _themes()}
    membership_form.role.choices = {r.value: str(labels.MEMBERSHIP_ROLE[r]) for r in MembershipRole}
    if request.method == "POST" and not is_admin:
        abort(403)
    done = submit_versioned(
        form,
        lambda: services.update_user(person, form.data, form.version.data, current_user),
        ["display_name", "email", "role"],
        refused={
            services.AdminError: lambda _exc: form.role.errors.append(
                _("Je kunt je eigen rol niet wijzigen of je eigen account niet uitzetten.")
            )
        },
    )
    if done.saved:
        db.session.commit()
        flash(_("Account bijgewerkt."), "success")
        return redirect(url_for("admin.user", user_id=person.id))
    return render_template(
        "admin/user.html",
        person=person,
        form=form,
        conflict=done.conflict,
        membership_form=membership_form,
        password_form=PasswordResetForm(),
        is_admin=is_admin,
    ), done.status


@bp.post("/gebruikers/<int:user_id>/themagroepen")
@role_required(Role.coordinator)
def add_membership(user_id: int):
    person = _user_or_404(user_id)
    form = MembershipForm(prefix="m")
    themes = {t.id: t for t in _themes()}
    form.theme_id.choices = {tid: t.name for tid, t in themes.items()}
    form.role.choices = {r.value: r.value for r in MembershipRole}
    if not form.validate_on_submit():
        flash(_("Kies een thema en een rol."), "danger")
        return redirect(url_for("admin.user", user_id=person.id)), 303
    services.add_membership(person, themes[form.theme_id.data], MembershipRole(form.role.data))
    db.session.commit()
    flash(_("Themagroep bijgewerkt."), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/gebruikers/<int:user_id>/themagroepen/<int:membership_id>/verwijderen")
@role_required(Role.coordinator)
def remove_membership(user_id: int, membership_id: int):
    person = _user_or_404(user_id)
    membership = db.session.get(ThemeMembership, membership_id)
    if membership is None or membership.user_id != person.id:
        abort(404)
    services.remove_membership(membership)
    db.session.commit()
    flash(_("Uit de themagroep gehaald."), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/gebruikers/<int:user_id>/wachtwoord")
@role_required()
def reset_password(user_id: int):
    person = _user_or_404(user_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.password.errors)) or _("Ongeldig wachtwoord."), "danger")
        return redirect(url_for("admin.user", user_id=person.id)), 303
    services.reset_password(person, form.password.data)
    db.session.commit()
    flash(_("Wachtwoord opnieuw ingesteld."), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.route("/programma", methods=["GET", "POST"])
@role_required()
def programme():
    current = current_programme()
    form = ProgrammeForm(obj=current if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = current.version
    done = submit_versioned(
        form,
        lambda: services.update_programme(current, form.data, form.version.data),
        ["name", "operating_name", "ambition"],
    )
    if done.saved:
        db.session.commit()
        flash(_("Programma bijgewerkt."), "success")
        return redirect(url_for("admin.programme"))
    return render_template("admin/programme.html", form=form, conflict=done.conflict), done.status


@bp.route("/delen", methods=["GET", "POST"])
@role_required(Role.coordinator)
def sharing():
    """The programme's own choice to share its aggregated figures with the network."""
    current = current_programme()
    form = NetworkSharingForm(obj=current if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = current.version
    done = submit_versioned(
        form,
        lambda: services.update_sharing(current, form.data, form.version.data),
        ["shares_with_network", "inhabitants"],
    )
    if done.saved:
        db.session.commit()
        flash(
            _("Je deelt de geaggregeerde cijfers nu met het netwerk.")
            if current.shares_with_network
            else _("Je deelt geen cijfers met het netwerk."),
            "success",
        )
        return redirect(url_for("admin.sharing"))
    return render_template(
        "admin/sharing.html",
        form=form,
        conflict=done.conflict,
        programme=current,
        networks=networks.networks_reading(current),
        size=SIZE_CLASS_LABEL.get(size_class(current.inhabitants)),
    ), done.status


@bp.get("/logboek")
@role_required(Role.coordinator)
def audit_log():
    # Only changes made by this programme's people: the trail holds before/after values,
    # contact details included, and another programme's are none of our business.
    ours = select(User.id).where(User.programme_id == current_programme().id)
    page = db.paginate(
        select(AuditEvent).where(AuditEvent.user_id.in_(ours)).order_by(AuditEvent.id.desc()),
        page=page_number(request.args.get("page")),
        per_page=50,
        error_out=False,
    )
    names = {
        u.id: u.display_name
        for u in db.session.scalars(
            select(User).where(User.id.in_({e.user_id for e in page.items if e.user_id}))
        )
    }
    return render_template("admin/audit.html", page=page, names=names)
