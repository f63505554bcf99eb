"""The programme's shared registry of boundary partners and the explicit links between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import ArchivableMixin, Base, ExampleDataMixin, VersionedMixin
from omtracker.models.enums import PartnerType, RelationType, enum_column

if TYPE_CHECKING:
    from omtracker.models.markers import Engagement
    from omtracker.models.programme import Programme


class Partner(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    __tablename__ = "partners"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[PartnerType] = mapped_column(
        enum_column(PartnerType, "partner_type"), default=PartnerType.other
    )
    wijk: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    source_note: Mapped[str | None] = mapped_column(Text)
    # Set when a coordinator merges this partner into another; the record stays for history.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"))

    programme: Mapped[Programme] = relationship(back_populates="partners")
    engagements: Mapped[list[Engagement]] = relationship(back_populates="partner")

    def __repr__(self) -> str:
        return f"<Partner {self.id} {self.name}>"


class PartnerRelation(VersionedMixin, ArchivableMixin, ExampleDataMixin, Base):
    """An explicit partner–partner link: a second source of network edges besides co-mentions."""

    __tablename__ = "partner_relations"
    __table_args__ = (
        UniqueConstraint("source_partner_id", "target_partner_id", "type"),
        CheckConstraint("source_partner_id <> target_partner_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    source_partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    target_partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    type: Mapped[RelationType] = mapped_column(
        enum_column(RelationType, "relation_type"), default=RelationType.cooperation
    )
    note: Mapped[str] = mapped_column(Text, default="")

    source_partner: Mapped[Partner] = relationship(foreign_keys=[source_partner_id])
    target_partner: Mapped[Partner] = relationship(foreign_keys=[target_partner_id])
