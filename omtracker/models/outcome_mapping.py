"""Outcome Mapping beyond the ladder: plans, practices, rubrics and harvested outcomes.

OM steps 7, 8, 11 and 12 (organisational practices, the monitoring plan, the performance journal,
the evaluation plan), the L/M/H rubric of a ladder, and Outcome Harvesting (Wilson-Grau): a change
recorded on its own, possibly by an actor who is not (yet) a boundary partner.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, ArchivableMixin, Base, ExampleDataMixin, VersionedMixin
from omtracker.models.enums import enum_column

if TYPE_CHECKING:
    from omtracker.models.journals import JournalEntry
    from omtracker.models.markers import Engagement, ProgressMarker
    from omtracker.models.partners import Partner
    from omtracker.models.themes import Opgave, Theme
    from omtracker.models.users import User


class Practice(enum.StrEnum):
    """The eight organisational practices of an effective programme (OM step 7)."""

    prospecting = "prospecting"
    feedback = "feedback"
    support = "support"
    redesign = "redesign"
    follow_up = "follow_up"
    sharing = "sharing"
    experimenting = "experimenting"
    reflection = "reflection"


harvested_outcome_markers = Table(
    "harvested_outcome_markers",
    Base.metadata,
    Column("outcome_id", ForeignKey("harvested_outcomes.id"), primary_key=True),
    Column("marker_id", ForeignKey("progress_markers.id"), primary_key=True),
)

strategy_markers = Table(
    "strategy_markers",
    Base.metadata,
    Column("strategy_id", ForeignKey("strategies.id"), primary_key=True),
    Column("marker_id", ForeignKey("progress_markers.id"), primary_key=True),
)


class HarvestedOutcome(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    """One harvested outcome: who changed what, when and where, why it matters, our part."""

    __tablename__ = "harvested_outcomes"
    __table_args__ = (
        CheckConstraint("period LIKE '____-__'", name="period_format"),
        Index("ix_harvested_outcomes_programme_period", "programme_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), index=True)
    opgave_id: Mapped[int | None] = mapped_column(ForeignKey("opgaven.id"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    # Who changed, when that actor is not (yet) a boundary partner in the registry.
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    change: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(PERIOD)
    place: Mapped[str] = mapped_column(String(200), default="")
    significance: Mapped[str] = mapped_column(Text, default="")
    contribution: Mapped[str] = mapped_column(Text, default="")
    substantiation: Mapped[str] = mapped_column(Text, default="")
    origin_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    theme: Mapped[Theme | None] = relationship()
    opgave: Mapped[Opgave | None] = relationship()
    partner: Mapped[Partner | None] = relationship()
    origin_entry: Mapped[JournalEntry | None] = relationship()
    author: Mapped[User | None] = relationship()
    markers: Mapped[list[ProgressMarker]] = relationship(secondary=harvested_outcome_markers)

    @property
    def actor(self) -> str:
        return self.partner.name if self.partner else self.actor_name


class PerformanceJournalEntry(VersionedMixin, ExampleDataMixin, Base):
    """The performance journal (OM step 11) of the programme or one theme for one period."""

    __tablename__ = "performance_journal_entries"
    __table_args__ = (
        UniqueConstraint("programme_id", "theme_id", "period"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), index=True)
    period: Mapped[str] = mapped_column(PERIOD)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    theme: Mapped[Theme | None] = relationship()
    author: Mapped[User | None] = relationship()
    notes: Mapped[list[PracticeNote]] = relationship(
        back_populates="entry", cascade="all, delete-orphan"
    )


class PracticeNote(Base):
    """One practice in a performance journal: an example, the lessons, how well it was followed."""

    __tablename__ = "practice_notes"
    __table_args__ = (
        UniqueConstraint("entry_id", "practice"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 0 AND 3", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("performance_journal_entries.id"))
    practice: Mapped[Practice] = mapped_column(enum_column(Practice, "organisational_practice"))
    example: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None]

    entry: Mapped[PerformanceJournalEntry] = relationship(back_populates="notes")


class MonitoringPlan(VersionedMixin, Base):
    """OM step 8 for the programme or one theme, valid from a month (a new plan keeps the old)."""

    __tablename__ = "monitoring_plans"
    __table_args__ = (
        UniqueConstraint("programme_id", "theme_id", "valid_from"),
        CheckConstraint("valid_from LIKE '____-__'", name="valid_from_format"),
        CheckConstraint(
            "journal_frequency_months IS NULL OR journal_frequency_months BETWEEN 1 AND 12",
            name="journal_frequency",
        ),
        CheckConstraint("performance_rhythm_months IN (1, 3)", name="performance_rhythm"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), index=True)
    valid_from: Mapped[str] = mapped_column(PERIOD)
    monitored: Mapped[str] = mapped_column(Text, default="")
    monitored_by: Mapped[str] = mapped_column(Text, default="")
    how_often: Mapped[str] = mapped_column(Text, default="")
    use_of_information: Mapped[str] = mapped_column(Text, default="")
    # The outcome-journal rhythm the plan asks of the partners; the engagements keep their own
    # effective-dated setting, which this is shown beside.
    journal_frequency_months: Mapped[int | None]
    performance_rhythm_months: Mapped[int] = mapped_column(default=1)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    theme: Mapped[Theme | None] = relationship()
    author: Mapped[User | None] = relationship()


class EvaluationPlanItem(VersionedMixin, ArchivableMixin, Base):
    """One evaluation of the programme's evaluation plan (OM step 12)."""

    __tablename__ = "evaluation_plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    users: Mapped[str] = mapped_column(Text, default="")
    uses: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[str] = mapped_column(Text, default="")
    methods: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    cost_euros: Mapped[int | None]


class LadderRubric(VersionedMixin, Base):
    """What low, medium and high look like on one engagement's ladder (all optional)."""

    __tablename__ = "ladder_rubrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"), unique=True)
    low: Mapped[str] = mapped_column(Text, default="")
    medium: Mapped[str] = mapped_column(Text, default="")
    high: Mapped[str] = mapped_column(Text, default="")

    engagement: Mapped[Engagement] = relationship()
