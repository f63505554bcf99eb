"""Who may do what: small functions used by every write, and the role_required decorator."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, url_for
from flask_login import current_user

from omtracker.models import MembershipRole, Role, Theme, User


def is_coordinator(user: Any) -> bool:
    """Programme coordinator or administrator: may read and change everything in the programme."""
    return bool(user and user.is_authenticated and user.role in (Role.coordinator, Role.admin))


def is_board(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.board)


def theme_role(user: Any, theme: Theme) -> MembershipRole | None:
    if not (user and user.is_authenticated):
        return None
    for membership in user.memberships:
        if membership.theme_id == theme.id:
            return membership.role
    return None


def can_view_programme(user: Any, programme_id: int) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.role == Role.admin or user.programme_id == programme_id


def can_edit_theme(user: Any, theme: Theme) -> bool:
    """Theme leaders keep their theme's opgaven, partners' challenges, markers and status."""
    if not can_view_programme(user, theme.programme_id) or is_board(user):
        return False
    return is_coordinator(user) or theme_role(user, theme) == MembershipRole.lead


def can_write_journal(user: Any, theme: Theme) -> bool:
    """Leads and members write outcome journals for their theme's partners."""
    if not can_view_programme(user, theme.programme_id) or is_board(user):
        return False
    return is_coordinator(user) or theme_role(user, theme) is not None


def can_edit_registry(user: Any, programme_id: int) -> bool:
    """The shared partner registry: coordinators, and any theme leader of the programme."""
    if not can_view_programme(user, programme_id) or is_board(user):
        return False
    if is_coordinator(user):
        return True
    return any(m.role == MembershipRole.lead for m in user.memberships)


def role_required(*roles: Role) -> Callable:
    """Route decorator: the logged-in user must have one of the roles (admin always passes)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role != Role.admin and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def register_nav(
    app: Any,
    endpoint: str,
    label: Any,
    order: int = 50,
    visible: Callable[[User], bool] | None = None,
) -> None:
    """Each area adds its own entry to the main navigation when its blueprint is registered."""
    app.config.setdefault("NAV", []).append(
        {"endpoint": endpoint, "label": label, "order": order, "visible": visible}
    )


def nav_items() -> list[dict[str, Any]]:
    items = sorted(current_app.config.get("NAV", []), key=lambda item: item["order"])
    out = []
    for item in items:
        if item["visible"] is not None and not item["visible"](current_user):
            continue
        out.append(
            {"url": url_for(item["endpoint"]), "label": item["label"], "endpoint": item["endpoint"]}
        )
    return out
