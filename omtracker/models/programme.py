"""The programme: one municipality's sports agreement, the tenant everything else belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import ArchivableMixin, Base, VersionedMixin

if TYPE_CHECKING:
    from omtracker.models.indicators import Indicator
    from omtracker.models.partners import Partner
    from omtracker.models.themes import Theme


class Programme(VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    operating_name: Mapped[str | None] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(120))
    inhabitants: Mapped[int | None]  # for comparisons between municipalities
    ambition: Mapped[str] = mapped_column(Text, default="")
    mission: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(300))
    source_note: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The programme's choice: its aggregated figures (never texts, names of people or contact
    # data) count in the network's figures and benchmarks (omtracker.national).
    shares_with_network: Mapped[bool] = mapped_column(default=False, server_default=false())

    themes: Mapped[list[Theme]] = relationship(back_populates="programme", order_by="Theme.number")
    partners: Mapped[list[Partner]] = relationship(back_populates="programme")
    indicators: Mapped[list[Indicator]] = relationship(back_populates="programme")

    def __repr__(self) -> str:
        return f"<Programme {self.slug}>"
