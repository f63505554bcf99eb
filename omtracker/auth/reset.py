"""'Wachtwoord vergeten': a one-time link by e-mail to choose a new password.

The request never reveals whether an address belongs to an account: the answer is the same,
and the route runs `request_reset` only after the answer has gone out (mailing.after_response),
so the timing is alike too. Links are
random, stored only as SHA-256, single use, valid PASSWORD_RESET_HOURS, and at most
LINK_MAILS_PER_HOUR link mails go to one address.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from omtracker import clock, mailing, onetime
from omtracker.extensions import db
from omtracker.models import OutgoingMail, PasswordReset, User


def _recent_mails(address: str) -> int:
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


def request_reset(address: str) -> None:
    """Queue a reset mail when the address belongs to an active account; otherwise nothing."""
    address = address.strip()
    user = db.session.scalars(
        select(User)
        .where(func.lower(User.email) == address.lower(), User.is_active_account.is_(True))
        .order_by(User.id)
    ).first()
    if user is None or _recent_mails(address) >= int(current_app.config["LINK_MAILS_PER_HOUR"]):
        return
    token, digest = onetime.new_token()
    hours = int(current_app.config["PASSWORD_RESET_HOURS"])
    db.session.add(
        PasswordReset(
            user_id=user.id,
            token_sha256=digest,
            expires_at=clock.utcnow() + timedelta(hours=hours),
        )
    )
    mailing.queue_mail(
        user.email,
        "password_reset",
        _l("Nieuw wachtwoord voor omtracker"),
        locale=user.locale,
        programme_id=user.programme_id,
        user=user,
        link=mailing.mail_link("auth.reset_password", token=token),
        hours=hours,
    )


def find(token: str) -> tuple[PasswordReset | None, str]:
    """The reset a link opens, or why it opens none: invalid, used, expired."""
    if not onetime.looks_like_token(token):
        return None, "invalid"
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_sha256 == onetime.token_hash(token))
    )
    if reset is None:
        return None, "invalid"  # tampered, or another kind of link (an invitation)
    if reset.used_at is not None:
        return reset, "used"
    if reset.expires_at <= clock.utcnow() or not reset.user.is_active_account:
        return reset, "expired"
    return reset, "ok"


def complete(reset: PasswordReset, password: str) -> User:
    """Set the new password; this link and every other open link of the user stop working."""
    user = reset.user
    user.set_password(password)
    now = clock.utcnow()
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    db.session.flush()
    # set_password raised the session epoch: every session that knew the old password has ended.
    return user
