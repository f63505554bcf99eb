"""The vocabulary of the authorisation matrix (tests/test_authorization_matrix.py): role
groups, expected outcomes per role, matrix entries, and the judge that compares an answer with
the expected outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from omtracker.periods import current_period
from tests.trust_support import ANON, READER, ROLES, USERS, Records, logged_in_client

Expect = dict[str, str]
Ids = Callable[[Records], tuple[int, int, int]]

EVERYONE = frozenset(USERS)  # every account, a network reader's too (their own profile)
ALL = EVERYONE - {READER}  # everyone of a programme: a network reader opens no programme page
COORD = frozenset({"regisseur", "admin"})
ADMIN = frozenset({"admin"})
BOARD = COORD | {"bestuur"}  # dashboard and reports
REGISTRY = COORD | {"trekker1", "trekker2"}  # the shared partner registry: any theme leader
JOURNAL_USERS = REGISTRY | {"lid1"}  # "Mijn maand": everyone in a theme group, not the board
# Per theme (theme 1, theme 2): who keeps the theme, who writes its journals, who reads it.
EDIT = (COORD | {"trekker1"}, COORD | {"trekker2"})
WRITE = (COORD | {"trekker1", "lid1"}, COORD | {"trekker2"})
READ = (ALL, ALL)
# Issue 14: theme leaders read their own theme's dashboard and their part of the board report.
LEADER_READS = (BOARD | {"trekker1"}, BOARD | {"trekker2"})
BOARD_AND_LEADERS = BOARD | {"trekker1", "trekker2"}
TOKEN_ROLES = tuple(f"token:{user}" for user in USERS)
WEB_TOKEN = "token:regisseur"  # a valid API token sent to a web page


def allow(who: frozenset[str]) -> Expect:
    return {ANON: "login", **{u: "ok" if u in who else "forbidden" for u in USERS}}


def hidden(gate: frozenset[str] = ALL) -> Expect:
    """Another programme's record: 404 for whoever passes the route's role check."""
    return {ANON: "login", **{u: "notfound" if u in gate else "forbidden" for u in USERS}}


def owner_only(owner: str) -> Expect:
    return {ANON: "login", **{u: "ok" if u == owner else "notfound" for u in USERS}}


PUBLIC = {role: "ok" for role in ROLES}
LOGGED_OUT = {role: "login" for role in ROLES}  # logging out ends on the login page


@dataclass(frozen=True)
class Case:
    values: Callable[[Records], dict[str, Any]]
    expect: dict[str, Expect]  # method -> role -> outcome
    query: Callable[[Records], dict[str, Any]] | None = None


def case(values=None, *, get: Expect | None = None, post: Expect | None = None, query=None):  # noqa: ANN001, ANN201
    methods = {m: e for m, e in (("GET", get), ("POST", post)) if e is not None}
    return Case(values or (lambda r: {}), methods, query)


def themed(name: str, ids: Ids, *, get=None, post=None, **fixed: Any) -> list[Case]:  # noqa: ANN001
    """A record of theme 1, of theme 2 and of the other programme (hidden from everyone).

    Pages everyone reads skip theme 2: it would repeat theme 1's answers."""
    indexes = (0, 2) if {get, post} <= {READ, None} else (0, 1, 2)

    def expect(rights: tuple | None, index: int) -> Expect | None:
        if rights is None:
            return None
        return allow(rights[index]) if index < 2 else hidden()

    return [
        case(
            lambda r, i=index: {name: ids(r)[i], **fixed},
            get=expect(get, index),
            post=expect(post, index),
        )
        for index in indexes
    ]


def own_and_other(name: str, own: Callable, other: Callable, *, get=None, post=None, gate=ALL):  # noqa: ANN001, ANN201
    """This programme's record for `get`/`post`, another programme's behind the same gate."""
    return [
        case(
            lambda r: {name: own(r)},
            get=allow(get) if get else None,
            post=allow(post) if post else None,
        ),
        case(
            lambda r: {name: other(r)},
            get=hidden(gate) if get else None,
            post=hidden(gate) if post else None,
        ),
    ]


def api(values=None, query=None, found: bool = True) -> Case:  # noqa: ANN001
    """A programme's API endpoint: a network reader's token reads nothing of a programme."""
    token = "ok" if found else "notfound"
    expect = {**{role: "unauth" for role in ROLES}, **{role: token for role in TOKEN_ROLES}}
    return case(values, get=expect | {f"token:{READER}": "forbidden"}, query=query)


def api_pair(name: str, own: Callable, other: Callable) -> list[Case]:
    return [api(lambda r: {name: own(r)}), api(lambda r: {name: other(r)}, found=False)]


def w(attribute: str) -> Callable[[Records], Any]:
    return lambda r: getattr(r.world, attribute)


NOW = current_period()
LID1 = lambda r: r.user_ids["lid1"]  # noqa: E731
ELSEWHERE = lambda r: r.user_ids["anderregisseur"]  # noqa: E731
CLUB = lambda r: r.world.partner_ids["club"]  # noqa: E731
ELDERS = lambda r: r.world.partner_ids["elders"]  # noqa: E731
ENGAGEMENTS: Ids = lambda r: r.engagements  # noqa: E731
MARKERS: Ids = lambda r: r.markers  # noqa: E731
ENTRIES: Ids = lambda r: r.entries  # noqa: E731
STRATEGIES: Ids = lambda r: r.strategies  # noqa: E731
OPGAVEN: Ids = lambda r: r.opgaven  # noqa: E731
THEMES: Ids = lambda r: r.themes  # noqa: E731
ATTACHMENTS: Ids = lambda r: r.attachments  # noqa: E731
OUTCOMES: Ids = lambda r: r.outcomes  # noqa: E731


def import_case(kind: str, who: frozenset[str]) -> Case:
    return case(lambda r: {"kind": kind}, post=allow(who))


def judge(outcome: str, method: str, response: Any, stored: bool) -> str | None:
    """None when the answer is the expected one, otherwise what went wrong."""
    status = response.status_code
    location = urlsplit(response.headers.get("Location", "")).path
    if status >= 500:
        return f"server error {status}"
    if stored and (outcome != "ok" or method == "GET"):
        return f"{'a GET' if method == 'GET' else 'a refused request'} stored something"
    if outcome == "ok":
        allowed = 200 <= status < 400 or (method == "POST" and status in (400, 409))
        if allowed and not (300 <= status < 400 and location == "/login"):
            return None
    elif outcome == "login":
        if status == 302 and location == "/login":
            return None
    elif outcome == "unauth":
        if status == 401 and response.is_json and "WWW-Authenticate" in response.headers:
            return None
    elif status == {"forbidden": 403, "notfound": 404}[outcome]:
        return None
    return f"expected {outcome}, got {status} {location}".rstrip()


def roles_for(endpoint: str, expect: Expect) -> Expect:
    """Web pages also get a token alone, which must count for no more than anonymous."""
    if endpoint.startswith("api."):
        return expect
    return {**expect, WEB_TOKEN: expect[ANON]}


def matrix_methods(app) -> dict[str, set[str]]:  # noqa: ANN001
    methods: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            methods.setdefault(rule.endpoint, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return methods


def clients_for(app, records: Records) -> dict[str, tuple[Any, dict[str, str]]]:  # noqa: ANN001
    """Per role: a client (its own session) and the headers it sends."""
    out: dict[str, tuple[Any, dict[str, str]]] = {ANON: (app.test_client(), {})}
    for user in USERS:
        out[user] = (logged_in_client(app, user), {})
        secret = records.token_secrets[user]
        out[f"token:{user}"] = (app.test_client(), {"Authorization": f"Bearer {secret}"})
    return out
