"""Profile pages where a user makes and revokes personal API tokens (/profiel/tokens).

A separate blueprint from the API: these are ordinary logged-in pages with CSRF protection,
while the API itself takes only bearer tokens. A new token is shown once, on the answer to the
form that made it, and never again.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from omtracker.api import services
from omtracker.api.spec import MAX_ID
from omtracker.extensions import db
from omtracker.models import ApiToken

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/profiel/tokens")


class TokenForm(FlaskForm):
    name = StringField(
        _l("Naam van het token"),
        validators=[DataRequired(_l("Geef het token een naam.")), Length(max=100)],
    )


def _page(form: TokenForm, status: int = 200, new_secret: str | None = None) -> Any:
    return (
        render_template(
            "api/tokens.html",
            form=form,
            tokens=services.user_tokens(current_user),
            new_secret=new_secret,
            max_tokens=services.MAX_ACTIVE_TOKENS,
        ),
        status,
    )


@tokens_bp.get("")
@login_required
def index() -> Any:
    return _page(TokenForm())


@tokens_bp.post("")
@login_required
def create() -> Any:
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        _token, secret = services.create_token(current_user, form.name.data)
    except services.TooManyTokens:
        form.name.errors.append(
            _(
                "Je hebt al %(n)s actieve tokens. Trek er eerst een in.",
                n=services.MAX_ACTIVE_TOKENS,
            )
        )
        return _page(form, 400)
    db.session.commit()
    # No redirect: the secret exists only in this answer (never cached, see no_store).
    return _page(TokenForm(formdata=None), 201, new_secret=secret)


@tokens_bp.post(f"/<int(min=1, max={MAX_ID}):token_id>/intrekken")
@login_required
def revoke(token_id: int) -> Any:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if services.revoke_token(token):
        db.session.commit()
        flash(_("Token “%(name)s” is ingetrokken.", name=token.name), "success")
    else:
        flash(_("Dit token was al ingetrokken."), "info")
    return redirect(url_for("api_tokens.index"))


@tokens_bp.after_request
def no_store(response: Any) -> Any:
    if request.method == "POST":
        response.headers["Cache-Control"] = "no-store"
    return response
