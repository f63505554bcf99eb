"""Words as the search index sees them: folded, stemmed in Dutch, and found again in the text.

The same functions turn a document into index terms and a query into search terms, so both
databases compare the same tokens: accents are folded here ("café" and "cafe" are one word),
and two Snowball Dutch stemmers reduce a word to its stems: the current algorithm joins verb
forms and double consonants ("zwemmen" → "zwem", "sporthallen" → "sporthal"), the classic Porter
variant (the one in PostgreSQL's `dutch` configuration) joins plurals the first one keeps apart
("zwembaden" → "zwembad", "dagen" → "dag"); a present-tense verb form also counts as its stem
("zwemt" → "zwem", the stem of "zwemmen"). The index keeps both stems and the folded word, so a
query word matches a word that shares a stem with it, or (from three letters on) the beginning
of a word ("vaa" finds "Vaart").
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
_PRESENT_T = re.compile(r"[a-z]{2,}[b-df-hj-np-sv-z]t")  # a consonant (not t) before the final t
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


STEMMERS = ("dutch", "dutch_porter")


@lru_cache(maxsize=100_000)
def stems(token: str) -> tuple[str, ...]:
    """The word's Snowball Dutch stems (one or two); stemmer objects per thread, since they
    keep state while working."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = [snowballstemmer.stemmer(name) for name in STEMMERS]
    found = [stemmer.stemWord(token) for stemmer in stemmers]
    if _PRESENT_T.fullmatch(token):
        # "hij zwemt", "zij fietst": the present tense is the verb's stem plus t, and the stem is
        # what Snowball makes of the infinitive ("zwemmen" -> "zwem", "fietsen" -> "fiets").
        found.append(token[:-1])
    return tuple(dict.fromkeys(found))


def stem(token: str) -> str:
    """The current Snowball Dutch algorithm's stem."""
    return stems(token)[0]


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
            for word_stem in stems(token):
                seen[scoped(programme_id, word_stem)] = None
            seen[scoped(programme_id, token)] = None
    if theme_id is not None:
        seen[theme_token(theme_id)] = None
    return " ".join(seen)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: matches words sharing a stem with it, or (when long enough) words
    beginning with it."""

    word: str
    stems: tuple[str, ...]

    @property
    def prefix(self) -> bool:
        return len(self.word) >= PREFIX_MIN

    def matches(self, token: str) -> bool:
        if token == self.word or not set(stems(token)).isdisjoint(self.stems):
            return True
        return self.prefix and token.startswith(self.word)


def parse_query(query: str) -> list[QueryWord]:
    """The query's words (at most MAX_QUERY_WORDS, duplicates dropped); empty if none."""
    words: dict[str, QueryWord] = {}
    for token in tokens(query or ""):
        if _RESERVED.fullmatch(token) or token in words:
            continue
        words[token] = QueryWord(token, stems(token))
        if len(words) == MAX_QUERY_WORDS:
            break
    return list(words.values())


def fts5_query(words: list[QueryWord], programme_id: int, theme_id: int | None) -> str:
    """SQLite FTS5 MATCH text: every word (stem or prefix), in this programme (and theme)."""
    parts = [f'"{theme_token(theme_id)}"'] if theme_id is not None else []
    for w in words:
        word = scoped(programme_id, w.word)
        options = [f'"{scoped(programme_id, s)}"' for s in w.stems]
        options.append(f'"{word}"' + ("*" if w.prefix else ""))
        parts.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " AND ".join(parts)


def tsquery(words: list[QueryWord], programme_id: int, theme_id: int | None) -> str:
    """PostgreSQL to_tsquery('simple', …) text with the same meaning as `fts5_query`."""
    parts = [theme_token(theme_id)] if theme_id is not None else []
    for w in words:
        word = scoped(programme_id, w.word)
        options = [scoped(programme_id, s) for s in w.stems]
        options.append(word + (":*" if w.prefix else ""))
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
