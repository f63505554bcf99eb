"""People who log in, and the record of failed logins used for throttling."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from omtracker.models.base import Base, VersionedMixin, utcnow
from omtracker.models.enums import Role, enum_column

if TYPE_CHECKING:
    from omtracker.models.national import NetworkReader
    from omtracker.models.programme import Programme
    from omtracker.models.themes import ThemeMembership


class User(UserMixin, VersionedMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"), default=Role.user)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    last_login_at: Mapped[datetime | None]
    # Part of every session of this user (see get_id): raising it ends all of them, in every
    # worker, because each request checks it against the database (omtracker.auth.sessions).
    session_epoch: Mapped[int] = mapped_column(default=0)
    # Reminder mails (omtracker.reminders): "due", "weekly" or "off".
    reminder_frequency: Mapped[str] = mapped_column(String(10), default="due")

    programme: Mapped[Programme | None] = relationship()
    memberships: Mapped[list[ThemeMembership]] = relationship(back_populates="user")
    # Loaded with the user (a join, no query of its own): a network reader's requests are
    # gated on every page (omtracker.national.access), whatever else the account holds.
    network_reader: Mapped[NetworkReader | None] = relationship(
        "NetworkReader",
        primaryjoin="User.id == NetworkReader.user_id",
        foreign_keys="NetworkReader.user_id",
        uselist=False,
        lazy="joined",
        viewonly=True,
    )

    def set_password(self, password: str) -> None:
        # scrypt is werkzeug's default: a memory-hard modern scheme.
        self.password_hash = generate_password_hash(password)
        self.end_sessions()  # a new password ends every session that knew the old one

    def end_sessions(self) -> None:
        """Every session of this user ends at its next request (see get_id)."""
        self.session_epoch = (self.session_epoch or 0) + 1

    def get_id(self) -> str:
        # Flask-Login's "alternative token": the session holds "id:epoch", so a session made
        # before the epoch was raised no longer loads its user (omtracker.auth.sessions).
        return f"{self.id}:{self.session_epoch or 0}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive accounts cannot log in
        return self.is_active_account

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class LoginAttempt(Base):
    """A failed login, kept briefly so repeated guessing gets throttled (shared by all workers)."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_remote_addr_at", "remote_addr", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A personal read-API token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
