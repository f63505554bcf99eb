"""The programme the current request works in (the tenant), resolved once per request."""

from __future__ import annotations

from flask import abort, g, session
from flask_login import current_user
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import Programme, Role


def current_programme() -> Programme:
    """The user's own programme. An administrator (of a hosting organisation with several
    programmes) works in the one chosen last with the programme switcher, else in their own.
    A network reader has none, whatever their account holds."""
    if g.get("programme") is not None:
        return g.programme
    if current_user.is_authenticated and current_user.network_reader is not None:
        abort(403)  # a network reader works in no programme (omtracker.national.access)
    programme = None
    is_admin = current_user.is_authenticated and current_user.role == Role.admin
    if is_admin and session.get("programme_id"):
        programme = db.session.get(Programme, session["programme_id"])
    if programme is None and current_user.is_authenticated and current_user.programme_id:
        programme = db.session.get(Programme, current_user.programme_id)
    if programme is None and is_admin:
        programme = db.session.scalars(select(Programme).order_by(Programme.id)).first()
    if programme is None:
        abort(404)
    g.programme = programme
    return programme
