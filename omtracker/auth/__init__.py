"""Logging in and out, choosing the interface language, the user's own profile."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from omtracker.auth import reset_routes, routes, sessions  # noqa: E402,F401

bp.before_app_request(sessions.end_expired_session)
bp.after_app_request(sessions.no_store)
