"""Outcome challenges (partner × opgave) and their graduated progress markers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, ArchivableMixin, Base, ExampleDataMixin, VersionedMixin
from omtracker.models.enums import EngagementStatus, Tier, enum_column

if TYPE_CHECKING:
    from omtracker.models.journals import JournalEntry
    from omtracker.models.partners import Partner
    from omtracker.models.themes import Opgave


class Engagement(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    """A boundary partner's outcome challenge within one opgave (uitkomstuitdaging)."""

    __tablename__ = "engagements"
    __table_args__ = (
        UniqueConstraint("partner_id", "opgave_id"),
        CheckConstraint(
            "monitoring_frequency_months BETWEEN 1 AND 12", name="monitoring_frequency"
        ),
        Index("ix_engagements_opgave_active", "opgave_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    opgave_id: Mapped[int] = mapped_column(ForeignKey("opgaven.id"))
    outcome_challenge: Mapped[str] = mapped_column(Text, default="")
    monitoring_frequency_months: Mapped[int] = mapped_column(default=1)
    start_date: Mapped[date]
    active: Mapped[bool] = mapped_column(default=True)
    # Monitoring paused: the ladder still counts, but no journal is due (see EngagementState).
    paused: Mapped[bool] = mapped_column(default=False)

    partner: Mapped[Partner] = relationship(back_populates="engagements")
    opgave: Mapped[Opgave] = relationship(back_populates="engagements")
    markers: Mapped[list[ProgressMarker]] = relationship(
        back_populates="engagement", order_by="(ProgressMarker.tier, ProgressMarker.position)"
    )
    journal_entries: Mapped[list[JournalEntry]] = relationship(
        back_populates="engagement", order_by="JournalEntry.period"
    )
    states: Mapped[list[EngagementState]] = relationship(
        back_populates="engagement",
        order_by="EngagementState.valid_from",
        cascade="all, delete-orphan",
    )

    @property
    def start_period(self) -> str:
        return self.start_date.strftime("%Y-%m")


class EngagementState(Base):
    """The engagement's state and monitoring plan from one month up to the next change.

    Effective-dated (DESIGN.md §3a): every figure for month M reads the row whose months hold M
    (valid_from <= M < valid_until), so a later stop, pause, archive or change of frequency never
    rewrites an earlier month. `schedule_from` is the month the frequency counts from (set when
    the frequency changes or monitoring resumes); `hidden` is true while the opgave or theme is
    archived. Rows of one engagement never overlap; the last one is open (valid_until NULL).
    """

    __tablename__ = "engagement_states"
    __table_args__ = (
        UniqueConstraint("engagement_id", "valid_from"),
        CheckConstraint("valid_from LIKE '____-__'", name="valid_from_format"),
        CheckConstraint(
            "valid_until IS NULL OR valid_until > valid_from", name="valid_until_after_from"
        ),
        CheckConstraint(
            "monitoring_frequency_months BETWEEN 1 AND 12", name="monitoring_frequency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"))
    valid_from: Mapped[str] = mapped_column(PERIOD)
    valid_until: Mapped[str | None] = mapped_column(PERIOD)
    status: Mapped[EngagementStatus] = mapped_column(
        enum_column(EngagementStatus, "engagement_status"), default=EngagementStatus.active
    )
    monitoring_frequency_months: Mapped[int] = mapped_column(default=1)
    schedule_from: Mapped[str] = mapped_column(PERIOD)
    hidden: Mapped[bool] = mapped_column(default=False)

    engagement: Mapped[Engagement] = relationship(back_populates="states")

    def holds_in(self, period: str) -> bool:
        return self.valid_from <= period and (self.valid_until is None or period < self.valid_until)

    def plan(self) -> tuple:
        return (self.status, self.monitoring_frequency_months, self.schedule_from, self.hidden)


class ProgressMarker(VersionedMixin, ExampleDataMixin, Base):
    """One rung of an engagement's ladder. Retired, never deleted, so history stays readable."""

    __tablename__ = "progress_markers"
    __table_args__ = (
        CheckConstraint("first_period LIKE '____-__'", name="first_period_format"),
        CheckConstraint(
            "retired_period IS NULL OR retired_period >= first_period", name="retired_after_first"
        ),
        Index("ix_progress_markers_engagement_tier", "engagement_id", "tier", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"))
    tier: Mapped[Tier] = mapped_column(enum_column(Tier, "marker_tier"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    first_period: Mapped[str] = mapped_column(PERIOD)
    retired_period: Mapped[str | None] = mapped_column(PERIOD)
    # Set when the marker was promoted from an unanticipated change in a journal entry.
    origin_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"))
    note: Mapped[str | None] = mapped_column(String(500))

    engagement: Mapped[Engagement] = relationship(back_populates="markers")

    def counts_in(self, period: str) -> bool:
        """A marker counts from its first month up to and including its last (retired) month."""
        return self.first_period <= period and (
            self.retired_period is None or period <= self.retired_period
        )
