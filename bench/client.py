"""A tiny HTTP client for the benchmark: cookies, CSRF-carrying form posts, timing headers."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Sample:
    status: int
    wall_ms: float
    server_ms: float | None
    queries: int | None
    size: int
    body: bytes


class FormParser(HTMLParser):
    """Collects the fields of the first form with method=post whose action matches."""

    def __init__(self, action_contains: str = "") -> None:
        super().__init__()
        self.action_contains = action_contains
        self.in_form = False
        self.done = False
        self.action = None
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if (
            tag == "form"
            and not self.done
            and (a.get("method") or "").lower() == "post"
            and self.action_contains in (a.get("action") or "")
        ):
            self.in_form, self.action = True, a.get("action")
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif (
            tag == "option"
            and self._select is not None
            and ("selected" in a or self._select_value is None)
        ):
            self._select_value = a.get("value") or ""
            if "selected" in a:
                self.fields = [f for f in self.fields if f[0] != self._select]
                self.fields.append((self._select, self._select_value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not any(f[0] == self._select for f in self.fields) and self._select_value:
                self.fields.append((self._select, self._select_value))
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.fields and self.fields[-1][0] == self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.headers: dict[str, str] = {}

    def request(self, path: str, data: list[tuple[str, str]] | None = None) -> Sample:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as resp:
                payload, status, headers = resp.read(), resp.status, resp.headers
        except urllib.error.HTTPError as err:
            payload, status, headers = err.read(), err.code, err.headers
        wall = (time.perf_counter() - started) * 1000
        timing = headers.get("Server-Timing", "")
        server = float(timing.split("dur=")[1]) if "dur=" in timing else None
        queries = headers.get("X-Query-Count")
        return Sample(
            status, wall, server, int(queries) if queries else None, len(payload), payload
        )

    def login(self, username: str, password: str) -> None:
        form = self.form("/login", "")
        fields = [f for f in form[1] if f[0] not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        sample = self.request("/login", fields)
        if sample.status != 302:
            raise RuntimeError(f"login as {username} failed: {sample.status}")

    def form(self, path: str, action_contains: str) -> tuple[str | None, list[tuple[str, str]]]:
        page = self.request(path)
        parser = FormParser(action_contains)
        parser.feed(page.body.decode("utf-8", "replace"))
        return parser.action, parser.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None
