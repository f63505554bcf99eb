"""Login, logout, language and profile routes."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from sqlalchemy import select

from omtracker.auth import bp, services, sessions
from omtracker.auth.forms import LoginForm, PasswordChangeForm
from omtracker.extensions import db
from omtracker.models import User
from omtracker.models.base import utcnow


def safe_next(target: str | None) -> str | None:
    """Only a local path is accepted as where to go after logging in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def demo_accounts() -> list[User]:
    if not current_app.config.get("DEMO_MODE"):
        return []
    return list(db.session.scalars(select(User).order_by(User.id)))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.overview"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username = form.username.data.strip()
        address = services.address_key(request.remote_addr)
        limits = services.LoginLimits.from_config(current_app.config)
        if services.too_many_failures(username, address, limits):
            flash(
                _("Te veel mislukte pogingen. Probeer het over een paar minuten opnieuw."), "danger"
            )
            status = 429
        else:
            user = services.authenticate(username, form.password.data)
            if user is None:
                services.forget_old_failures(limits.window_seconds)
                services.record_failure(username, address)
                db.session.commit()
                flash(_("Onbekende gebruikersnaam of onjuist wachtwoord."), "danger")
                status = 401
            else:
                services.clear_failures(username, address)
                user.last_login_at = utcnow()
                db.session.commit()
                session.clear()
                # No long-lived remember-me cookie: it would log the user back in after an
                # idle logout. "Ingelogd blijven" keeps the session across browser restarts,
                # within the idle and lifetime limits of omtracker.auth.sessions.
                login_user(user)
                session.permanent = bool(form.remember.data)
                sessions.start(session)
                if user.locale in current_app.config["LANGUAGES"]:
                    session["lang"] = user.locale
                flash(_("Welkom, %(name)s.", name=user.display_name), "success")
                return redirect(safe_next(request.args.get("next")) or url_for("main.overview"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form, demo_accounts=demo_accounts()), status


@bp.post("/logout")
@login_required
def logout():
    # A copied session cookie must not outlive the logout: the session ends on the server
    # (omtracker.auth.sessions), which ends the user's other sessions as well.
    sessions.end_all_sessions(current_user)
    db.session.commit()
    sessions.log_out_here()
    flash(_("Je bent uitgelogd."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/profiel/overal-uitloggen")
@login_required
def logout_everywhere():
    sessions.end_all_sessions(current_user)
    db.session.commit()
    sessions.log_out_here()
    flash(_("Je bent uitgelogd op al je apparaten en browsers."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/taal")
def set_language():
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        return render_template("errors/generic.html", error=None, message=_("Onbekende taal.")), 400
    session["lang"] = lang
    if current_user.is_authenticated:
        current_user.locale = lang
        db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("main.overview"))


@bp.route("/profiel", methods=["GET", "POST"])
@login_required
def profile():
    form = PasswordChangeForm()
    status = 200
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors.append(_("Het huidige wachtwoord klopt niet."))
            status = 400
        else:
            user = current_user._get_current_object()
            user.set_password(form.new_password.data)  # ends every session of this user
            db.session.commit()
            login_user(user)  # ... except this one, which goes on under the new epoch
            flash(_("Je wachtwoord is gewijzigd."), "success")
            return redirect(url_for("auth.profile"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/profile.html", form=form), status
