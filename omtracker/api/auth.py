"""Bearer tokens for the read API: made, hashed and checked here.

Only the SHA-256 of a token is stored, so a copy of the database gives nobody API access. A
token acts as its user with read rights only: it never logs the user in to the web pages.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import abort, g
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import contains_eager
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from omtracker.extensions import db
from omtracker.models import ApiToken, Programme, Role, User
from omtracker.models.base import utcnow

TOKEN_PREFIX = "omt_"
MAX_TOKEN_LENGTH = 200
# last_used_at is written at most this often per token: reads should not all become writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def new_token() -> str:
    """A fresh secret, recognisable by its prefix when it turns up in a log or a repository."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _unauthorized(detail: str) -> Unauthorized:
    return Unauthorized(
        description=detail, www_authenticate=WWWAuthenticate("bearer", {"realm": "omtracker"})
    )


def token_from_header(header: str | None) -> str:
    if not header:
        raise _unauthorized("Missing bearer token: send 'Authorization: Bearer <token>'.")
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or len(value) > MAX_TOKEN_LENGTH:
        raise _unauthorized("Malformed Authorization header: expected 'Bearer <token>'.")
    return value


def authenticate(header: str | None) -> ApiToken:
    """The live token (with its user) named by the header; 401 for anything else."""
    digest = token_digest(token_from_header(header))
    token = db.session.scalar(
        select(ApiToken)
        .join(ApiToken.user)
        .options(contains_eager(ApiToken.user))
        .where(ApiToken.token_sha256 == digest)
    )
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise _unauthorized("Invalid or revoked token.")
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        # A plain UPDATE: bookkeeping, not a change to the programme's records to audit.
        try:
            db.session.execute(
                update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now),
                execution_options={"synchronize_session": False},
            )
            db.session.commit()
        except OperationalError:
            # Busy database (SQLite under concurrent writers): the timestamp is bookkeeping,
            # the read must not fail for it; the next call records it.
            db.session.rollback()
    return token


def programme_id_for(user: User) -> int:
    """The programme a token reads: its user's; an administrator without one, the first."""
    if user.network_reader is not None:
        abort(403, description="A network reader's token reads no programme.")
    if user.programme_id is not None:
        return user.programme_id
    if user.role == Role.admin:
        first = db.session.scalar(select(Programme.id).order_by(Programme.id).limit(1))
        if first is not None:
            return first
    abort(403, description="This account belongs to no programme, so there is nothing to read.")


def api_token() -> ApiToken:
    return g.api_token


def api_user() -> User:
    return g.api_token.user


def api_programme_id() -> int:
    return g.api_programme_id
