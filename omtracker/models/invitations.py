"""One-time links by e-mail: an invitation to a programme, and a password reset.

Only the SHA-256 of a link's token is stored; the token itself exists in the mail alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import Base, utcnow
from omtracker.models.enums import MembershipRole, Role, enum_column

if TYPE_CHECKING:
    from omtracker.models.programme import Programme
    from omtracker.models.themes import Theme
    from omtracker.models.users import User


class Invitation(Base):
    """A person invited by e-mail to a programme, with a role and optionally a theme role."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"), default=Role.user)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    theme_role: Mapped[MembershipRole | None] = mapped_column(
        enum_column(MembershipRole, "membership_role")
    )
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    programme: Mapped[Programme] = relationship()
    theme: Mapped[Theme | None] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None


class PasswordReset(Base):
    """A "wachtwoord vergeten" link: single use, short-lived."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
