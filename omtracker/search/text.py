"""Words as the search index sees them: folded, stemmed in Dutch, and found again in the text.

The same functions turn a document into index terms and a query into search terms, so both
databases compare the same tokens: accents are folded here ("café" and "cafe" are one word),
and the Snowball Dutch stemmer reduces a word to its stem ("zwemmen" and "zwem" to "zwem").
The index keeps each word's stem and, where it differs, the folded word itself, so a query
matches either the stem or the beginning of a word (three letters find "Vaart").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape

MAX_QUERY_WORDS = 8
PREFIX_MIN = 3  # shorter words only match whole words: "de" must not match every "de…"
SNIPPET_CHARS = 220

_TOKEN = re.compile(r"[0-9a-z]+")
_WORD = re.compile(r"[^\W_]+")
_RESERVED = re.compile(r"zztheme[0-9]+")
# Letters NFKD does not take apart.
_LATIN = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i", "đ": "d"})
_local = threading.local()


def fold(text: str) -> str:
    """Lower case without accents: "Café Émile" → "cafe emile"."""
    lowered = text.lower()
    if lowered.isascii():  # most text: nothing to fold
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_LATIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of a text as the index stores them (ASCII letters and digits)."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=100_000)
def stem(token: str) -> str:
    """The Snowball Dutch stem; a stemmer object per thread (they keep state while working)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch")
    return stemmer.stemWord(token)


def scoped(programme_id: int, token: str) -> str:
    """A word as one programme's index holds it: "p7xzwembad". Each programme has words of its
    own, so a search (also a prefix search) only ever reads that programme's entries, however
    many programmes the database holds, and no query text can reach another programme."""
    return f"p{programme_id}x{token}"


def theme_token(theme_id: int) -> str:
    return f"zztheme{theme_id}"


def index_terms(*texts: str, programme_id: int, theme_id: int | None) -> str:
    """What goes into the full-text column: stems and folded words, once each, in the
    programme's own vocabulary, and the theme."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text or ""):
            seen[scoped(programme_id, stem(token))] = None
            seen[scoped(programme_id, token)] = None
    if theme_id is not None:
        seen[theme_token(theme_id)] = None
    return " ".join(seen)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: matches its stem, or (when long enough) words beginning with it."""

    word: str
    stem: str

    @property
    def prefix(self) -> bool:
        return len(self.word) >= PREFIX_MIN

    def matches(self, token: str) -> bool:
        if token == self.word or stem(token) == self.stem:
            return True
        return self.prefix and token.startswith(self.word)


def parse_query(query: str) -> list[QueryWord]:
    """The query's words (at most MAX_QUERY_WORDS, duplicates dropped); empty if none."""
    words: dict[str, QueryWord] = {}
    for token in tokens(query or ""):
        if _RESERVED.fullmatch(token) or token in words:
            continue
        words[token] = QueryWord(token, stem(token))
        if len(words) == MAX_QUERY_WORDS:
            break
    return list(words.values())


def fts5_query(words: list[QueryWord], programme_id: int, theme_id: int | None) -> str:
    """SQLite FTS5 MATCH text: every word (stem or prefix), in this programme (and theme)."""
    parts = [f'"{theme_token(theme_id)}"'] if theme_id is not None else []
    for w in words:
        stem_, word = scoped(programme_id, w.stem), scoped(programme_id, w.word)
        options = [f'"{stem_}"', f'"{word}"' + ("*" if w.prefix else "")]
        parts.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " AND ".join(parts)


def tsquery(words: list[QueryWord], programme_id: int, theme_id: int | None) -> str:
    """PostgreSQL to_tsquery('simple', …) text with the same meaning as `fts5_query`."""
    parts = [theme_token(theme_id)] if theme_id is not None else []
    for w in words:
        stem_, word = scoped(programme_id, w.stem), scoped(programme_id, w.word)
        options = [stem_, word + (":*" if w.prefix else "")]
        parts.append("(" + " | ".join(dict.fromkeys(options)) + ")")
    return " & ".join(parts)


@lru_cache(maxsize=100_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(tokens(word))


def _hits(text: str, words: list[QueryWord]) -> list[tuple[int, int]]:
    spans = []
    for match in _WORD.finditer(text):
        if any(w.matches(t) for t in _word_tokens(match.group(0)) for w in words):
            spans.append(match.span())
    return spans


def highlight(
    text: str, words: list[QueryWord], spans: list[tuple[int, int]] | None = None
) -> Markup:
    """The text escaped, with each matching word in <mark>: the only markup in it."""
    spans = _hits(text, words) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def snippet(text: str, words: list[QueryWord], size: int = SNIPPET_CHARS) -> Markup:
    """The passage around the first matching word (or the text's beginning), highlighted."""
    lines = (text or "").splitlines()
    text = " · ".join(" ".join(line.split()) for line in lines if line.strip())
    spans = _hits(text, words)
    start = 0
    if spans and spans[0][0] > size // 3:
        start = text.rfind(" ", 0, spans[0][0] - size // 3) + 1
    end = len(text) if len(text) - start <= size else text.rfind(" ", start, start + size)
    if end <= start:
        end = min(len(text), start + size)
    passage = text[start:end]
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    marked = highlight(passage, words, inside)
    prefix = Markup("… ") if start > 0 else Markup("")
    suffix = Markup(" …") if end < len(text) else Markup("")
    return prefix + marked + suffix
