"""Quick observations: what someone saw a partner do, noted on the day, before the journal.

An observation belongs to one engagement (the partner within an opgave) and the month it was
seen in. The month's journal offers the open observations as its starting text; when the
journal is saved they are linked to it (`journal_entry_id`) and stay with it as evidence. An
optional file is stored the same way as a journal attachment (instance/attachments, random
name). Removing an observation archives it; nothing is hard-deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker import clock
from omtracker.models.base import PERIOD, ArchivableMixin, Base, utcnow

if TYPE_CHECKING:
    from omtracker.models.journals import JournalEntry
    from omtracker.models.markers import Engagement, ProgressMarker
    from omtracker.models.users import User


SIGNIFICANCES = ("low", "medium", "high")


def _today() -> date:
    return clock.today()


class Observation(ArchivableMixin, Base):
    """A waarneming: a dated note about a partner, optionally about one marker, with a file."""

    __tablename__ = "observations"
    __table_args__ = (
        CheckConstraint("period LIKE '____-__'", name="period_format"),
        CheckConstraint(
            "significance IS NULL OR significance IN ('low', 'medium', 'high')",
            name="significance_value",
        ),
        Index("ix_observations_engagement_period", "engagement_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"))
    observed_on: Mapped[date] = mapped_column(default=_today)
    period: Mapped[str] = mapped_column(PERIOD)
    text: Mapped[str] = mapped_column(Text)
    progress_marker_id: Mapped[int | None] = mapped_column(ForeignKey("progress_markers.id"))
    # How significant the writer thinks it is: low, medium or high (names of the marker levels).
    significance: Mapped[str | None] = mapped_column(String(10))
    filename: Mapped[str | None] = mapped_column(String(255))
    stored_name: Mapped[str | None] = mapped_column(String(80), unique=True)
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the month's journal was saved with this observation as its evidence.
    journal_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id"), index=True
    )

    engagement: Mapped[Engagement] = relationship()
    marker: Mapped[ProgressMarker | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    journal_entry: Mapped[JournalEntry | None] = relationship()

    @property
    def used(self) -> bool:
        """Taken into a journal: from then on it is evidence and no longer edited."""
        return self.journal_entry_id is not None

    def __repr__(self) -> str:
        return f"<Observation {self.id} engagement={self.engagement_id} {self.period}>"
