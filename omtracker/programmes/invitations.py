"""Inviting a person to a programme by e-mail, resending, withdrawing and accepting.

An invitation carries the role in the programme and optionally a theme role. Its link is
valid for INVITATION_DAYS, works once, and only the SHA-256 of its token is stored; a resend
makes a new token, so an older mail's link stops working. Mails to one address are throttled
(LINK_MAILS_PER_HOUR), counted in the outgoing mail table both invitations and resets use.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from omtracker import clock, mailing, onetime
from omtracker.extensions import db
from omtracker.models import (
    Invitation,
    MembershipRole,
    OutgoingMail,
    Programme,
    Role,
    Theme,
    ThemeMembership,
    User,
)


class InvitationError(ValueError):
    """Refused: `reason` is exists, open, throttled, username, closed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def recent_link_mails(address: str) -> int:
    since = clock.utcnow() - timedelta(hours=1)
    return (
        db.session.scalar(
            select(func.count(OutgoingMail.id)).where(
                func.lower(OutgoingMail.recipient) == address.lower(),
                OutgoingMail.created_at >= since,
            )
        )
        or 0
    )


def throttled(address: str) -> bool:
    return recent_link_mails(address) >= int(current_app.config["LINK_MAILS_PER_HOUR"])


def _queue(invitation: Invitation, token: str) -> None:
    programme = invitation.programme
    inviter = invitation.invited_by.display_name if invitation.invited_by else None
    mailing.queue_mail(
        invitation.email,
        "invitation",
        _l("Uitnodiging voor %(programme)s", programme=programme.name),
        locale=invitation.locale,
        programme_id=programme.id,
        programme=programme,
        invitation=invitation,
        inviter=inviter,
        link=mailing.mail_link("programmes.accept", token=token),
        days=int(current_app.config["INVITATION_DAYS"]),
    )


def invite(
    programme: Programme,
    email: str,
    role: Role = Role.user,
    *,
    theme: Theme | None = None,
    theme_role: MembershipRole | None = None,
    display_name: str = "",
    invited_by: User | None = None,
    locale: str = "nl",
) -> Invitation:
    """Store an invitation and queue its mail; the caller commits."""
    email = email.strip()
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email.lower())):
        raise InvitationError("exists")
    open_one = db.session.scalar(
        select(Invitation.id).where(
            Invitation.programme_id == programme.id,
            func.lower(Invitation.email) == email.lower(),
            Invitation.accepted_at.is_(None),
            Invitation.withdrawn_at.is_(None),
            Invitation.expires_at > clock.utcnow(),
        )
    )
    if open_one:
        raise InvitationError("open")
    if throttled(email):
        raise InvitationError("throttled")
    if theme is not None and theme.programme_id != programme.id:
        raise InvitationError("closed")
    token, digest = onetime.new_token()
    invitation = Invitation(
        programme=programme,
        email=email,
        display_name=(display_name or "").strip()[:120],
        role=role,
        theme=theme,
        theme_role=theme_role if theme is not None else None,
        locale=locale,
        token_sha256=digest,
        invited_by=invited_by,
        expires_at=clock.utcnow() + timedelta(days=int(current_app.config["INVITATION_DAYS"])),
    )
    db.session.add(invitation)
    db.session.flush()
    _queue(invitation, token)
    return invitation


def resend(invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) and seven days from now."""
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise InvitationError("closed")
    if throttled(invitation.email):
        raise InvitationError("throttled")
    token, digest = onetime.new_token()
    now = clock.utcnow()
    invitation.token_sha256 = digest
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=int(current_app.config["INVITATION_DAYS"]))
    db.session.flush()
    _queue(invitation, token)
    return invitation


def withdraw(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationError("closed")
    if invitation.withdrawn_at is None:
        invitation.withdrawn_at = clock.utcnow()
        db.session.flush()


def find(token: str) -> tuple[Invitation | None, str]:
    """The invitation a link opens, or why it opens none: invalid, used, withdrawn, expired."""
    if not onetime.looks_like_token(token):
        return None, "invalid"
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_sha256 == onetime.token_hash(token))
    )
    if invitation is None:
        return None, "invalid"  # tampered, or a token of something else (a reset link)
    if invitation.accepted_at is not None:
        return invitation, "used"
    if invitation.withdrawn_at is not None:
        return invitation, "withdrawn"
    if invitation.expires_at <= clock.utcnow():
        return invitation, "expired"
    return invitation, "ok"


def suggested_username(email: str) -> str:
    local = email.split("@", 1)[0].lower()
    return "".join(c for c in local if c.isalnum() or c in "._-")[:80] or "gebruiker"


def accept(invitation: Invitation, username: str, display_name: str, password: str) -> User:
    """The invited person's account, with the invitation's role and theme role; single use."""
    if not invitation.is_open:
        raise InvitationError("closed")
    username = username.strip()
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise InvitationError("username")
    user = User(
        username=username,
        display_name=display_name.strip()[:120],
        email=invitation.email,
        role=invitation.role,
        programme_id=invitation.programme_id,
        locale=invitation.locale,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    if invitation.theme_id is not None:
        db.session.add(
            ThemeMembership(
                user=user,
                theme_id=invitation.theme_id,
                role=invitation.theme_role or MembershipRole.member,
            )
        )
    invitation.accepted_at = clock.utcnow()
    invitation.user_id = user.id
    db.session.flush()
    return user


def programme_invitations(programme: Programme) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.programme_id == programme.id)
            .options(selectinload(Invitation.theme))
            .order_by(Invitation.accepted_at.is_not(None), Invitation.created_at.desc())
            .limit(200)
        )
    )
