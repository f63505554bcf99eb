"""The "Beginnen" checklist: what a new programme has, counted in a handful of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    Invitation,
    MembershipRole,
    Opgave,
    Partner,
    Programme,
    Theme,
    ThemeMembership,
    User,
)


@dataclass
class Step:
    key: str
    count: int
    done: bool


def _count(query) -> int:  # noqa: ANN001
    return db.session.scalar(query) or 0


def checklist(programme: Programme) -> list[Step]:
    themes = _count(
        select(func.count(Theme.id)).where(
            Theme.programme_id == programme.id, Theme.archived.is_(False)
        )
    )
    opgaven = _count(
        select(func.count(Opgave.id))
        .join(Opgave.theme)
        .where(Theme.programme_id == programme.id, Opgave.archived.is_(False))
    )
    leads = _count(
        select(func.count(func.distinct(ThemeMembership.theme_id)))
        .join(ThemeMembership.theme)
        .where(Theme.programme_id == programme.id, ThemeMembership.role == MembershipRole.lead)
    )
    people = _count(select(func.count(User.id)).where(User.programme_id == programme.id))
    invited = _count(
        select(func.count(Invitation.id)).where(
            Invitation.programme_id == programme.id,
            Invitation.accepted_at.is_(None),
            Invitation.withdrawn_at.is_(None),
        )
    )
    partners = _count(select(func.count(Partner.id)).where(Partner.programme_id == programme.id))
    engagements = _count(
        select(func.count(Engagement.id))
        .join(Engagement.opgave)
        .join(Opgave.theme)
        .where(Theme.programme_id == programme.id)
    )
    return [
        Step("themes", themes, themes > 0),
        Step("opgaven", opgaven, opgaven > 0),
        Step("people", people + invited, leads > 0),
        Step("import", partners + engagements, engagements > 0),
    ]
