"""Key indicators (kernindicatoren) and their values per year and area, each with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import ArchivableMixin, Base, VersionedMixin
from omtracker.models.enums import IndicatorArea, enum_column

if TYPE_CHECKING:
    from omtracker.models.programme import Programme


class Indicator(VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    category: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    baseline_value: Mapped[float | None]
    baseline_year: Mapped[int | None]
    target_value: Mapped[float | None]
    target_year: Mapped[int | None]

    programme: Mapped[Programme] = relationship(back_populates="indicators")
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", order_by="IndicatorValue.year"
    )


class IndicatorValue(VersionedMixin, ArchivableMixin, Base):
    """A value as the source gives it; a wrong one is archived (and stays visible), not deleted."""

    __tablename__ = "indicator_values"
    __table_args__ = (Index("ix_indicator_values_indicator_year", "indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    year: Mapped[int | None]
    area: Mapped[IndicatorArea] = mapped_column(enum_column(IndicatorArea, "indicator_area"))
    area_name: Mapped[str] = mapped_column(String(120), default="")
    # The number when the source gives one; value_text keeps what the source says otherwise
    # ("PM", a range such as "34000-75000"), so nothing is invented to fill a gap.
    value: Mapped[float | None]
    value_text: Mapped[str] = mapped_column(String(120), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    indicator: Mapped[Indicator] = relationship(back_populates="values")
