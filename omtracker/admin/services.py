"""Account, membership and programme changes. Services flush; routes commit."""

from __future__ import annotations

from sqlalchemy import func, select

from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import MembershipRole, Programme, Role, Theme, ThemeMembership, User


class AdminError(ValueError):
    """A refused change, with a message for the user."""


def create_user(programme: Programme, data: dict) -> User:
    username = data["username"].strip()
    taken = db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken:
        raise AdminError("username")
    user = User(
        username=username,
        display_name=data["display_name"].strip(),
        email=(data.get("email") or None),
        role=Role(data["role"]),
        programme_id=programme.id,
    )
    user.set_password(data["password"])
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, data: dict, version: object, acting: User) -> User:
    ensure_version(user, version)
    if user.id == acting.id and (Role(data["role"]) != user.role or not data["is_active_account"]):
        raise AdminError("self")
    user.display_name = data["display_name"].strip()
    user.email = data.get("email") or None
    user.role = Role(data["role"])
    if user.is_active_account and not data["is_active_account"]:
        user.end_sessions()  # a deactivated account is logged out everywhere, for good
    user.is_active_account = bool(data["is_active_account"])
    with conflict_guard(user):
        db.session.flush()
    return user


def reset_password(user: User, password: str) -> None:
    user.set_password(password)
    db.session.flush()


def add_membership(user: User, theme: Theme, role: MembershipRole) -> ThemeMembership:
    existing = db.session.scalar(
        select(ThemeMembership).where(
            ThemeMembership.user_id == user.id, ThemeMembership.theme_id == theme.id
        )
    )
    if existing is not None:
        existing.role = role
        db.session.flush()
        return existing
    membership = ThemeMembership(user=user, theme=theme, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def remove_membership(membership: ThemeMembership) -> None:
    """Memberships are links, not records with history of their own; the audit keeps the trace."""
    db.session.delete(membership)
    db.session.flush()


def update_programme(programme: Programme, data: dict, version: object) -> Programme:
    ensure_version(programme, version)
    for field in ("name", "ambition", "mission"):  # text the database requires
        setattr(programme, field, (data.get(field) or "").strip())
    for field in ("operating_name", "municipality", "website"):  # optional
        setattr(programme, field, (data.get(field) or "").strip() or None)
    if "inhabitants" in data:
        programme.inhabitants = data["inhabitants"]
    with conflict_guard(programme):
        db.session.flush()
    return programme


def update_sharing(programme: Programme, data: dict, version: object) -> Programme:
    """The programme's own choice to share its aggregated figures with the network, and its
    number of inhabitants (the size class it is compared within). Audited like every change."""
    ensure_version(programme, version)
    programme.shares_with_network = bool(data.get("shares_with_network"))
    programme.inhabitants = data.get("inhabitants")
    with conflict_guard(programme):
        db.session.flush()
    return programme
