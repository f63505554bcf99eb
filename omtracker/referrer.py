"""The page of ours a request came from (its Referer), e.g. the form a POST was sent from."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


def form_page() -> str | None:
    """Path and query of the referring page when it is on this site, otherwise None.

    Used to send a user back to the form they sent: after logging in again (the session had
    ended) or from the "even druk" page; static/js/drafts.js restores the typed text there.
    """
    referrer = request.referrer or ""
    parts, ours = urlsplit(referrer), urlsplit(request.host_url)
    if (parts.scheme, parts.netloc) != (ours.scheme, ours.netloc) or "\\" in referrer:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
