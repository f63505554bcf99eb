"""Strategy map per opgave (I-1 … E-3) and the monthly strategy journal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, ArchivableMixin, Base, ExampleDataMixin, VersionedMixin
from omtracker.models.enums import StrategyType, enum_column

if TYPE_CHECKING:
    from omtracker.models.markers import Engagement, ProgressMarker
    from omtracker.models.themes import Opgave
    from omtracker.models.users import User


class Strategy(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    __tablename__ = "strategies"

    id: Mapped[int] = mapped_column(primary_key=True)
    opgave_id: Mapped[int] = mapped_column(ForeignKey("opgaven.id"), index=True)
    # Set for a strategy aimed at one boundary partner; empty for one serving the whole opgave.
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagements.id"), index=True)
    type: Mapped[StrategyType] = mapped_column(enum_column(StrategyType, "strategy_type"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    opgave: Mapped[Opgave] = relationship(back_populates="strategies")
    engagement: Mapped[Engagement | None] = relationship()
    # The progress markers the strategy aims at (Outcome Mapping links strategies to the ladder).
    markers: Mapped[list[ProgressMarker]] = relationship(secondary="strategy_markers")
    journal_entries: Mapped[list[StrategyJournalEntry]] = relationship(
        back_populates="strategy", order_by="StrategyJournalEntry.period"
    )


class StrategyJournalEntry(VersionedMixin, ExampleDataMixin, Base):
    __tablename__ = "strategy_journal_entries"
    __table_args__ = (
        UniqueConstraint("strategy_id", "period"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategies.id"))
    period: Mapped[str] = mapped_column(PERIOD)
    resources: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    effectiveness: Mapped[str] = mapped_column(Text, default="")
    outputs: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    next_review_date: Mapped[date | None]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    strategy: Mapped[Strategy] = relationship(back_populates="journal_entries")
    author: Mapped[User | None] = relationship()
