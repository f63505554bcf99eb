"""Authentication rules: throttling of failed logins and the password check.

Failed logins are counted per address, never per username alone: an attacker elsewhere cannot
keep a real user out by failing on purpose with their username (the user's own address is not
affected). Two limits apply within the window: guesses at one username from one address, and
guesses at any usernames from one address (password spraying: one common password tried
against many accounts). IPv6 addresses count by their /64 network, which one party holds.
"""

from __future__ import annotations

import functools
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from omtracker.extensions import db
from omtracker.models import LoginAttempt, User
from omtracker.models.base import utcnow


@dataclass(frozen=True)
class LoginLimits:
    per_username_and_address: int
    per_address: int
    window_seconds: int

    @classmethod
    def from_config(cls, config: dict) -> LoginLimits:
        return cls(
            per_username_and_address=int(config["LOGIN_MAX_FAILURES"]),
            per_address=int(config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
            window_seconds=int(config["LOGIN_FAILURE_WINDOW_SECONDS"]),
        )


def address_key(remote_addr: str | None) -> str:
    """The address failures are counted by: IPv4 as it is, IPv6 as its /64 network."""
    if not remote_addr:
        return "unknown"
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return remote_addr[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def too_many_failures(username: str, address: str, limits: LoginLimits) -> bool:
    """Does this address have to wait before trying (this username) again? One query."""
    since = utcnow() - timedelta(seconds=limits.window_seconds)
    same_username = case((LoginAttempt.username == username.lower(), 1), else_=0)
    from_address, for_username = db.session.execute(
        select(func.count(LoginAttempt.id), func.coalesce(func.sum(same_username), 0)).where(
            LoginAttempt.remote_addr == address, LoginAttempt.at >= since
        )
    ).one()
    return from_address >= limits.per_address or for_username >= limits.per_username_and_address


def record_failure(username: str, address: str) -> None:
    db.session.add(LoginAttempt(username=username.lower()[:80], remote_addr=address))
    db.session.flush()


def forget_old_failures(window_seconds: int) -> None:
    """Failed logins (a username and an IP address) are kept only while they count."""
    since = utcnow() - timedelta(seconds=window_seconds)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))


def clear_failures(username: str, address: str) -> None:
    db.session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.username == username.lower(), LoginAttempt.remote_addr == address
        )
    )


@functools.cache
def _dummy_hash() -> str:
    """A hash of nothing anyone knows, made with the same scheme and cost as real ones."""
    return generate_password_hash(secrets.token_urlsafe(32))


def authenticate(username: str, password: str) -> User | None:
    """The user with this username and password, or None.

    An unknown username costs the same password-hash check as a known one, so the answer time
    does not tell which usernames exist.
    """
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user
