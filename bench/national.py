"""The network section of `make bench` (issue 17): the pages that read across programmes.

`/landelijk/` and `/landelijk/rapportage` as a network reader, `/vergelijken` as a programme's
coordinator, each warm and right after a journal save in a programme that shares its figures.
Targets: at XL on PostgreSQL ≤ 300 ms p95 warm and ≤ 1 s after a save; at L on SQLite ≤ 150 ms
p95. A page the app does not have (yet) is skipped with a printed note, so the same bench runs
before and after the network pages are merged.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

PAGES = [
    ("network overview", "reader", "/landelijk/"),
    ("national roll-up", "reader", "/landelijk/rapportage"),
    ("benchmark (similar municipalities)", "coordinator", "/vergelijken"),
]
READER = "bench-netwerklezer"


def exists(app: Any, path: str) -> bool:
    """Whether the app answers GET `path` (a trailing-slash redirect counts as an answer)."""
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, method="GET")
    except RequestRedirect:
        return True
    except (NotFound, MethodNotAllowed):
        return False
    return True


def setup(app: Any, password: str) -> dict:
    """Inside an app context: the network pages the app has, and a reader to read them.

    The generator is to give generated tiers a national network with a reader (issue 17); until
    it does, this adds one to the bench database (and lets the generated programmes share their
    figures when none does), saying so."""
    from sqlalchemy import select, update

    from omtracker.extensions import db
    from omtracker.models import Programme, User
    from omtracker.models.enums import NetworkKind
    from omtracker.models.national import MonitoringNetwork, NetworkReader

    found = [page for page in PAGES if exists(app, page[2])]
    for name, _role, path in PAGES:
        if (name, _role, path) not in found:
            print(f"network section: {path} ({name}) is not in this app: skipped")
    if not found:
        return {"network_pages": []}
    # The generator's national reader reads every sharing programme (a regional one a part).
    reader = db.session.scalar(
        select(User.username)
        .join(NetworkReader, NetworkReader.user_id == User.id)
        .join(MonitoringNetwork, MonitoringNetwork.id == NetworkReader.network_id)
        .order_by((MonitoringNetwork.kind == NetworkKind.national).desc(), User.id)
        .limit(1)
    )
    if reader is None:
        network = MonitoringNetwork(name="Bench: landelijke monitor", kind=NetworkKind.national)
        user = User(username=READER, display_name="Bench netwerklezer", programme_id=None)
        user.set_password(password)
        db.session.add_all([network, user])
        db.session.flush()
        db.session.add(NetworkReader(user_id=user.id, network_id=network.id))
        reader = READER
        print(f"network section: no network reader in the database; added {READER}")
    if not db.session.scalar(select(Programme.id).where(Programme.shares_with_network).limit(1)):
        db.session.execute(
            update(Programme).where(Programme.slug.like("gen-%")).values(shares_with_network=True)
        )
        print("network section: no programme shared its figures; the generated ones now do")
    db.session.commit()
    return {"network_pages": found, "reader": reader}


def pages(t: dict) -> list[dict]:
    users = {"reader": t.get("reader"), "coordinator": f"g{t['number']}-regisseur"}
    out = []
    for name, role, path in t.get("network_pages", []):
        out.append({"name": name, "user": users[role], "path": path, "section": "network"})
        out.append(
            {
                "name": f"{name}, cold (after a save)",
                "user": users[role],
                "path": path,
                "cold": True,
                "section": "network",
            }
        )
    return out
