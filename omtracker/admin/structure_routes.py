"""Beheer → Thema's: add, edit, reorder, move between building blocks and archive themes, link
each to the national Sportakkoord II themes, and keep each theme's leaders and members."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from omtracker import labels
from omtracker.admin import bp, services, structure
from omtracker.admin.forms import NationalThemesForm, ThemeForm, ThemeMemberForm
from omtracker.context import current_programme
from omtracker.editing import EditConflict, submit_versioned
from omtracker.extensions import db
from omtracker.labels import BUILDING_BLOCK_ORDER, NATIONAL_THEME
from omtracker.models import MembershipRole, NationalTheme, Role, Theme, ThemeMembership, User
from omtracker.permissions import role_required


def _theme_or_404(theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.programme_id != current_programme().id:
        abort(404)
    return theme


def _theme_form(**kwargs) -> ThemeForm:  # noqa: ANN003
    form = ThemeForm(**kwargs)
    form.building_block.choices = {
        b.value: str(labels.BUILDING_BLOCK[b]) for b in BUILDING_BLOCK_ORDER
    }
    return form


def _member_form() -> ThemeMemberForm:
    form = ThemeMemberForm(prefix="m")
    people = db.session.scalars(
        select(User)
        .where(
            User.programme_id == current_programme().id,
            User.is_active_account.is_(True),
            User.role != Role.board,
        )
        .order_by(User.display_name)
    )
    form.user_id.choices = {u.id: f"{u.display_name} ({u.username})" for u in people}
    form.role.choices = {r.value: str(labels.MEMBERSHIP_ROLE[r]) for r in MembershipRole}
    return form


def _national_themes_form(theme: Theme | None = None) -> NationalThemesForm:
    form = NationalThemesForm(prefix="lt")
    form.national_themes.choices = {t.value: str(NATIONAL_THEME[t]) for t in NationalTheme}
    if theme is not None and not form.is_submitted():
        form.national_themes.data = [t.value for t in theme.national_themes]
    return form


@bp.route("/themas", methods=["GET", "POST"])
@role_required(Role.coordinator)
def themes():
    programme = current_programme()
    form = _theme_form()
    status = 200
    if form.validate_on_submit():
        theme = structure.add_theme(programme, form.data)
        db.session.commit()
        flash(_("Thema %(name)s toegevoegd.", name=theme.name), "success")
        return redirect(url_for("admin.themes"))
    if request.method == "POST":
        status = 400
    return render_template(
        "admin/themes.html",
        themes=structure.programme_themes(programme),
        form=form,
        block_order=BUILDING_BLOCK_ORDER,
    ), status


@bp.route("/themas/<int:theme_id>", methods=["GET", "POST"])
@role_required(Role.coordinator)
def edit_theme(theme_id: int):
    theme = _theme_or_404(theme_id)
    form = _theme_form(obj=theme if request.method == "GET" else None)
    if request.method == "GET":
        form.building_block.data = theme.building_block.value
        form.version.data = theme.version
    done = submit_versioned(
        form,
        lambda: structure.update_theme(theme, form.data, form.version.data),
        list(ThemeForm.FIELDS),
    )
    if done.saved:
        db.session.commit()
        flash(_("Thema bijgewerkt."), "success")
        return redirect(url_for("admin.edit_theme", theme_id=theme.id))
    members = db.session.scalars(
        select(ThemeMembership)
        .where(ThemeMembership.theme_id == theme.id)
        .join(ThemeMembership.user)
        .options(contains_eager(ThemeMembership.user))  # no query per member
        .order_by(ThemeMembership.role, User.display_name)
    ).all()
    return render_template(
        "admin/theme.html",
        theme=theme,
        form=form,
        conflict=done.conflict,
        members=members,
        member_form=_member_form(),
        national_form=_national_themes_form(theme),
    ), done.status


@bp.post("/themas/<int:theme_id>/landelijke-themas")
@role_required(Role.coordinator)
def theme_national_themes(theme_id: int):
    """The national themes this theme contributes to (the network's figures count it there)."""
    theme = _theme_or_404(theme_id)
    form = _national_themes_form()
    if not form.validate_on_submit():
        flash(_("Kies alleen landelijke thema’s uit de lijst."), "danger")
        return redirect(url_for("admin.edit_theme", theme_id=theme.id)), 303
    chosen = [NationalTheme(value) for value in form.national_themes.data or []]
    if structure.set_national_themes(theme, chosen):
        db.session.commit()
        flash(_("Landelijke thema’s van %(name)s bijgewerkt.", name=theme.name), "success")
    return redirect(url_for("admin.edit_theme", theme_id=theme.id))


@bp.post("/themas/<int:theme_id>/<any(omhoog,omlaag):direction>")
@role_required(Role.coordinator)
def move_theme(theme_id: int, direction: str):
    theme = _theme_or_404(theme_id)
    if structure.move_theme(theme, -1 if direction == "omhoog" else 1):
        db.session.commit()
    return redirect(url_for("admin.themes"))


@bp.post("/themas/<int:theme_id>/<any(archiveren,terugzetten):action>")
@role_required(Role.coordinator)
def archive_theme(theme_id: int, action: str):
    theme = _theme_or_404(theme_id)
    archived = action == "archiveren"
    try:
        changed = structure.set_theme_archived(theme, archived)
    except EditConflict:
        changed = False
    if changed:
        db.session.commit()
        flash(
            _("Thema %(name)s gearchiveerd.", name=theme.name)
            if archived
            else _("Thema %(name)s teruggezet.", name=theme.name),
            "success",
        )
    return redirect(url_for("admin.themes"))


@bp.post("/themas/<int:theme_id>/leden")
@role_required(Role.coordinator)
def add_theme_member(theme_id: int):
    theme = _theme_or_404(theme_id)
    form = _member_form()
    if not form.validate_on_submit():
        flash(_("Kies een persoon en een rol."), "danger")
        return redirect(url_for("admin.edit_theme", theme_id=theme.id)), 303
    person = db.session.get(User, form.user_id.data)
    services.add_membership(person, theme, MembershipRole(form.role.data))
    db.session.commit()
    flash(_("%(name)s staat nu in de themagroep.", name=person.display_name), "success")
    return redirect(url_for("admin.edit_theme", theme_id=theme.id))


@bp.post("/themas/<int:theme_id>/leden/<int:membership_id>/verwijderen")
@role_required(Role.coordinator)
def remove_theme_member(theme_id: int, membership_id: int):
    theme = _theme_or_404(theme_id)
    membership = db.session.get(ThemeMembership, membership_id)
    if membership is None or membership.theme_id != theme.id:
        abort(404)
    services.remove_membership(membership)
    db.session.commit()
    flash(_("Uit de themagroep gehaald."), "success")
    return redirect(url_for("admin.edit_theme", theme_id=theme.id))
