"""`make bench`: load a scale tier, serve it with gunicorn, and measure the main pages.

For each page, as the role that uses it: p50/p95 server time (Server-Timing), SQL statements per
request (X-Query-Count), response size, throughput with 10 concurrent clients; peak memory per
worker; and two floors measured in the same run: a trivial route (/healthz: framework cost) and
the bare SQL of the dashboard's aggregation (database cost). Each page is reported as a ratio to
both. Results go to bench/out/results-<tier>.json and the tier's section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import national
from bench.client import Client

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
PASSWORD = "omtracker-bench"
TIERS = {"S": 1, "L": 20, "XL": 342}


def database_url(tier: str, pg_url: str | None) -> str:
    if tier == "XL" or pg_url:
        return pg_url or "postgresql://postgres@127.0.0.1:5432/omtracker_bench_xl"
    return f"sqlite:///{OUT / f'tier-{tier}.sqlite'}"


def flask(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "flask"), "--app", "omtracker", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def prepare(tier: str, url: str, fresh: bool, env: dict) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and not fresh:
            print(f"reusing {path}")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        import sqlalchemy as sa

        name = url.rsplit("/", 1)[1]
        admin = sa.create_engine(
            url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/postgres",
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as conn:
            exists = conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            )
            if exists and not fresh:
                print(f"reusing database {name}")
                return
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    started = time.perf_counter()
    flask(env, "init-db")
    print(flask(env, "generate", "--tier", tier))
    print(f"prepared tier {tier} in {time.perf_counter() - started:.0f} s")


def targets(env: dict, tier: str) -> dict:
    """Ids of a programme in the middle of the tier, and an API token for its coordinator."""
    os.environ.update(env)
    from sqlalchemy import func, select

    from omtracker import create_app
    from omtracker.extensions import db
    from omtracker.models import (
        ApiToken,
        Engagement,
        Opgave,
        Partner,
        Programme,
        ProgressMarker,
        Theme,
        User,
    )

    app = create_app()
    with app.app_context():
        count = db.session.scalar(select(func.count(Programme.id)))
        number = count // 2 + 1
        programme = db.session.scalar(select(Programme).where(Programme.slug == f"gen-{number}"))
        theme = db.session.scalar(
            select(Theme).where(Theme.programme_id == programme.id, Theme.number == 1)
        )
        engagement_id = db.session.scalar(
            select(Engagement.id)
            .join(Opgave)
            .join(ProgressMarker)
            .where(Opgave.theme_id == theme.id, Engagement.archived.is_(False))
            .group_by(Engagement.id)
            .order_by(func.count(ProgressMarker.id).desc())
            .limit(1)
        )
        partner_id = db.session.scalar(
            select(Partner.id).where(Partner.programme_id == programme.id).limit(1)
        )
        coordinator = db.session.scalar(select(User).where(User.username == f"g{number}-regisseur"))
        token = secrets.token_urlsafe(32)
        db.session.add(
            ApiToken(
                user_id=coordinator.id,
                name="bench",
                token_sha256=hashlib.sha256(token.encode()).hexdigest(),
            )
        )
        programme_id, theme_id = programme.id, theme.id
        db.session.commit()
        network = national.setup(app, PASSWORD)
        floor = bare_sql_floor(programme_id)
        db.engine.dispose()
    return {
        "number": number,
        "programme_id": programme_id,
        "theme_id": theme_id,
        "engagement_id": engagement_id,
        "partner_id": partner_id,
        "token": token,
        "sql_floor": floor,
        "programmes": count,
        **network,
    }


def bare_sql_floor(programme_id: int, repeat: int = 15) -> dict:
    """The dashboard's aggregation as bare function calls: what the database alone costs."""
    from omtracker.metrics import Scope, attainment_by, coverage_by, movement, tier_attainment
    from omtracker.periods import add_months

    period = "2026-11"
    scope = Scope(programme_id)

    def run() -> None:
        tier_attainment(scope, period)
        attainment_by(scope, period, "theme")
        coverage_by(scope, period, "theme")
        movement(scope, add_months(period, -1), period)

    from omtracker.extensions import db
    from omtracker.metrics import cache

    times = []
    for _ in range(repeat):
        cache.clear()  # the floor is the database's work, not a cache hit
        db.session.info.clear()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(times), "p95": percentile(times, 95)}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def pages(t: dict) -> list[dict]:
    n, period = t["number"], "2026-11"
    lead, coordinator, board = f"g{n}-trekker1", f"g{n}-regisseur", f"g{n}-bestuur"
    e = t["engagement_id"]
    return [
        {"name": "floor: /healthz", "user": None, "path": "/healthz"},
        {"name": "overview", "user": lead, "path": "/"},
        {"name": "theme page", "user": lead, "path": f"/themas/{t['theme_id']}"},
        {"name": "my month", "user": lead, "path": "/mijn-maand"},
        {"name": "engagement page", "user": lead, "path": f"/uitkomstuitdagingen/{e}"},
        {
            "name": "journal form",
            "user": lead,
            "path": f"/uitkomstuitdagingen/{e}/logboek/{period}",
        },
        {
            "name": "journal save",
            "user": lead,
            "post_form": True,
            "form_action": "/logboek/",
            "path": f"/uitkomstuitdagingen/{e}/logboek/{period}",
        },
        {"name": "partner registry", "user": coordinator, "path": "/partners/"},
        {"name": "partner page", "user": coordinator, "path": f"/partners/{t['partner_id']}"},
        {"name": "network map", "user": coordinator, "path": "/netwerk"},
        {"name": "search, one word", "user": coordinator, "path": "/zoeken?q=zwembad"},
        {
            "name": "search, three words",
            "user": coordinator,
            "path": "/zoeken?q=zwembad+kinderen+diploma",
        },
        {"name": "dashboard", "user": coordinator, "path": "/dashboard/"},
        {
            "name": "dashboard, cold (after a save)",
            "user": coordinator,
            "path": "/dashboard/",
            "cold": True,
        },
        {"name": "monthly report", "user": board, "path": f"/rapportage/{period}"},
        {
            "name": "monthly report, cold",
            "user": board,
            "path": f"/rapportage/{period}",
            "cold": True,
        },
        *after_save(t),
        {"name": "api: engagements", "token": True, "path": "/api/v1/engagements?per_page=50"},
        {
            "name": "api: metrics",
            "token": True,
            "path": f"/api/v1/metrics?scope=programme&id={t['programme_id']}&period={period}",
        },
    ]


def after_save(t: dict) -> list[dict]:
    """Every programme page read right after a theme leader saved a journal (the roll-ups it
    depends on are rebuilt): issue 17's goal is 150 ms p95 for each at XL on PostgreSQL."""
    n = t["number"]
    lead, coordinator = f"g{n}-trekker1", f"g{n}-regisseur"
    pages = [
        ("overview (coordinator)", coordinator, "/"),
        ("theme dashboard", coordinator, f"/dashboard/thema/{t['theme_id']}"),
        ("theme page", lead, f"/themas/{t['theme_id']}"),
        ("engagement page", lead, f"/uitkomstuitdagingen/{t['engagement_id']}"),
        ("partner registry", coordinator, "/partners/"),
        ("partner page", coordinator, f"/partners/{t['partner_id']}"),
        ("network map", coordinator, "/netwerk"),
        ("my month", lead, "/mijn-maand"),
        ("search, one word", coordinator, "/zoeken?q=zwembad"),
    ]
    return [
        {"name": f"{name}, cold (after a save)", "user": user, "path": path, "cold": True}
        for name, user, path in pages
    ]


def client_for(base: str, page: dict, t: dict) -> Client:
    client = Client(base)
    if page.get("user"):
        client.login(page["user"], PASSWORD)
    if page.get("token"):
        client.headers["Authorization"] = f"Bearer {t['token']}"
    return client


def hit(client: Client, page: dict):  # noqa: ANN201
    if page.get("post_form"):
        action, fields = client.form(page["path"], page.get("form_action", ""))
        return client.request(action or page["path"], fields)
    return client.request(page["path"])


def journal_saver(base: str, t: dict) -> Callable[[], None]:
    """A theme leader saving a journal: a write that invalidates the programme's roll-ups."""
    page = {
        "user": f"g{t['number']}-trekker1",
        "post_form": True,
        "form_action": "/logboek/",
        "path": f"/uitkomstuitdagingen/{t['engagement_id']}/logboek/2026-11",
    }
    client = client_for(base, page, t)
    return lambda: hit(client, page)


def measure(base: str, page: dict, t: dict, n: int, concurrency: int, seconds: float) -> dict:
    client = client_for(base, page, t)
    for _ in range(3):
        hit(client, page)
    if page.get("cold"):
        save = journal_saver(base, t)
        samples = []
        for _ in range(n):
            save()
            samples.append(hit(client, page))
        concurrency, seconds = 0, 0.0  # throughput is measured on the warm variant
    else:
        samples = [hit(client, page) for _ in range(n)]
    statuses = sorted({s.status for s in samples})
    server = [s.server_ms for s in samples if s.server_ms is not None]
    queries = sorted({s.queries for s in samples if s.queries is not None})
    done = 0
    lock = threading.Lock()
    clients = [client_for(base, page, t) for _ in range(concurrency)]  # log in before the clock
    deadline = time.perf_counter() + seconds

    def worker(own: Client) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            hit(own, page)
            with lock:
                done += 1

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = max(time.perf_counter() - started, 1e-9)
    return {
        "name": page["name"],
        "path": page["path"],
        "section": page.get("section", "programme"),
        "status": statuses,
        "server_p50": statistics.median(server) if server else None,
        "server_p95": percentile(server, 95) if server else None,
        "wall_p50": statistics.median(s.wall_ms for s in samples),
        "queries": queries,
        "size": max(s.size for s in samples),
        "throughput": done / elapsed if concurrency else None,
    }


def worker_memory(master_pid: int) -> list[int]:
    """Peak resident memory (VmHWM, kB) of each gunicorn worker."""
    peaks = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            status = Path(f"/proc/{child}/status").read_text()
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
    return peaks


def serve(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "omtracker:create_app()",
        ],
        env={**env, "OMTRACKER_INSTRUMENT": "true", "OMTRACKER_SECRET_KEY": "bench"},
        cwd=ROOT,
    )
    client = Client(f"http://127.0.0.1:{port}")
    for _ in range(100):
        try:
            if client.request("/healthz").status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def table(results: list[dict], floor: dict, sql_floor: dict) -> str:
    head = (
        "| page | status | server p50 ms | p95 ms | × /healthz | × bare SQL | queries | "
        "size kB | req/s (10 clients) |\n|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for r in results:
        p50 = r["server_p50"]
        ratio_floor = f"{p50 / floor['server_p50']:.1f}" if p50 and floor["server_p50"] else "–"
        ratio_sql = f"{p50 / sql_floor['p50']:.1f}" if p50 else "–"
        fmt = lambda v: f"{v:.1f}" if v is not None else "–"  # noqa: E731
        rows.append(
            f"| {r['name']} | {','.join(map(str, r['status']))} | {fmt(p50)} | "
            f"{fmt(r['server_p95'])} | {ratio_floor} | {ratio_sql} | "
            f"{'–'.join(map(str, r['queries'][:1] + r['queries'][-1:])) if r['queries'] else '–'}"
            f" | {r['size'] / 1024:.0f} | "
            f"{'–' if r['throughput'] is None else format(r['throughput'], '.0f')} |"
        )
    return head + "\n".join(rows)


def network_section(results: list[dict], floor: dict, t: dict) -> str:
    """Issue 17's pages across programmes, as a reader of the network and as a coordinator."""
    if not results:
        return "\n\nNetwork pages (issue 17): not in this version of the app, not measured."
    return (
        f"\n\nNetwork pages (issue 17), as network reader `{t['reader']}` (the benchmark as "
        f'the coordinator of programme {t["number"]}); "after a save": a journal saved in '
        "that programme, which shares its figures, right before each request.\n\n"
        + table(results, floor, t["sql_floor"])
    )


def load_average() -> str:
    """The machine's load (1, 5, 15 min) as `uptime` shows it: this VM's 2 cores are shared."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def write_results(tier: str, database: str, text: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    content = path.read_text() if path.exists() else "# Benchmark results\n"
    marker = f"bench:pages:{tier}:{database}"
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    block = f"{start}\n{text}\n{end}"
    if start in content:
        before = content.split(start)[0]
        after = content.split(end, 1)[1]
        content = before + block + after
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    path.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", choices=list(TIERS), default="S")
    parser.add_argument("--fresh", action="store_true", help="regenerate the tier's database")
    parser.add_argument("--pg-url", default=os.environ.get("OMTRACKER_BENCH_PG_URL"))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--port", type=int, default=5391)
    parser.add_argument(
        "--only",
        choices=("programme", "network"),
        help="measure one section and print it (bench/RESULTS.md is left as it is)",
    )
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    url = database_url(args.tier, args.pg_url)
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url}
    prepare(args.tier, url, args.fresh, env)
    t = targets(env, args.tier)
    proc = serve(env, args.port)
    base = f"http://127.0.0.1:{args.port}"
    results = []
    load_before = load_average()
    try:
        chosen = pages(t) + national.pages(t)
        if args.only:
            chosen = [
                p for p in chosen if (p.get("section") == "network") == (args.only == "network")
            ]
        for page in chosen:
            result = measure(base, page, t, args.requests, args.concurrency, args.seconds)
            results.append(result)
            print(
                f"{result['name']:<20} status {result['status']} p50 "
                f"{result['server_p50'] or 0:7.1f} ms p95 {result['server_p95'] or 0:7.1f} ms "
                f"queries {result['queries']} {result['size'] / 1024:6.0f} kB "
                f"{result['throughput'] or 0:6.0f} req/s",
                flush=True,
            )
        memory = worker_memory(proc.pid)
        load_after = load_average()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    floor = results[0]
    programme_pages = [r for r in results if r.get("section") != "network"]
    network_pages = [r for r in results if r.get("section") == "network"]
    summary = {
        "tier": args.tier,
        "date": date.today().isoformat(),
        "database": url.split(":")[0],
        "programmes": t["programmes"],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "bare_sql_floor_ms": t["sql_floor"],
        "worker_peak_rss_kb": memory,
        "load_average": {"before": load_before, "after": load_after},
        "pages": results,
    }
    suffix = f"-{args.only}" if args.only else ""
    (OUT / f"results-{args.tier}-{summary['database']}{suffix}.json").write_text(
        json.dumps(summary, indent=2)
    )
    text = (
        f"### Tier {args.tier}: {t['programmes']} programme(s) on {summary['database']} "
        f"({summary['date']})\n\n"
        f"Machine: {summary['machine']}. Command: `make bench TIER={args.tier}` "
        f"(gunicorn, 2 workers, 127.0.0.1). {args.requests} sequential requests per page after "
        f"3 warm-up requests; throughput with {args.concurrency} concurrent clients for "
        f"{args.seconds:.0f} s. Bare SQL of the dashboard aggregation: p50 "
        f"{t['sql_floor']['p50']:.1f} ms, p95 {t['sql_floor']['p95']:.1f} ms. Peak memory per "
        f"worker: {', '.join(f'{kb / 1024:.0f} MB' for kb in memory)}. Load average (1, 5, "
        f"15 min) before the run {load_before}, after it {load_after}.\n\n"
        + table(programme_pages, floor, t["sql_floor"])
        + network_section(network_pages, floor, t)
    )
    if not args.only:
        write_results(args.tier, summary["database"], text)
    print("\n" + text)


if __name__ == "__main__":
    main()
