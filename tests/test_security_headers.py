"""Security headers: a strict Content-Security-Policy that the templates really obey, no framing,
no sniffing, HSTS and Secure cookies behind HTTPS, and a reverse proxy trusted only when asked.

The CSP forbids inline scripts, so a template with a <script> block or an onclick= attribute
would silently break in the browser; the scans below fail instead, naming the offending file.
"""

from __future__ import annotations

import re

import pytest
from flask import request

from omtracker import ROOT
from tests.conftest import make_test_app
from tests.factories import PASSWORD

TEMPLATES = ROOT / "templates"
OWN_JS = ROOT / "static" / "js"

SCRIPT_BLOCK = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.I)
# An on...= attribute inside a tag (Jinja expressions, which may hold a ">", blanked first).
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^<>]*?\s(on[a-z]{3,})\s*=", re.I)
JINJA = re.compile(r"\{([{%#]).*?[}%#]\}", re.S)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)
JS_HTML_HANDLER = re.compile(r"""\son[a-z]{3,}\s*=\s*\\?["']|setAttribute\(\s*["']on""", re.I)
JS_EVAL = re.compile(r"\beval\(|\bnew\s+Function\(|set(Timeout|Interval)\(\s*[\"'`]")


def inline_script_offences(html: str) -> list[str]:
    """What the CSP `script-src 'self'` would block in this markup."""
    found = []
    for match in SCRIPT_BLOCK.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if "src=" in attributes.lower():
            if body.strip():
                found.append("code inside a <script src> element")
        elif not DATA_BLOCK.search(attributes):
            found.append(f"inline <script{attributes}>")
    markup = JINJA.sub(" ", html)
    found += [f"event handler attribute {m.group(1)}=" for m in HANDLER_ATTRIBUTE.finditer(markup)]
    found += [f"javascript: URL in {m.group(1)}" for m in JS_URL.finditer(html)]
    return found


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_security_headers(response, where: str) -> None:
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in {"same-origin", "no-referrer", "strict-origin"}, where
    assert headers.get("X-Frame-Options") == "DENY", where
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    assert csp.get("default-src") == ["'self'"], where
    assert csp.get("script-src") == ["'self'"], where  # no unsafe-inline, no unsafe-eval
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert csp.get("object-src") == ["'none'"], where
    assert csp.get("base-uri") == ["'self'"], where
    assert csp.get("form-action") == ["'self'"], where
    allowed = {"'self'", "'none'", "data:", "blob:"}
    for name, sources in csp.items():
        extra = set(sources) - allowed - ({"'unsafe-inline'"} if name == "style-src" else set())
        assert not extra, f"{where}: {name} allows {extra} (another host or inline code)"


def test_no_template_has_inline_scripts_or_event_handler_attributes():
    offenders = [
        f"{path.relative_to(ROOT)}: {offence}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for offence in inline_script_offences(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "blocked by the CSP, move the code to static/js:\n" + "\n".join(offenders)


def test_our_javascript_builds_no_inline_handlers_and_needs_no_eval():
    offenders = []
    for path in sorted(OWN_JS.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        for pattern in (JS_HTML_HANDLER, JS_EVAL, JS_URL):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, "blocked by the CSP:\n" + "\n".join(offenders)


def test_the_scanner_catches_what_the_csp_blocks():
    assert inline_script_offences("<script>alert(1)</script>")
    assert inline_script_offences('<script type="module">go()</script>')
    assert inline_script_offences('<script src="/x.js">alert(1)</script>')
    assert inline_script_offences('<button class="b" onclick="go()">')
    assert inline_script_offences('<a href="javascript:go()">')
    assert inline_script_offences('<input {% if x > 1 %}checked{% endif %} onchange="go()">')
    assert not inline_script_offences('<script src="/static/js/app.js"></script>')
    assert not inline_script_offences('<script type="application/json" id="d">{"a": 1}</script>')
    assert not inline_script_offences("<p>Sportclub online = actief</p>")


def page_urls(app, world) -> list[str]:
    """Every GET route of the application, its parameters filled from the test world.

    Routes with a parameter the world has no value for (files, indicators, ...) are left out.
    """
    values = {
        "theme_id": world.theme1_id,
        "opgave_id": world.opgave1_id,
        "engagement_id": world.engagement1_id,
        "marker_id": world.marker_ids["expect1"],
        "partner_id": world.partner_ids["club"],
        "entry_id": world.entry_ids["2026-10"],
        "period": "2026-10",
        "programme_id": world.programme_id,
    }
    adapter = app.url_map.bind("localhost")
    urls = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if rule.arguments <= values.keys():
            urls.add(adapter.build(rule.endpoint, {k: values[k] for k in rule.arguments}))
    return sorted(urls)


def test_every_page_sends_the_security_headers_and_renders_no_inline_script(
    app, client, world, login
):
    login("regisseur")
    pages = page_urls(app, world)
    assert len(pages) > 40
    for path in pages:
        with client.get(path) as response:
            assert response.status_code < 500, path
            assert_security_headers(response, path)
            if response.mimetype == "text/html":
                offences = inline_script_offences(response.get_data(as_text=True))
                assert not offences, f"{path}: {offences}"


def test_error_pages_static_files_and_the_api_send_the_headers_too(client, world):
    for path in ("/bestaat-niet", "/static/js/app.js", "/api/v1/themes", "/login"):
        with client.get(path) as response:
            assert_security_headers(response, path)
    assert client.get("/bestaat-niet").status_code == 404


def test_over_https_hsts_is_sent_and_the_session_cookie_is_secure(client, world):
    response = client.post(
        "/login",
        data={"username": "lid1", "password": PASSWORD},
        base_url="https://omtracker.example.nl",
    )
    assert response.status_code == 302
    hsts = response.headers.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("; Secure" in cookie for cookie in cookies)
    assert all("HttpOnly" in c and "SameSite=Lax" in c for c in cookies if c.startswith("session="))


def test_plain_http_gets_no_hsts_even_after_an_https_request(client, world):
    client.get("/login", base_url="https://omtracker.example.nl")
    client.post("/logout")
    response = client.post("/login", data={"username": "lid1", "password": PASSWORD})
    assert response.status_code == 302
    assert "Strict-Transport-Security" not in response.headers
    # One HTTPS request must not switch the cookies of later plain-HTTP requests to Secure
    # (a development server on http://127.0.0.1 would then lose its session).
    assert not any("Secure" in c for c in response.headers.getlist("Set-Cookie"))


FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "sportakkoord.example.nl",
}


@pytest.mark.parametrize(
    ("setting", "trusted"), [(None, False), ("false", False), ("true", True), ("1", True)]
)
def test_forwarded_headers_count_only_with_the_proxy_fix_flag(
    database_url, monkeypatch, setting, trusted
):
    if setting is None:
        monkeypatch.delenv("OMTRACKER_PROXY_FIX", raising=False)
    else:
        monkeypatch.setenv("OMTRACKER_PROXY_FIX", setting)
    proxied = make_test_app(database_url)

    @proxied.get("/_wie-ben-ik")
    def who_am_i():  # a probe of what the app believes about the request
        return {"scheme": request.scheme, "addr": request.remote_addr, "host": request.host}

    response = proxied.test_client().get("/_wie-ben-ik", headers=FORWARDED)
    seen = response.get_json()
    if trusted:
        assert seen == {
            "scheme": "https",
            "addr": "203.0.113.7",
            "host": FORWARDED["X-Forwarded-Host"],
        }
        assert "Strict-Transport-Security" in response.headers
    else:
        # Reachable directly, anyone could claim to be HTTPS or another address.
        assert seen["scheme"] == "http" and seen["addr"] == "127.0.0.1"
        assert "Strict-Transport-Security" not in response.headers
