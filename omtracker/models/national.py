"""Many programmes, one picture: national themes, sharing, and the networks that read across.

- A theme of a programme maps to one or more of the six national themes of Sportakkoord II
  (`ThemeNationalTheme`), set by its coordinator.
- `Programme.shares_with_network` says whether the programme's aggregated figures (never
  texts, names of people or contact data) are shared with the network.
- A `MonitoringNetwork` (the national monitor, or a regional sports office) reads across the
  programmes that share: a national network all of them, a regional one those it lists
  (`NetworkProgramme`). Its readers (`NetworkReader`) have no programme of their own.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import Base, utcnow
from omtracker.models.enums import NationalTheme, NetworkKind, enum_column

if TYPE_CHECKING:
    from omtracker.models.programme import Programme
    from omtracker.models.themes import Theme
    from omtracker.models.users import User


class ThemeNationalTheme(Base):
    """One of the national themes a programme's theme contributes to."""

    __tablename__ = "theme_national_themes"

    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), primary_key=True)
    national_theme: Mapped[NationalTheme] = mapped_column(
        enum_column(NationalTheme, "national_theme"), primary_key=True
    )

    theme: Mapped[Theme] = relationship(back_populates="national_links")


class MonitoringNetwork(Base):
    __tablename__ = "monitoring_networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[NetworkKind] = mapped_column(enum_column(NetworkKind, "network_kind"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme_links: Mapped[list[NetworkProgramme]] = relationship(
        back_populates="network", cascade="all, delete-orphan"
    )
    readers: Mapped[list[NetworkReader]] = relationship(
        back_populates="network", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<MonitoringNetwork {self.kind} {self.name}>"


class NetworkProgramme(Base):
    """A municipality a regional network covers (a national network covers every programme)."""

    __tablename__ = "network_programmes"

    network_id: Mapped[int] = mapped_column(ForeignKey("monitoring_networks.id"), primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), primary_key=True)

    network: Mapped[MonitoringNetwork] = relationship(back_populates="programme_links")
    programme: Mapped[Programme] = relationship()


class NetworkReader(Base):
    """A person who reads a network's figures; one network per person, no programme pages."""

    __tablename__ = "network_readers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("monitoring_networks.id"), index=True)

    network: Mapped[MonitoringNetwork] = relationship(back_populates="readers")
    user: Mapped[User] = relationship()


class StoredCounts(Base):
    """A programme's counts behind the national figures for a month, kept in the database by
    `flask national-warm` so that a new web worker does not recompute every programme
    (omtracker.national.stored). Valid while `version` matches the programme's data version."""

    __tablename__ = "national_stored_counts"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    version: Mapped[str] = mapped_column(String(200))
    rows: Mapped[list] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
