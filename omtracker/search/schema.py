"""The database side of the search index: FTS5 on SQLite, a GIN index on PostgreSQL.

Both index the `terms` column of `search_documents`, which holds folded words stemmed in Python
with the Snowball Dutch stemmer (see text.py), so both databases compare the same tokens
(PostgreSQL's own `dutch` configuration ships an older Snowball Dutch algorithm, and its
`unaccent` is an extension not every server has). On SQLite an external-content FTS5 table
follows `search_documents` through triggers. On PostgreSQL a stored generated column
`terms_tsv` = to_tsvector('simple', terms) carries a GIN index ('simple': the words are stemmed
already); being stored, a match is rechecked without parsing the text again. Alembic does not
know these objects, so `include_object` keeps them out of `flask db check`.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "search_fts"
GIN_INDEX = "ix_search_documents_terms"

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(terms, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END",
    f"CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    f"CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms); "
    f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END",
)
# Rebuild the FTS5 table from search_documents (after a bulk load, or to repair it).
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
TSVECTOR_COLUMN = "terms_tsv"
POSTGRES_DDL = (
    f"ALTER TABLE search_documents ADD COLUMN {TSVECTOR_COLUMN} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    f"CREATE INDEX {GIN_INDEX} ON search_documents USING gin ({TSVECTOR_COLUMN})",
)
POSTGRES_DROP = (
    f"DROP INDEX IF EXISTS {GIN_INDEX}",
    f"ALTER TABLE search_documents DROP COLUMN IF EXISTS {TSVECTOR_COLUMN}",
)


def create_statements(dialect: str) -> tuple[str, ...]:
    return SQLITE_DDL if dialect == "sqlite" else POSTGRES_DDL


def drop_statements(dialect: str) -> tuple[str, ...]:
    return SQLITE_DROP if dialect == "sqlite" else POSTGRES_DROP


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic autogenerate: the FTS5 table (and its shadow tables) and the GIN index are ours."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name == TSVECTOR_COLUMN:
        return False
    return not (type_ == "index" and name == GIN_INDEX)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """The same, before Alembic reflects anything (FTS5 shadow tables need no reflection)."""
    return not (type_ == "table" and name and name.startswith(FTS_TABLE))
