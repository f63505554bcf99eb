"""What a user typed into a form and has not saved yet, kept so a lost session loses nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omtracker.models.base import Base, utcnow


class Draft(Base):
    """One form's unsaved fields for one user; the form is named by its address (`form_key`).

    Scratch, not a record of the programme: not audited, replaced on every autosave, removed when
    the form is saved and after DRAFT_MAX_AGE_DAYS.
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    form_key: Mapped[str] = mapped_column(String(300))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
