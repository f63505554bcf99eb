"""Declarative base, naming convention and the mixins every editable record shares."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from omtracker import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PERIOD = String(7)  # a month as "YYYY-MM": sorts correctly as text on every database


def utcnow() -> datetime:
    """The clock's UTC now; a callable so defaults are evaluated per row, not at import."""
    return clock.utcnow()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, nullable=False)


class VersionedMixin(TimestampMixin):
    """Optimistic locking: every UPDATE checks and bumps `version`.

    Forms carry the version they were loaded with; services compare it before saving so the
    second person to save gets a conflict instead of silently overwriting the first.
    """

    version: Mapped[int] = mapped_column(nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.version}


class ArchivableMixin:
    """Nothing is hard-deleted by normal users: records are archived and stay readable."""

    archived: Mapped[bool] = mapped_column(default=False, nullable=False)


class ExampleDataMixin:
    """Marks generated demo content so the interface can label it as example data."""

    is_example: Mapped[bool] = mapped_column(default=False, nullable=False)
