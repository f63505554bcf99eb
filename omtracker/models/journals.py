"""Monthly outcome journals, the marker ratings in them, their revisions and attachments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, Base, ExampleDataMixin, VersionedMixin, utcnow

if TYPE_CHECKING:
    from omtracker.models.markers import Engagement, ProgressMarker
    from omtracker.models.partners import Partner
    from omtracker.models.users import User


class JournalEntry(VersionedMixin, ExampleDataMixin, Base):
    __tablename__ = "journal_entries"
    __table_args__ = (
        UniqueConstraint("engagement_id", "period"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
        Index("ix_journal_entries_period", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"))
    period: Mapped[str] = mapped_column(PERIOD)
    change_description: Mapped[str] = mapped_column(Text, default="")
    contributing_factors: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    unanticipated_change: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    highlight: Mapped[bool] = mapped_column(default=False)
    # "Geen verandering gezien": the writer looked and saw nothing change (rule 5 counts it).
    no_change_seen: Mapped[bool] = mapped_column(default=False)
    # Rule 5: the entry records an observation (a changed level, a text or no_change_seen); a
    # save of last month's levels with nothing else is not a written journal. Set on save.
    observed: Mapped[bool] = mapped_column(default=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    engagement: Mapped[Engagement] = relationship(back_populates="journal_entries")
    author: Mapped[User | None] = relationship()
    ratings: Mapped[list[MarkerRating]] = relationship(
        back_populates="entry", cascade="all, delete-orphan"
    )
    contributors: Mapped[list[JournalContributor]] = relationship(
        back_populates="entry", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[JournalRevision]] = relationship(
        back_populates="entry", order_by="JournalRevision.number"
    )
    attachments: Mapped[list[JournalAttachment]] = relationship(back_populates="entry")


class MarkerRating(Base):
    """A marker's level in one journal entry.

    `period` repeats the entry's month (which never changes) so "the latest rating of each
    marker up to a month" is one index seek per marker instead of a scan of its history.
    It is filled in automatically on insert.
    """

    __tablename__ = "marker_ratings"
    __table_args__ = (
        UniqueConstraint("entry_id", "marker_id"),
        CheckConstraint("level BETWEEN 0 AND 3", name="level_range"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
        Index("ix_marker_ratings_marker_period", "marker_id", "period"),
        Index("ix_marker_ratings_entry", "entry_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))
    marker_id: Mapped[int] = mapped_column(ForeignKey("progress_markers.id"))
    period: Mapped[str] = mapped_column(PERIOD)
    level: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[JournalEntry] = relationship(back_populates="ratings")
    marker: Mapped[ProgressMarker] = relationship()


@event.listens_for(MarkerRating, "before_insert")
def _rating_period_from_entry(mapper: Any, connection: Any, target: MarkerRating) -> None:
    if target.period:
        return
    if target.entry is not None:
        target.period = target.entry.period
    else:
        target.period = connection.scalar(
            select(JournalEntry.period).where(JournalEntry.id == target.entry_id)
        )


class JournalContributor(Base):
    """A partner named as contributing actor in a journal entry: a co-mention network edge."""

    __tablename__ = "journal_contributors"
    __table_args__ = (UniqueConstraint("entry_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)

    entry: Mapped[JournalEntry] = relationship(back_populates="contributors")
    partner: Mapped[Partner] = relationship()


class JournalRevision(Base):
    """A frozen copy of a journal entry as saved; edits add a revision, none is ever changed."""

    __tablename__ = "journal_revisions"
    __table_args__ = (UniqueConstraint("entry_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    entry: Mapped[JournalEntry] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship()


class JournalAttachment(Base):
    """Evidence file stored under instance/attachments; archived instead of deleted."""

    __tablename__ = "journal_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived: Mapped[bool] = mapped_column(default=False)

    entry: Mapped[JournalEntry] = relationship(back_populates="attachments")
