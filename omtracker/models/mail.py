"""Outgoing e-mail, stored with the change that causes it and delivered after the commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omtracker.models.base import Base, utcnow

# queued: waiting for its first try; sending: claimed by one sender; failed: will be retried;
# sent: delivered to the SMTP server (or written to the outbox folder).
MAIL_STATUSES = ("queued", "sending", "failed", "sent")


class OutgoingMail(Base):
    __tablename__ = "outgoing_mails"
    __table_args__ = (Index("ix_outgoing_mails_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int | None] = mapped_column(index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.status}>"
