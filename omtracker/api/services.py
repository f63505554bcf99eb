"""Creating, listing and revoking a user's API tokens (flush, never commit)."""

from __future__ import annotations

from sqlalchemy import func, select

from omtracker.api.auth import new_token, token_digest
from omtracker.extensions import db
from omtracker.models import ApiToken, User
from omtracker.models.base import utcnow

# Enough for every script and tool a person runs; a bound keeps a leaked session from
# minting tokens without end.
MAX_ACTIVE_TOKENS = 20


class TooManyTokens(Exception):
    """The user already has MAX_ACTIVE_TOKENS live tokens: revoke one first."""


def user_tokens(user: User) -> list[ApiToken]:
    """All tokens of the user, live ones first, newest first; revoked ones stay as history."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id)
        )
    )


def active_token_count(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(ApiToken.id)).where(
                ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
            )
        )
        or 0
    )


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain secret is returned once and never stored."""
    if active_token_count(user) >= MAX_ACTIVE_TOKENS:
        raise TooManyTokens()
    secret = new_token()
    token = ApiToken(user_id=user.id, name=name.strip(), token_sha256=token_digest(secret))
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(token: ApiToken) -> bool:
    """Revoke the token; False when it was already revoked (nothing changes then)."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    db.session.flush()
    return True
