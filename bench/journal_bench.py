"""Timing check for the monthly journal: open the form and save it, server-side, at scale.

    python -m bench.journal_bench [--tier L] [--journals 20]

Loads (or reuses) bench/out/journal-<tier>.sqlite made with `flask generate`, then, in process
with Flask's test client, a theme leader of the first programme opens the journal form of
several engagements for the current month and saves it twice (a new or existing entry, then an
edit of every rating). Reports p50/p95 milliseconds and SQL statements per request, and writes
its own section of bench/RESULTS.md. Not part of the test run.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event, select

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PASSWORD = "omtracker-bench"
START, END = "<!-- bench:journal -->", "<!-- /bench:journal -->"


def prepare(tier: str) -> Path:
    path = OUT / f"journal-{tier}.sqlite"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    env = {"OMTRACKER_DATABASE_URL": f"sqlite:///{path}", "PATH": str(Path(sys.executable).parent)}
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "omtracker"]
    for args in (["init-db"], ["generate", "--tier", tier]):
        subprocess.run([*flask, *args], env=env, check=True, capture_output=True)
    return path


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def run(path: Path, journals: int) -> dict[str, dict]:
    from omtracker import create_app
    from omtracker.extensions import db
    from omtracker.models import Engagement, Opgave, ProgressMarker, Theme, ThemeMembership, User
    from omtracker.periods import current_period

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "WTF_CSRF_ENABLED": False})
    period = current_period()
    counter = {"n": 0}
    samples: dict[str, list[tuple[float, int]]] = {"form": [], "save": [], "save edit": []}
    with app.app_context():
        lead = db.session.scalar(select(User).where(User.username == "g1-trekker1"))
        theme_id = db.session.scalar(
            select(ThemeMembership.theme_id).where(ThemeMembership.user_id == lead.id)
        )
        engagement_ids = db.session.scalars(
            select(Engagement.id)
            .join(Opgave, Opgave.id == Engagement.opgave_id)
            .join(Theme, Theme.id == Opgave.theme_id)
            .join(ProgressMarker, ProgressMarker.engagement_id == Engagement.id)
            .where(Theme.id == theme_id, Engagement.active.is_(True))
            .where(Engagement.archived.is_(False))
            .group_by(Engagement.id)
            .order_by(Engagement.id)
            .limit(journals)
        ).all()
        markers = db.session.scalar(
            select(db.func.count(ProgressMarker.id)).where(
                ProgressMarker.engagement_id.in_(engagement_ids)
            )
        )
        db.session.remove()

        def count(*_args: object) -> None:
            counter["n"] += 1

        event.listen(db.engine, "before_cursor_execute", count)
        client = app.test_client()
        client.post("/login", data={"username": "g1-trekker1", "password": PASSWORD})

        def timed(name: str, call):  # noqa: ANN001, ANN202
            counter["n"] = 0
            started = time.perf_counter()
            response = call()
            samples[name].append(((time.perf_counter() - started) * 1000, counter["n"]))
            return response

        for shift, engagement_id in enumerate(engagement_ids):
            url = f"/uitkomstuitdagingen/{engagement_id}/logboek/{period}"
            for name in ("save", "save edit"):
                page = timed("form", lambda u=url: client.get(u)).get_data(as_text=True)
                version = re.search(r'name="version" type="hidden" value="(\d*)"', page).group(1)
                data = {"version": version, "change_description": f"Meting {shift} {name}"}
                for i, marker_id in enumerate(
                    dict.fromkeys(re.findall(r'name="level_(\d+)"', page))
                ):
                    data[f"level_{marker_id}"] = str((i + shift + len(name)) % 4)
                response = timed(name, lambda u=url, d=data: client.post(u, data=d))
                if response.status_code != 302:
                    raise RuntimeError(f"{name} {url}: {response.status_code}")
    result = {"engagements": len(engagement_ids), "markers": markers}
    for name, values in samples.items():
        ms = [v[0] for v in values]
        result[name] = {
            "p50": statistics.median(ms),
            "p95": percentile(ms, 95),
            "queries": sorted({v[1] for v in values}),
            "n": len(values),
        }
    return result


def report(tier: str, result: dict) -> str:
    lines = [
        f"### Journal form and save, tier {tier} on sqlite ({date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}. Command: "
        f"`python -m bench.journal_bench --tier {tier}`: in process (Flask test client), a theme "
        f"leader of programme 1 opens and saves the journal of {result['engagements']} "
        f"engagements ({result['markers']} markers) for the current month, then edits it.",
        "",
        "| request | n | p50 ms | p95 ms | SQL statements |",
        "|---|---|---|---|---|",
    ]
    for name in ("form", "save", "save edit"):
        r = result[name]
        queries = "–".join(map(str, r["queries"][:1] + r["queries"][-1:]))
        lines.append(f"| {name} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | {queries} |")
    return "\n".join(lines)


def write_results(text: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    content = path.read_text() if path.exists() else "# Benchmark results\n"
    block = f"{START}\n{text}\n{END}"
    if START in content:
        content = content.split(START)[0] + block + content.split(END, 1)[1]
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    path.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", choices=["S", "L"], default="L")
    parser.add_argument("--journals", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    result = run(prepare(args.tier), args.journals)
    text = report(args.tier, result)
    print(text)
    if not args.no_write:
        write_results(text)


if __name__ == "__main__":
    main()
