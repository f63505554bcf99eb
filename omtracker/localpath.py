"""Where to go back to after a detour: only a path on this site, never another host.

Used when one form sends the user to another (adding a missing partner from the outcome
challenge form) and the second form returns with what was made selected.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def safe_local_path(target: str | None) -> str | None:
    """`target` when it is a local path ("/opgaven/3/..."), else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def with_query(path: str, **params: object) -> str:
    """`path` with `params` set in its query string (replacing any of the same name)."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params]
    query += [(k, str(v)) for k, v in params.items()]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))
