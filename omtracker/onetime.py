"""One-time link tokens (invitations, password resets): random, and stored only as a hash.

The token goes out in a mail; the database keeps its SHA-256, so a copy of the database (a
backup) opens no account. A token is looked up by its hash and is never compared by hand.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> tuple[str, str]:
    """A fresh token for the link and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def looks_like_token(token: str) -> bool:
    """A link's token as we make them (43 URL-safe characters); anything else is tampered."""
    return len(token) == 43 and all(c.isalnum() or c in "-_" for c in token)
