"""Per-programme counts behind the national pages, cached in this process and in the database.

The national figures and the roll-up pool the counts of every sharing programme. Each
programme's counts are kept per month under its own data version (metrics.cache tokens), so a
journal saved in one programme recomputes that programme only. In this process they live in
a small LRU; `flask national-warm` (run by cron) also stores them in `national_stored_counts`,
so a new web worker (after a restart or deploy, or the second of two workers) reads them
with one statement instead of recomputing every programme: at tier XL (273 sharing programmes)
that is the difference between about 25 seconds and a tenth of one.

Web requests never write here; only the command does.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, select

from omtracker.extensions import db
from omtracker.models import StoredCounts

_lock = threading.Lock()
_entries: OrderedDict[tuple, tuple] = OrderedDict()
MAX_ENTRIES = 20_000  # programme x month x kind: a few small rows each


def _version_text(version: tuple) -> str:
    return json.dumps(list(version))


def rows_per_programme(
    kind: str,
    period: str,
    versions: dict[int, tuple],
    compute: Callable[[list[int]], Iterable[Any]],
    decode: Callable[[list], Any],
) -> dict[int, tuple]:
    """Each programme's rows (compute(ids) yields rows whose first field is the programme id):
    from this process when the version matches, else from the stored copy, else computed in
    one go for all the programmes still missing."""
    keys = {pid: (kind, pid, period, *version) for pid, version in versions.items()}
    found: dict[int, tuple] = {}
    with _lock:
        for pid, key in keys.items():
            if key in _entries:
                _entries.move_to_end(key)
                found[pid] = _entries[key]
    missing = [pid for pid in versions if pid not in found]
    if missing:
        stored = db.session.execute(
            select(StoredCounts.programme_id, StoredCounts.version, StoredCounts.rows).where(
                StoredCounts.kind == kind,
                StoredCounts.period == period,
                StoredCounts.programme_id.in_(missing),
            )
        )
        fresh: dict[int, tuple] = {}
        for pid, version, rows in stored:
            if version == _version_text(versions[pid]):
                fresh[pid] = tuple(decode(row) for row in rows)
        still = [pid for pid in missing if pid not in fresh]
        if still:
            computed: dict[int, list] = {pid: [] for pid in still}
            for row in compute(still):
                computed[_programme_of(row)].append(row)
            fresh.update({pid: tuple(rows) for pid, rows in computed.items()})
        with _lock:
            for pid, rows in fresh.items():
                found[pid] = _entries[keys[pid]] = rows
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return found


def _programme_of(row: Any) -> int:
    return row.programme_id if hasattr(row, "programme_id") else row[0]


def store(
    kind: str,
    period: str,
    versions: dict[int, tuple],
    rows: dict[int, tuple],
    encode: Callable[[Any], list],
) -> int:
    """Keep these programmes' rows in the database (the warm command; flushes). Returns how
    many programmes were written; a programme whose stored copy is current is left alone."""
    current = dict(
        db.session.execute(
            select(StoredCounts.programme_id, StoredCounts.version).where(
                StoredCounts.kind == kind,
                StoredCounts.period == period,
                StoredCounts.programme_id.in_(list(rows)),
            )
        ).all()
    )
    changed = [pid for pid in rows if current.get(pid) != _version_text(versions[pid])]
    if not changed:
        return 0
    db.session.execute(
        delete(StoredCounts).where(
            StoredCounts.kind == kind,
            StoredCounts.period == period,
            StoredCounts.programme_id.in_(changed),
        )
    )
    db.session.add_all(
        StoredCounts(
            kind=kind,
            programme_id=pid,
            period=period,
            version=_version_text(versions[pid]),
            rows=[encode(row) for row in rows[pid]],
        )
        for pid in changed
    )
    db.session.flush()
    return len(changed)


def clear() -> None:
    """Forget this process's copies (tests; the stored ones stay)."""
    with _lock:
        _entries.clear()
