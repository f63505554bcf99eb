"""The search index: one row per searchable record, kept in step with the records it copies.

`title`, `subtitle` and `body` keep the original text for the results page (passages and
highlights); `terms` holds the same words folded (no accents, lower case) and stemmed with the
Snowball Dutch stemmer, plus tokens for the programme and theme. The database's own full-text
index covers `terms`: an FTS5 table on SQLite, a GIN index on PostgreSQL (see
omtracker/search/schema.py). The rows are derived data: `flask search-reindex` rebuilds them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omtracker.models.base import PERIOD, Base


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "record_id"),
        Index("ix_search_documents_programme_kind", "programme_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    # What the record's page hangs on: a journal's or marker's engagement, a strategy journal's
    # strategy, a strategy's opgave.
    parent_id: Mapped[int | None]
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    period: Mapped[str | None] = mapped_column(PERIOD)
    archived: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str] = mapped_column(String(420), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
