"""Handing stored mails to the SMTP server (or the outbox folder), each by exactly one sender.

A sender first claims a mail (queued/failed → sending, in its own short transaction), so the
after-response send and a `flask send-mail` running at the same moment never both send it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import or_, select, update

from omtracker import clock
from omtracker.extensions import db
from omtracker.models import OutgoingMail

# A claim older than this belonged to a sender that died mid-way: the mail may be tried again.
STALE_CLAIM = timedelta(minutes=10)
LINK = re.compile(r"https?://\S+")


def _claim(mail_id: int) -> bool:
    result = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, OutgoingMail.status.in_(("queued", "failed")))
        .values(
            status="sending",
            claimed_at=clock.utcnow(),
            attempts=OutgoingMail.attempts + 1,
        )
    )
    db.session.commit()
    return result.rowcount == 1


def _message(mail: OutgoingMail, connection=None):  # noqa: ANN001, ANN202
    from flask_mailman import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[mail.recipient],
        connection=connection,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _write_to_outbox(mail: OutgoingMail) -> Path:
    configured = current_app.config.get("MAIL_OUTBOX_DIR")
    outbox = Path(configured) if configured else Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = clock.utcnow().strftime("%Y%m%d-%H%M%S")
    target = outbox / f"{stamp}-{mail.id}.eml"
    target.write_bytes(_message(mail).message().as_bytes())
    links = " ".join(LINK.findall(mail.text)) or "-"
    current_app.logger.warning(
        "E-mail niet verstuurd (geen MAIL_SERVER) maar bewaard in %s. Aan %s: %s. Links: %s",
        target,
        mail.recipient,
        mail.subject,
        links,
    )
    return target


def _send(mail: OutgoingMail) -> None:
    if not current_app.config.get("MAIL_SERVER"):
        _write_to_outbox(mail)
        return
    from flask_mailman import Mail

    cfg = current_app.config
    # Settings read per mail (not frozen at start-up), so a changed setting counts at once.
    connection = Mail().get_connection(
        backend=current_app.extensions["mailman"].backend,
        host=cfg["MAIL_SERVER"],
        port=int(cfg.get("MAIL_PORT") or 25),
        username=cfg.get("MAIL_USERNAME") or "",
        password=cfg.get("MAIL_PASSWORD") or "",
        use_tls=bool(cfg.get("MAIL_USE_TLS")),
        use_ssl=bool(cfg.get("MAIL_USE_SSL")),
        timeout=cfg.get("MAIL_TIMEOUT") or 10,
    )
    _message(mail, connection).send()


def deliver(ids: list[int]) -> dict[str, int]:
    """Send these mails if nobody else is sending them; record the outcome of each."""
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    for mail_id in ids:
        if not _claim(mail_id):
            counts["skipped"] += 1
            continue
        mail = db.session.get(OutgoingMail, mail_id)
        try:
            _send(mail)
        except Exception as exc:  # SMTP refused, timed out, TLS failed ...: keep it for later
            mail.status = "failed"
            mail.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            counts["failed"] += 1
            current_app.logger.warning(
                "E-mail %s aan %s niet verstuurd: %s", mail.id, mail.recipient, exc
            )
        else:
            mail.status = "sent"
            mail.sent_at = clock.utcnow()
            mail.last_error = None
            counts["sent"] += 1
        db.session.commit()
    return counts


def deliver_committed() -> dict[str, int]:
    """Outside a request (the command line): send what the last commit queued."""
    from omtracker.mailing.outbox import take_committed

    return deliver(take_committed())


def deliver_due() -> dict[str, int]:
    """`flask send-mail`: every mail not yet delivered, including stale claims. Idempotent."""
    stale = clock.utcnow() - STALE_CLAIM
    db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.status == "sending", OutgoingMail.claimed_at < stale)
        .values(status="failed", last_error="Verzending onderbroken; opnieuw geprobeerd.")
    )
    db.session.commit()
    ids = list(
        db.session.scalars(
            select(OutgoingMail.id)
            .where(OutgoingMail.status.in_(("queued", "failed")))
            .order_by(OutgoingMail.id)
        )
    )
    return deliver(ids)


def undelivered(programme_id: int | None) -> list[OutgoingMail]:
    """What administrators see on Beheer → E-mail: every mail of the programme not yet sent."""
    query = select(OutgoingMail).where(OutgoingMail.status != "sent")
    if programme_id is not None:
        query = query.where(
            or_(OutgoingMail.programme_id == programme_id, OutgoingMail.programme_id.is_(None))
        )
    return list(db.session.scalars(query.order_by(OutgoingMail.id.desc()).limit(200)))
