"""One search over a programme: the matching documents, grouped by kind, in one query.

Rights are the pages' rights: everyone in a programme may read all of it (the board too, it
only cannot change anything), and nothing of another programme. So every search is bound to
one programme, both by its token in the full-text match and by `programme_id`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ColumnElement, Integer, case, column, func, literal_column, select, text

from omtracker.extensions import db
from omtracker.models import SearchDocument, Theme
from omtracker.search import text as words_of
from omtracker.search.index import KINDS
from omtracker.search.schema import TSVECTOR_COLUMN

GROUP_LABEL = {
    "partner": _l("Grenspartners"),
    "opgave": _l("Opgaven"),
    "engagement": _l("Uitkomstuitdagingen"),
    "marker": _l("Voortgangsmarkeringen"),
    "journal": _l("Uitkomstenlogboeken"),
    "strategy": _l("Strategieën"),
    "strategy_journal": _l("Strategielogboeken"),
}
KIND_LABEL = {
    "partner": _l("grenspartner"),
    "opgave": _l("opgave"),
    "engagement": _l("uitkomstuitdaging"),
    "marker": _l("voortgangsmarkering"),
    "journal": _l("uitkomstenlogboek"),
    "strategy": _l("strategie"),
    "strategy_journal": _l("strategielogboek"),
}
PER_GROUP = 5  # results per kind when searching everything
PER_PAGE = 20  # results per page when searching one kind


@dataclass(frozen=True)
class Filters:
    query: str
    kind: str | None = None
    theme_id: int | None = None
    period_from: str | None = None
    period_to: str | None = None
    page: int = 1


@dataclass
class Hit:
    kind: str
    record_id: int
    parent_id: int | None
    title: Markup
    subtitle: Markup
    passage: Markup
    theme_id: int | None
    theme_number: int | None
    theme_name: str | None
    period: str | None
    archived: bool

    @property
    def url(self) -> str:
        return record_url(self.kind, self.record_id, self.parent_id)


@dataclass
class Group:
    kind: str
    total: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(GROUP_LABEL[self.kind])


@dataclass
class Results:
    filters: Filters
    groups: list[Group]
    searched: bool  # the query had words to search for

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def record_url(kind: str, record_id: int, parent_id: int | None = None) -> str:
    """The page that shows the record."""
    if kind == "partner":
        return url_for("partners.partner", partner_id=record_id)
    if kind == "opgave":
        return url_for("themes.opgave", opgave_id=record_id)
    if kind == "engagement":
        return url_for("engagements.engagement", engagement_id=record_id)
    if kind == "marker":
        return url_for("engagements.marker", marker_id=record_id)
    if kind == "journal":
        return url_for("journals.entry", entry_id=record_id)
    if kind == "strategy":
        return url_for("themes.strategy", strategy_id=record_id)
    return url_for("themes.strategy", strategy_id=parent_id)


def _match(
    words: list[words_of.QueryWord], programme_id: int, theme_id: int | None
) -> ColumnElement:
    """The full-text condition in the database's own dialect; both mean the same."""
    if db.engine.dialect.name == "sqlite":
        matching = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :fts").bindparams(
            fts=words_of.fts5_query(words, programme_id, theme_id)
        )
        return SearchDocument.id.in_(matching.columns(column("rowid", Integer)))
    query = words_of.tsquery(words, programme_id, theme_id)
    tsvector = literal_column(f"search_documents.{TSVECTOR_COLUMN}")
    return tsvector.op("@@")(func.to_tsquery(literal_column("'simple'"), query))


def _ranked(programme_id: int, words: list, filters: Filters, by_kind: bool) -> Any:
    """The matching documents numbered within their kind (or across kinds, in the order of
    KINDS), each with the number of matches: newest month first, then by title."""
    doc = SearchDocument
    conditions = [doc.programme_id == programme_id, _match(words, programme_id, filters.theme_id)]
    if filters.kind:
        conditions.append(doc.kind == filters.kind)
    if filters.theme_id:
        conditions.append(doc.theme_id == filters.theme_id)
    if filters.period_from:
        conditions.append(doc.period >= filters.period_from)
    if filters.period_to:
        conditions.append(doc.period <= filters.period_to)
    order = (doc.period.is_(None), doc.period.desc(), doc.title, doc.id)
    if not by_kind:
        order = (case({k: n for n, k in enumerate(KINDS)}, value=doc.kind), *order)
    partition = {"partition_by": doc.kind} if by_kind else {}
    # Only narrow columns go through the window sort; the texts are read for the shown rows.
    return (
        select(
            doc.id,
            doc.kind,
            func.row_number().over(order_by=order, **partition).label("position"),
            func.count().over(**partition).label("total"),
        )
        .where(*conditions)
        .subquery()
    )


def _hits(ranked: Any, words: list, first: int, size: int) -> list[tuple[Hit, int]]:
    doc = SearchDocument
    rows = db.session.execute(
        select(
            ranked.c.total,
            doc.kind,
            doc.record_id,
            doc.parent_id,
            doc.theme_id,
            doc.period,
            doc.archived,
            doc.title,
            doc.subtitle,
            doc.body,
            Theme.number,
            Theme.name,
        )
        .select_from(ranked)
        .join(doc, doc.id == ranked.c.id)
        .outerjoin(Theme, Theme.id == doc.theme_id)
        .where(ranked.c.position > first, ranked.c.position <= first + size)
        .order_by(ranked.c.kind, ranked.c.position)
    ).all()
    out = []
    for row in rows:
        hit = Hit(
            kind=row.kind,
            record_id=row.record_id,
            parent_id=row.parent_id,
            title=words_of.highlight(row.title, words),
            subtitle=words_of.highlight(row.subtitle, words),
            passage=words_of.snippet(row.body, words),
            theme_id=row.theme_id,
            theme_number=row.number,
            theme_name=row.name,
            period=row.period,
            archived=row.archived,
        )
        out.append((hit, row.total))
    return out


def search(programme_id: int, filters: Filters) -> Results:
    """The programme's documents matching every word of the query, grouped by kind: the first
    PER_GROUP of each kind, or one page of PER_PAGE when a kind is chosen."""
    words = words_of.parse_query(filters.query)
    if not words:
        return Results(filters, [], searched=False)
    size = PER_PAGE if filters.kind else PER_GROUP
    first = (filters.page - 1) * size if filters.kind else 0
    groups: dict[str, Group] = {}
    for hit, total in _hits(_ranked(programme_id, words, filters, True), words, first, size):
        groups.setdefault(hit.kind, Group(hit.kind, total)).hits.append(hit)
    ordered = [groups[kind] for kind in KINDS if kind in groups]
    return Results(filters, ordered, searched=True)


def search_list(programme_id: int, filters: Filters, per_page: int) -> tuple[list[Hit], int]:
    """One page of all matches in one list (the API): kinds in the order of KINDS."""
    words = words_of.parse_query(filters.query)
    if not words:
        return [], 0
    first = (filters.page - 1) * per_page
    found = _hits(_ranked(programme_id, words, filters, False), words, first, per_page)
    if not found and first:  # past the end: still say how many there are
        return [], search_count(programme_id, filters)
    found.sort(key=lambda pair: KINDS.index(pair[0].kind))
    return [hit for hit, _total in found], found[0][1] if found else 0


def search_count(programme_id: int, filters: Filters) -> int:
    words = words_of.parse_query(filters.query)
    ranked = _ranked(programme_id, words, filters, False)
    return db.session.scalar(select(func.count()).select_from(ranked)) or 0
