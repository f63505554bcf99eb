"""Timing check for the search: the full-text index against a plain LIKE scan of the same texts.

    python -m bench.search_bench --db sqlite:///bench/out/tier-L.sqlite [--repeat 30]
    python -m bench.search_bench --db postgresql://postgres@127.0.0.1:5432/omtracker_bench_l

The database must hold generated data (`flask generate --tier L`, which fills the search index).
In process with Flask's test client, the coordinator of the first programme opens the results
page for one word, a common word, a three-letter beginning and a three-word query; the server
time is the app's own `Server-Timing`. Side by side, the same search (same grouping, counts
and passages) runs with the full-text condition swapped for `ILIKE '%word%'` on the same
title and body texts, one per word. Reports p50/p95 ms and the ratio, and writes its own
section of bench/RESULTS.md (one per database). Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "omtracker-bench"
QUERIES = {
    "one word": "zwembad",
    "common word": "vereniging",
    "three letters": "spo",
    "three words": "zwembad kinderen diploma",
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def like_condition(words: list) -> object:  # noqa: ANN001
    """The naive way: every word somewhere in the title or the text, as typed."""
    from sqlalchemy import and_

    from omtracker.models import SearchDocument

    text = SearchDocument.title + " " + SearchDocument.subtitle + " " + SearchDocument.body
    return and_(*[text.ilike(f"%{w.word}%") for w in words])


def run(url: str, repeat: int) -> tuple[dict[str, dict], dict[str, int]]:
    from flask import g
    from sqlalchemy import func, select

    from omtracker import create_app
    from omtracker.extensions import db
    from omtracker.models import JournalEntry, Programme, SearchDocument
    from omtracker.search import queries

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "INSTRUMENT": True}
    )
    with app.app_context():
        sizes = {
            "programmes": db.session.scalar(select(func.count(Programme.id))),
            "journal entries": db.session.scalar(select(func.count(JournalEntry.id))),
            "search documents": db.session.scalar(select(func.count(SearchDocument.id))),
        }
        db.session.remove()
    client = app.test_client()
    login = client.post("/login", data={"username": "g1-regisseur", "password": PASSWORD})
    assert login.status_code == 302, "log in as g1-regisseur failed: generate the data first"
    results: dict[str, dict] = {}
    fts_match = queries._match
    for label, query in QUERIES.items():
        page_ms, page_cpu, found = [], [], 0
        for _ in range(3 + repeat):
            cpu = time.thread_time()
            response = client.get("/zoeken", query_string={"q": query})
            page_cpu.append((time.thread_time() - cpu) * 1000)
            assert response.status_code == 200
            page_ms.append(float(response.headers["Server-Timing"].split("dur=")[1]))
            found = int((re.findall(r"(\d+) resulta", response.get_data(as_text=True)) or [0])[0])
        page_ms, page_cpu = page_ms[3:], page_cpu[3:]
        timings = {}
        for name, match in (
            ("fts", fts_match),
            ("like", lambda words, pid, theme: like_condition(words)),
        ):
            queries._match = match
            samples, cpu_samples = [], []
            with app.test_request_context():
                g.programme = None
                for _ in range(2 + repeat):
                    started, cpu = time.perf_counter(), time.thread_time()
                    outcome = queries.search(1, queries.Filters(query=query))
                    samples.append((time.perf_counter() - started) * 1000)
                    cpu_samples.append((time.thread_time() - cpu) * 1000)
                    db.session.rollback()
                db.session.remove()
            timings[name] = (samples[2:], outcome.total, cpu_samples[2:])
        queries._match = fts_match
        results[label] = {
            "query": query,
            "found": found,
            "like found": timings["like"][1],
            "page p50": statistics.median(page_ms),
            "page p95": percentile(page_ms, 95),
            "page cpu p50": statistics.median(page_cpu),
            "page cpu p95": percentile(page_cpu, 95),
            "fts cpu p95": percentile(timings["fts"][2], 95),
            "like cpu p95": percentile(timings["like"][2], 95),
            "fts p50": statistics.median(timings["fts"][0]),
            "fts p95": percentile(timings["fts"][0], 95),
            "like p50": statistics.median(timings["like"][0]),
            "like p95": percentile(timings["like"][0], 95),
        }
    return results, sizes


def report(url: str, results: dict[str, dict], sizes: dict, repeat: int) -> str:
    from omtracker import clock

    backend = "postgresql" if url.startswith("postgresql") else "sqlite"
    shown = url.split("@")[-1] if "@" in url else url
    lines = [
        f"<!-- bench:search:{backend} -->",
        f"### Search on {backend} ({clock.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}; shared with other "
        f"work while measured (load average {sizes.pop('load')} on {os.cpu_count()} cores), "
        "so wall times are inflated. Data: "
        + ", ".join(f"{n:,} {k}" for k, n in sizes.items())
        + f". Command: `python -m bench.search_bench --db {shown}`; "
        f"{repeat} requests per query after 3 warm-up requests, as g1-regisseur (programme 1). "
        "*Page* is the results page's server time (`Server-Timing`); *search* is the search "
        "function alone (one SQL query plus passages) with the full-text index, *LIKE* the same "
        "function with the match swapped for `ILIKE '%word%'` per word on the same texts. "
        "*CPU* is the thread's CPU time for the same work: what the request costs when it does "
        "not wait for a core (wall times here include waiting on a machine with more runnable "
        "processes than cores).",
        "",
        "| query | found (FTS / LIKE) | page p50 ms | page p95 ms | page CPU p50 / p95 "
        "| search p50 | search p95 | LIKE p50 | LIKE p95 | LIKE ÷ search (p50) "
        "| CPU p95: search / LIKE |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        ratio = r["like p50"] / r["fts p50"] if r["fts p50"] else float("nan")
        lines.append(
            f"| {label}: `{r['query']}` | {r['found']:,} / {r['like found']:,} "
            f"| {r['page p50']:.1f} | {r['page p95']:.1f} "
            f"| {r['page cpu p50']:.1f} / {r['page cpu p95']:.1f} | {r['fts p50']:.1f} "
            f"| {r['fts p95']:.1f} | {r['like p50']:.1f} | {r['like p95']:.1f} | {ratio:.0f}× "
            f"| {r['fts cpu p95']:.1f} / {r['like cpu p95']:.1f} |"
        )
    lines.append(f"<!-- /bench:search:{backend} -->")
    return "\n".join(lines)


def write_section(section: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    start = section.splitlines()[0]
    end = section.splitlines()[-1]
    if start in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL holding generated data")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    args = parser.parse_args()
    before = os.getloadavg()[0]
    results, sizes = run(args.db, args.repeat)
    sizes["load"] = f"{before:.0f}–{os.getloadavg()[0]:.0f}"  # type: ignore[assignment]
    section = report(args.db, results, sizes, args.repeat)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    sys.exit(main())
