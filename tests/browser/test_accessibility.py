"""axe-core on every main page in Chromium: WCAG 2.1 AA is the Dutch public-sector standard.

Each page is opened as the role that normally uses it (a theme leader for the journal pages, the
coordinator for the registry and the network, the board for the dashboard and reports, the
administrator for /beheer). Pages whose id depends on the demo data are found by following links
from pages with a fixed address, so the test does not rely on database ids. Each page is checked
at 1280 px with every WCAG 2.1 A/AA rule, then at 320 px (reflow) with the rules that depend on
the layout. Serious and critical violations fail the page; the counts per impact of every page go
to test-artifacts/axe-summary.json (and a table to axe-summary.txt).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}
# At 320 CSS px (WCAG 1.4.10 reflow) wide tables scroll sideways; such a region must take the
# keyboard focus. Only the rules that depend on the layout run again at that width.
NARROW = {"width": 320, "height": 720}
WIDE = {"width": 1280, "height": 720}
NARROW_RULES = ["scrollable-region-focusable"]
ROLES = ("trekker1", "regisseur", "bestuur", "admin")

# Addresses found by following a link: name -> (role, page to look on, pattern of the href).
# A page to look on may use an address found earlier, as "{name}".
DISCOVERED = {
    "journal_form": ("trekker1", "/mijn-maand", r"^/uitkomstuitdagingen/\d+/logboek/\d{4}-\d{2}$"),
    "engagement": ("trekker1", "{journal_form}", r"^/uitkomstuitdagingen/\d+$"),
    "opgave": ("trekker1", "{engagement}", r"^/opgaven/\d+$"),
    "theme": ("trekker1", "{engagement}", r"^/themas/\d+$"),
    "marker": ("trekker1", "{engagement}", r"^/markeringen/\d+$"),
    "entry": ("trekker1", "{engagement}", r"^/logboeken/\d+$"),
    "partner": ("regisseur", "/partners/", r"^/partners/\d+$"),
    "dashboard_theme": ("bestuur", "/dashboard/", r"^/dashboard/thema/\d+$"),
    "dashboard_opgave": ("bestuur", "{dashboard_theme}", r"^/dashboard/opgave/\d+$"),
    "indicator": ("bestuur", "/indicatoren/", r"^/indicatoren/\d+$"),
    "report": ("bestuur", "/rapportage/", r"^/rapportage/\d{4}-\d{2}$"),
    "half_year": ("bestuur", "/rapportage/", r"^/rapportage/halfjaar/\d{4}/\w+$"),
    "user": ("admin", "/beheer/gebruikers", r"^/beheer/gebruikers/\d+$"),
}


@dataclass(frozen=True)
class Target:
    name: str
    role: str | None  # None: not logged in
    path: str  # may use discovered addresses: "{opgave}/strategieen"
    status: int = 200


TARGETS = [
    Target("inloggen", None, "/login"),
    Target("overzicht", "trekker1", "/"),
    Target("thema's", "trekker1", "/themas"),
    Target("thema", "trekker1", "{theme}"),
    Target("themastatus (formulier)", "trekker1", "{theme}/status"),
    Target("opgave", "trekker1", "{opgave}"),
    Target("opgave bewerken", "trekker1", "{opgave}/bewerken"),
    Target("strategiekaart", "trekker1", "{opgave}/strategieen"),
    Target("uitkomstuitdaging", "trekker1", "{engagement}"),
    Target("uitkomstuitdaging nieuw", "trekker1", "{opgave}/uitkomstuitdagingen/nieuw"),
    Target("uitkomstuitdaging bewerken", "trekker1", "{engagement}/bewerken"),
    Target("markering", "trekker1", "{marker}"),
    Target("markering bewerken", "trekker1", "{marker}/bewerken"),
    Target("logboekformulier", "trekker1", "{journal_form}"),
    Target("logboek", "trekker1", "{entry}"),
    Target("logboekversies", "trekker1", "{entry}/versies"),
    Target("mijn maand", "trekker1", "/mijn-maand"),
    Target("waarneming", "trekker1", "/waarneming"),
    Target("waarneming noteren", "trekker1", "{engagement}/waarneming"),
    Target("partnerregister", "regisseur", "/partners/"),
    Target("partner", "regisseur", "{partner}"),
    Target("partner nieuw", "trekker1", "/partners/nieuw"),
    Target("partner bewerken", "regisseur", "{partner}/bewerken"),
    Target("partner samenvoegen", "regisseur", "{partner}/samenvoegen"),
    Target("importeren", "regisseur", "/partners/importeren"),
    Target("dashboard", "bestuur", "/dashboard/"),
    Target("dashboard thema", "bestuur", "{dashboard_theme}"),
    Target("dashboard opgave", "bestuur", "{dashboard_opgave}"),
    Target("indicatoren", "bestuur", "/indicatoren/"),
    Target("indicator", "bestuur", "{indicator}"),
    Target("indicator nieuw", "regisseur", "/indicatoren/nieuw"),
    Target("rapportages", "bestuur", "/rapportage/"),
    Target("maandrapport", "bestuur", "{report}"),
    Target("maandrapport afdrukken", "bestuur", "{report}/afdrukken"),
    Target("halfjaarrapportage", "bestuur", "{half_year}"),
    Target("rapporten vergelijken", "bestuur", "/rapportage/vergelijk"),
    Target("netwerkkaart", "regisseur", "/netwerk"),
    Target("netwerk als tekst", "regisseur", "/netwerk/tekst"),
    Target("netwerk vergelijken", "regisseur", "/netwerk/vergelijk"),
    Target("waar vinden we elkaar", "regisseur", "/netwerk/suggesties"),
    Target("beheer gebruikers", "admin", "/beheer/gebruikers"),
    Target("beheer gebruiker", "admin", "{user}"),
    Target("beheer gebruiker nieuw", "admin", "/beheer/gebruikers/nieuw"),
    Target("beheer programma", "admin", "/beheer/programma"),
    Target("beheer logboek", "admin", "/beheer/logboek"),
    Target("beheer privacy", "admin", "/beheer/privacy"),
    Target("beheer thema's", "admin", "/beheer/themas"),
    Target("beheer thema", "admin", "/beheer/themas/1"),
    Target("beheer uitnodigingen", "admin", "/beheer/uitnodigingen"),
    Target("beheer e-mail", "admin", "/beheer/e-mail"),
    Target("programma's", "admin", "/beheer/programmas"),
    Target("nieuw programma", "admin", "/beheer/programmas/nieuw"),
    Target("beginnen", "admin", "/beginnen"),
    Target("wachtwoord vergeten", None, "/wachtwoord-vergeten"),
    Target("link klopt niet", None, "/uitnodiging/" + "A" * 43, 404),
    Target("outcome mapping", "trekker1", "/outcome-mapping"),
    Target("zo rekenen we", None, "/zo-rekenen-we"),
    Target("geoogste uitkomsten", "trekker1", "/uitkomsten"),
    Target("uitkomst vastleggen", "trekker1", "/uitkomsten/nieuw"),
    Target("monitoringsplan thema", "trekker1", "{theme}/monitoringsplan"),
    Target("monitoringsplan schrijven", "trekker1", "{theme}/monitoringsplan/nieuw"),
    Target("prestatielogboek", "trekker1", "{theme}/prestatielogboek"),
    Target("evaluatieplan", "regisseur", "/evaluatieplan"),
    Target("evaluatie toevoegen", "regisseur", "/evaluatieplan/nieuw"),
    Target("strategiekaart partner", "trekker1", "{engagement}/strategieen"),
    Target("rubriek", "trekker1", "{engagement}/rubriek"),
    Target("zoeken", "regisseur", "/zoeken?q=accommodatie"),
    Target("profiel", "trekker1", "/profiel"),
    Target("API-tokens", "trekker1", "/profiel/tokens"),
    Target("403 geen toegang", "trekker1", "/beheer/gebruikers", 403),
    Target("404 niet gevonden", "trekker1", "/themas/999999999", 404),
]

SUMMARY: dict[str, dict] = {}


@pytest.fixture(scope="module")
def pages(browser, live_server: str) -> Iterator[dict]:
    """One logged-in page per role for the whole module (logging in once per role is enough)."""
    contexts, pages, foreign = [], {}, []

    def watch(request) -> None:  # noqa: ANN001
        if not request.url.startswith((live_server, "data:", "blob:")):
            foreign.append(request.url)

    for role in (None, *ROLES):
        ctx = browser.new_context(base_url=live_server, locale="nl-NL", viewport=WIDE)
        ctx.on("request", watch)
        page = ctx.new_page()
        page.set_default_timeout(15000)
        if role:
            log_in(page, role)
        contexts.append(ctx)
        pages[role] = page
    pages["foreign_requests"] = foreign
    yield pages
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="module")
def addresses(pages) -> dict[str, str]:  # noqa: ANN001
    """The demo's ids, found by following the first matching link on each page."""
    found: dict[str, str] = {}
    for name, (role, source, pattern) in DISCOVERED.items():
        page = pages[role]
        page.goto(source.format(**found))
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        matching = [path for path in (h.split("?")[0] for h in hrefs) if re.match(pattern, path)]
        assert matching, f"no link like {pattern} on {page.url} to find {name}"
        found[name] = matching[0]
    return found


@pytest.fixture(scope="module", autouse=True)
def summary_file() -> Iterator[None]:
    yield
    if not SUMMARY:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-summary.json").write_text(json.dumps(SUMMARY, indent=2, ensure_ascii=False))
    (ARTIFACTS / "axe-summary.txt").write_text(summary_table() + "\n")
    print("\n" + summary_table())


def summary_table() -> str:
    rows = [f"{'page':28} {'role':10} " + " ".join(f"{i:>8}" for i in IMPACTS) + "  320px"]
    for name, result in SUMMARY.items():
        counts = " ".join(f"{result['counts'][i]:>8}" for i in IMPACTS)
        narrow = sum(result.get("narrow_320px", {}).values())
        rows.append(f"{name:28} {result['role'] or '-':10} {counts} {narrow:>6}")
    return "\n".join(rows)


def counted(violations: list[dict]) -> dict[str, int]:
    return {impact: sum(v["impact"] == impact for v in violations) for impact in IMPACTS}


def listed(violations: list[dict]) -> list[dict]:
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]],
        }
        for v in violations
    ]


def check_page(page, target: Target) -> list[dict]:  # noqa: ANN001
    """axe on the loaded page at full width, then the layout rules at 320 px; the summary gets
    both and the caller gets the violations that block."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    page.set_viewport_size(NARROW)
    try:
        # Two animation frames: the resize handlers (static/js/app.js) have run.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        options = {
            "runOnly": {"type": "rule", "values": NARROW_RULES},
            "resultTypes": ["violations"],
        }
        narrow = page.evaluate("options => axe.run(options)", options)["violations"]
    finally:
        page.set_viewport_size(WIDE)
    SUMMARY[target.name] = {
        "role": target.role,
        "path": urlsplit(page.url).path,
        "counts": counted(violations),
        "violations": listed(violations),
        "narrow_320px": counted(narrow),
        "narrow_violations": listed(narrow),
    }
    for v in narrow:
        v["help"] += " (at 320 px wide)"
    return [v for v in violations + narrow if v["impact"] in BLOCKING]


def describe(target: Target, url: str, violations: list[dict]) -> str:
    lines = [f"{target.name} ({url}, as {target.role or 'anonymous'}):"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {', '.join(map(str, node['target']))} -- {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_page_has_no_serious_accessibility_violations(pages, addresses, target):
    page = pages[target.role]
    response = page.goto(target.path.format(**addresses))
    assert response.status == target.status, f"{target.name}: {page.url} gave {response.status}"
    blocking = check_page(page, target)
    assert not blocking, describe(target, page.url, blocking)
    assert pages["foreign_requests"] == []


def test_forms_showing_errors_have_no_serious_violations(pages):
    """Error messages next to the fields must be as readable and as well tied as the fields."""
    page = pages[None]
    page.goto("/login")
    page.get_by_label("Gebruikersnaam").fill("niemand-bekend")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger").first).to_be_visible()
    failed_login = Target("inloggen mislukt", None, "/login")
    blocking = check_page(page, failed_login)
    assert not blocking, describe(failed_login, page.url, blocking)

    page = pages["trekker1"]
    page.goto("/partners/nieuw")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    empty_partner = Target("partner nieuw met fouten", "trekker1", "/partners/nieuw")
    blocking = check_page(page, empty_partner)
    assert not blocking, describe(empty_partner, page.url, blocking)
