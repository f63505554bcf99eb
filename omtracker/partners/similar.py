"""Spotting names that probably mean the same organisation, so the registry stays one list.

"VV Testclub", "Testclub" and "Sportvereniging Test-Club" are one club to a reader but three rows
to a database. Names are compared after normalising case, accents, punctuation and the words that
say what kind of organisation it is rather than which one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import TypeVar

# Words that name the legal form or kind of organisation, not the organisation itself.
COMMON_WORDS = frozenset(
    {
        # legal form and abbreviations of club names
        *("v", "vv", "svv", "sv", "cvv", "rkvv", "sc", "fc", "kv", "hc", "tc", "bv", "nv", "vof"),
        # kinds of organisation
        *("vereniging", "sportvereniging", "voetbalvereniging", "sportclub", "club", "stichting"),
        # articles and prepositions
        *("de", "het", "een", "van", "voor", "en", "der", "den", "te", "in", "op"),
    }
)

RATIO_THRESHOLD = 0.85
OVERLAP_THRESHOLD = 0.6

T = TypeVar("T")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """The distinctive words of a name: lower case, no accents, no punctuation or common words."""
    plain = _strip_accents(name or "").lower()
    plain = re.sub(r"['’`]", "", plain)  # "'t" and "Sint-Jan's" join up instead of splitting
    words = re.findall(r"[a-z0-9]+", plain)
    distinctive = [w for w in words if w not in COMMON_WORDS]
    return distinctive or words


def normalise_name(name: str) -> str:
    return " ".join(name_tokens(name))


def same_name(a: str, b: str) -> bool:
    """Exactly the same name apart from case and surrounding spaces."""
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _all_words_joined(name: str) -> str:
    plain = re.sub(r"['’`]", "", _strip_accents(name or "").lower())
    return "".join(re.findall(r"[a-z0-9]+", plain))


def names_look_alike(a: str, b: str) -> bool:
    """True when two names probably denote the same organisation."""
    norm_a, norm_b = normalise_name(a), normalise_name(b)
    if not norm_a or not norm_b:
        return False
    joined_a, joined_b = norm_a.replace(" ", ""), norm_b.replace(" ", "")
    full_a, full_b = _all_words_joined(a), _all_words_joined(b)
    if joined_a == joined_b or full_a == full_b:
        return True
    # One name's distinctive part inside the other's full name: "Testclub" in "VV Test-Club".
    if (len(joined_a) >= 5 and joined_a in full_b) or (len(joined_b) >= 5 and joined_b in full_a):
        return True
    if SequenceMatcher(None, norm_a, norm_b).ratio() >= RATIO_THRESHOLD:
        return True
    tokens_a, tokens_b = set(norm_a.split()), set(norm_b.split())
    shared = {t for t in tokens_a & tokens_b if len(t) >= 4}
    if not shared:
        return False
    return len(tokens_a & tokens_b) / len(tokens_a | tokens_b) >= OVERLAP_THRESHOLD


def similar_names(name: str, candidates: Iterable[tuple[str, T]]) -> list[T]:
    """The candidates (name, item) whose name looks like `name`, in the order given."""
    return [item for other, item in candidates if names_look_alike(name, other)]
