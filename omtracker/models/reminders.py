"""Reminder mails already sent: one row per person and slot (a month or an ISO week).

The unique (user, slot) pair is what makes `flask send-reminders` idempotent: a second run on
the same day, or two runs at the same moment, cannot send a person the same reminder twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omtracker.models.base import Base, utcnow

# Per person: a mail in the last week of the month a journal is due (or when one is overdue),
# once a week while something is due, or no reminders at all.
REMINDER_CHOICES = ("due", "weekly", "off")


class ReminderLog(Base):
    __tablename__ = "reminder_logs"
    __table_args__ = (UniqueConstraint("user_id", "slot", name="uq_reminder_logs_user_slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(index=True)
    # "2026-11" for a once-a-month reminder, "2026-W47" for a weekly one.
    slot: Mapped[str] = mapped_column(String(10))
    frequency: Mapped[str] = mapped_column(String(10))
    due_count: Mapped[int] = mapped_column(default=0)
    overdue_count: Mapped[int] = mapped_column(default=0)
    recipient: Mapped[str] = mapped_column(String(254))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<ReminderLog user={self.user_id} {self.slot}>"
