"""Themes, who works in them, their opgaven and the monthly theme status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, ArchivableMixin, Base, ExampleDataMixin, VersionedMixin
from omtracker.models.enums import (
    BuildingBlock,
    MembershipRole,
    NationalTheme,
    OpgaveStatus,
    Rag,
    enum_column,
)

if TYPE_CHECKING:
    from omtracker.models.markers import Engagement
    from omtracker.models.national import ThemeNationalTheme
    from omtracker.models.programme import Programme
    from omtracker.models.strategies import Strategy
    from omtracker.models.users import User


class Theme(VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    building_block: Mapped[BuildingBlock] = mapped_column(
        enum_column(BuildingBlock, "building_block")
    )
    description: Mapped[str] = mapped_column(Text, default="")
    source_note: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship(back_populates="themes")
    opgaven: Mapped[list[Opgave]] = relationship(back_populates="theme", order_by="Opgave.id")
    memberships: Mapped[list[ThemeMembership]] = relationship(back_populates="theme")
    statuses: Mapped[list[ThemeStatus]] = relationship(back_populates="theme")
    national_links: Mapped[list[ThemeNationalTheme]] = relationship(
        back_populates="theme", cascade="all, delete-orphan"
    )

    @property
    def national_themes(self) -> list[NationalTheme]:
        order = list(NationalTheme)
        return sorted((link.national_theme for link in self.national_links), key=order.index)

    def __repr__(self) -> str:
        return f"<Theme {self.number} {self.name}>"


class ThemeMembership(VersionedMixin, Base):
    __tablename__ = "theme_memberships"
    __table_args__ = (UniqueConstraint("user_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(
        enum_column(MembershipRole, "membership_role"), default=MembershipRole.member
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    theme: Mapped[Theme] = relationship(back_populates="memberships")


class Opgave(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    """A concrete challenge inside one theme."""

    __tablename__ = "opgaven"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    work_agreements: Mapped[str] = mapped_column(Text, default="")
    targets: Mapped[str] = mapped_column(Text, default="")
    target_year: Mapped[int | None]
    status: Mapped[OpgaveStatus] = mapped_column(
        enum_column(OpgaveStatus, "opgave_status"), default=OpgaveStatus.active
    )
    source_note: Mapped[str | None] = mapped_column(Text)

    theme: Mapped[Theme] = relationship(back_populates="opgaven")
    engagements: Mapped[list[Engagement]] = relationship(back_populates="opgave")
    strategies: Mapped[list[Strategy]] = relationship(back_populates="opgave")

    def __repr__(self) -> str:
        return f"<Opgave {self.id} {self.title}>"


class ThemeStatus(VersionedMixin, ExampleDataMixin, Base):
    """The theme leader's monthly verdict: on track, attention or off track, with a short text."""

    __tablename__ = "theme_statuses"
    __table_args__ = (
        UniqueConstraint("theme_id", "period"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), index=True)
    period: Mapped[str] = mapped_column(PERIOD)
    rag: Mapped[Rag] = mapped_column(enum_column(Rag, "rag"))
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    theme: Mapped[Theme] = relationship(back_populates="statuses")
    author: Mapped[User | None] = relationship()
