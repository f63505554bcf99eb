"""Published monthly reports: a frozen snapshot per programme and month."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omtracker.models.base import PERIOD, Base, utcnow

if TYPE_CHECKING:
    from omtracker.models.programme import Programme
    from omtracker.models.users import User


class MonthlyReport(Base):
    """Never updated after publication (DESIGN.md §3 rule 7): no version column on purpose."""

    __tablename__ = "monthly_reports"
    __table_args__ = (
        UniqueConstraint("programme_id", "period"),
        CheckConstraint("period LIKE '____-__'", name="period_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    period: Mapped[str] = mapped_column(PERIOD)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot_sha256: Mapped[str] = mapped_column(String(64))

    programme: Mapped[Programme] = relationship()
    published_by: Mapped[User | None] = relationship()


class MetricsGeneration(Base):
    """One row whose token changes on every write that can move a number (see metrics/cache.py).

    Cached roll-ups are keyed by this token, so every worker process sees a write at once and
    a rolled-back write never leaves a stale entry behind (its token is never seen again).
    """

    __tablename__ = "metrics_generations"

    id: Mapped[int] = mapped_column(primary_key=True)  # the programme's id
    token: Mapped[str] = mapped_column(String(36))
    # Changes only on writes that can move months before the last three (see metrics/cache.py).
    history_token: Mapped[str] = mapped_column(String(36), default="none")
