"""Finished network views, cached until the data under them changes.

A 2,000-node map needs seven GROUP BY queries over a few thousand rows, a NetworkX graph and
~1 MB of JSON: a few hundred milliseconds, the same for every reader until someone writes. So
the view (and its JSON, per language) is kept per programme and filter under a data version
made of two parts:

- the metrics generation token (`omtracker.metrics.cache`), replaced in the same transaction as
  every write to themes, opgaven, engagements, markers and journal entries (a journal save always
  flushes its entry, so contributor changes are covered);
- a registry stamp: count and latest `updated_at` of the programme's partners and partner
  relations, which the generation does not cover.

Reading the version costs two small queries, once per request. The layout cache in
`analysis.py` is separate and longer-lived: it is keyed by the graph's structure, which changes
far less often than weights.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import has_request_context, request
from flask_babel import get_locale
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.metrics.cache import generation
from omtracker.models import Partner, PartnerRelation

SLOTS = 24

_lock = threading.Lock()
_entries: OrderedDict[tuple, Any] = OrderedDict()


def registry_stamp(programme_id: int) -> tuple:
    """Count and latest change of the programme's partners and relations, in one query."""
    stamps = [
        select(aggregate).where(model.programme_id == programme_id).scalar_subquery()
        for model in (Partner, PartnerRelation)
        for aggregate in (func.count(model.id), func.max(model.updated_at))
    ]
    return tuple(str(value) for value in db.session.execute(select(*stamps)).one())


def data_version(programme_id: int) -> tuple:
    """Read once per request: a page asks for several cached parts of the same data."""
    if not has_request_context():
        return (generation(programme_id), *registry_stamp(programme_id))
    versions = request.environ.setdefault("omtracker.network.data_versions", {})
    if programme_id not in versions:
        versions[programme_id] = (generation(programme_id), *registry_stamp(programme_id))
    return versions[programme_id]


def cached(programme_id: int, key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()` once per programme, key and data version; `key` must say what else varies."""
    full_key = (programme_id, *key, *data_version(programme_id))
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > SLOTS:
            _entries.popitem(last=False)
    return value


def locale() -> str:
    return str(get_locale())


def clear() -> None:
    with _lock:
        _entries.clear()
