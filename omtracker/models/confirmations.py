""" "Klopt dit?": a partner's contact person confirms, corrects or comments on one outcome.

The request keeps the statement as it was sent (the journal's description of change), so the
answer always belongs to the words the partner saw. The link's token is stored only as its
SHA-256 (omtracker.onetime); it works once and expires.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker import clock
from omtracker.models.base import PERIOD, Base, utcnow

if TYPE_CHECKING:
    from omtracker.models.journals import JournalEntry
    from omtracker.models.users import User

# confirmed: "dit klopt"; corrected: it is not quite right, with a correction; commented: a remark.
CONFIRMATION_ANSWERS = ("confirmed", "corrected", "commented")


class PartnerConfirmation(Base):
    __tablename__ = "partner_confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    partner_name: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(PERIOD)
    statement: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str] = mapped_column(String(254))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[JournalEntry] = relationship()
    requested_by: Mapped[User | None] = relationship()

    @property
    def expired(self) -> bool:
        """Unanswered and past its date: the link no longer works."""
        return self.answered_at is None and self.expires_at <= clock.utcnow()

    def __repr__(self) -> str:
        return f"<PartnerConfirmation {self.id} entry={self.entry_id} {self.answer or 'open'}>"
