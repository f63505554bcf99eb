"""Who may keep which plan or record, and loading records of the current programme.

The programme's own plans are kept by coordinators; a theme's plans and harvested outcomes by
that theme's leaders too. The board reads everything and changes nothing. A record of another
programme answers 404; one of this programme the user may not change answers 403.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    MembershipRole,
    Opgave,
    Theme,
)
from omtracker.permissions import can_edit_theme, can_view_programme, is_board, is_coordinator


def can_edit_scope(user: Any, programme_id: int, theme: Theme | None) -> bool:
    """A theme's leaders (and coordinators) keep the theme; coordinators keep the programme."""
    if theme is not None:
        return can_edit_theme(user, theme)
    return can_view_programme(user, programme_id) and is_coordinator(user) and not is_board(user)


def require_scope(theme: Theme | None) -> None:
    if not can_edit_scope(current_user, current_programme().id, theme):
        abort(403)


def editable_themes(user: Any, programme_id: int) -> list[Theme]:
    """The themes whose plans and outcomes the user keeps, in programme order."""
    themes = db.session.scalars(
        select(Theme)
        .where(Theme.programme_id == programme_id, Theme.archived.is_(False))
        .order_by(Theme.number)
    ).all()
    if is_coordinator(user):
        return list(themes)
    led = {m.theme_id for m in user.memberships if m.role == MembershipRole.lead}
    return [t for t in themes if t.id in led]


def may_harvest(user: Any, programme_id: int) -> bool:
    """Anyone who keeps the programme or at least one theme records harvested outcomes."""
    return is_coordinator(user) or bool(editable_themes(user, programme_id))


def theme_or_404(theme_id: int | None) -> Theme | None:
    if theme_id is None:
        return None
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.programme_id != current_programme().id:
        abort(404)
    return theme


def outcome_or_404(outcome_id: int) -> HarvestedOutcome:
    outcome = db.session.get(HarvestedOutcome, outcome_id)
    if outcome is None or outcome.programme_id != current_programme().id:
        abort(404)
    return outcome


def evaluation_item_or_404(item_id: int) -> EvaluationPlanItem:
    item = db.session.get(EvaluationPlanItem, item_id)
    if item is None or item.programme_id != current_programme().id:
        abort(404)
    return item


def engagement_or_404(engagement_id: int) -> Engagement:
    engagement = db.session.scalar(
        select(Engagement)
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(Engagement.id == engagement_id, Theme.programme_id == current_programme().id)
    )
    if engagement is None:
        abort(404)
    return engagement
