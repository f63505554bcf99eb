"""Authentication rules: throttling of failed logins and password checks."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from omtracker.extensions import db
from omtracker.models import LoginAttempt, User
from omtracker.models.base import utcnow


def too_many_failures(username: str, max_failures: int, window_seconds: int) -> bool:
    since = utcnow() - timedelta(seconds=window_seconds)
    count = db.session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.username == username.lower(), LoginAttempt.at >= since
        )
    )
    return (count or 0) >= max_failures


def record_failure(username: str, remote_addr: str | None) -> None:
    db.session.add(LoginAttempt(username=username.lower()[:80], remote_addr=remote_addr))
    db.session.flush()


def forget_old_failures(window_seconds: int) -> None:
    """Failed logins (a username and an IP address) are kept only while they count."""
    since = utcnow() - timedelta(seconds=window_seconds)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))


def clear_failures(username: str) -> None:
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.username == username.lower()))


def authenticate(username: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None or not user.is_active or not user.check_password(password):
        return None
    return user
