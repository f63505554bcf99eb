""" "Klopt dit?": ask a partner's contact person to confirm one outcome, and take the answer.

A theme's writers send the request from a journal entry; the contact person needs no account:
the mail holds a one-time link (random, stored only as SHA-256, valid CONFIRMATION_DAYS, used
once) to a page showing only the partner, the month and the described change. Sending is
throttled per entry and per address. The answer is stored on the request (audited like every
write) and counts as evidence for the entry.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from omtracker import clock, mailing, onetime
from omtracker.extensions import db
from omtracker.models import JournalEntry, OutgoingMail, PartnerConfirmation, User

CONFIRMATION_DAYS = 30
REQUESTS_PER_ENTRY_PER_DAY = 3


class ConfirmationRefused(Exception):
    """Why no request was sent: "no_contact", "no_statement" or "throttled"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def for_entry(entry_id: int) -> list[PartnerConfirmation]:
    """Every request of an entry, newest first (one query)."""
    return list(
        db.session.scalars(
            select(PartnerConfirmation)
            .where(PartnerConfirmation.entry_id == entry_id)
            .order_by(PartnerConfirmation.requested_at.desc(), PartnerConfirmation.id.desc())
        )
    )


def _throttled(entry_id: int, address: str) -> bool:
    now = clock.utcnow()
    per_entry = db.session.scalar(
        select(func.count(PartnerConfirmation.id)).where(
            PartnerConfirmation.entry_id == entry_id,
            PartnerConfirmation.requested_at >= now - timedelta(days=1),
        )
    )
    per_address = db.session.scalar(
        select(func.count(OutgoingMail.id)).where(
            func.lower(OutgoingMail.recipient) == address.lower(),
            OutgoingMail.created_at >= now - timedelta(hours=1),
        )
    )
    return (per_entry or 0) >= REQUESTS_PER_ENTRY_PER_DAY or (per_address or 0) >= int(
        current_app.config.get("LINK_MAILS_PER_HOUR", 3)
    )


def request_confirmation(entry: JournalEntry, requested_by: User) -> PartnerConfirmation:
    """Queue the "klopt dit?" mail to the partner's contact person; the caller commits."""
    partner = entry.engagement.partner
    address = (partner.contact_email or "").strip()
    if not address:
        raise ConfirmationRefused("no_contact")
    if not entry.change_description.strip():
        raise ConfirmationRefused("no_statement")
    if _throttled(entry.id, address):
        raise ConfirmationRefused("throttled")
    token, digest = onetime.new_token()
    days = int(current_app.config.get("CONFIRMATION_DAYS", CONFIRMATION_DAYS))
    programme = entry.engagement.opgave.theme.programme
    request = PartnerConfirmation(
        programme_id=programme.id,
        entry_id=entry.id,
        partner_name=partner.name,
        period=entry.period,
        statement=entry.change_description,
        recipient=address,
        token_sha256=digest,
        requested_by_id=requested_by.id,
        expires_at=clock.utcnow() + timedelta(days=days),
    )
    db.session.add(request)
    mailing.queue_mail(
        address,
        "partner_confirmation",
        _l(
            "Klopt dit? Een vraag van %(programme)s",
            programme=programme.operating_name or programme.name,
        ),
        programme_id=programme.id,
        contact_name=partner.contact_name,
        programme=programme,
        sender=requested_by.display_name,
        confirmation=request,
        days=days,
        link=mailing.mail_link("confirmations.answer", token=token),
    )
    return request


def find(token: str) -> tuple[PartnerConfirmation | None, str]:
    """The request a link opens, or why none: invalid, used, expired."""
    if not onetime.looks_like_token(token):
        return None, "invalid"
    found = db.session.scalar(
        select(PartnerConfirmation).where(
            PartnerConfirmation.token_sha256 == onetime.token_hash(token)
        )
    )
    if found is None:
        return None, "invalid"
    if found.answered_at is not None:
        return found, "used"
    if found.expires_at <= clock.utcnow():
        return found, "expired"
    return found, "ok"


def record_answer(request: PartnerConfirmation, answer: str, comment: str) -> bool:
    """Store the answer once; False when another submission of the same link came first.

    The link is claimed with one conditional UPDATE (single use even for two submissions at
    the same moment); the answer itself is then written through the ORM so it is audited.
    """
    now = clock.utcnow()
    claimed = db.session.execute(
        update(PartnerConfirmation)
        .where(PartnerConfirmation.id == request.id, PartnerConfirmation.answered_at.is_(None))
        .values(answered_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    request.answered_at = now
    request.answer = answer
    request.comment = comment
    db.session.flush()
    return True
