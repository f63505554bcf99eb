"""Two versions of omtracker side by side under the same load (issue 11's before/after).

Both are served at once (gunicorn, 2 workers each) on their own copy of a generated tier, and every
page of `bench.run` is measured alternately on the old and the new version, so a shared, busy
machine slows both alike. Usage, after `python -m bench.run --tier L` in both checkouts:

    python -m bench.compare OLD_CHECKOUT NEW_CHECKOUT [--rounds 2 --requests 10]

or on one PostgreSQL database both versions share (its schema must suit both):

    python -m bench.compare OLD NEW --tier XL --pg-url postgresql://…/bench_xl [--only cold]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time

from bench import run as bench_run
from bench.client import Client


def serve(root: str, port: int, url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": root,
        "OMTRACKER_DATABASE_URL": url,
        "OMTRACKER_INSTRUMENT": "true",
        "OMTRACKER_SECRET_KEY": "bench",
    }
    command = [str(bench_run.BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}"]
    command += ["--timeout", "120", "--log-level", "warning", "omtracker:create_app()"]
    proc = subprocess.Popen(command, env=env, cwd=root)  # cwd: gunicorn imports from it
    client = Client(f"http://127.0.0.1:{port}")
    for _ in range(300):
        try:
            if client.request("/healthz").status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{root} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--tier", choices=list(bench_run.TIERS), default="L")
    parser.add_argument("--pg-url", default=os.environ.get("OMTRACKER_BENCH_PG_URL"))
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--port", type=int, default=5184, help="before: PORT, after: PORT + 1")
    args = parser.parse_args()
    url = bench_run.database_url(args.tier, args.pg_url)
    if url.startswith("sqlite:///"):  # each checkout's own copy of the tier
        url = f"sqlite:///{args.new}/bench/out/tier-{args.tier}.sqlite"
    env = {**os.environ, "OMTRACKER_DATABASE_URL": url}
    targets = bench_run.targets(env, args.tier)  # deterministic generator: same ids in both
    pages = [
        p
        for p in bench_run.pages(targets) + bench_run.national.pages(targets)
        if not p.get("token") and p["user"] and args.only in p["name"]
    ]
    versions = {"before": (args.old, args.port), "after": (args.new, args.port + 1)}
    procs = {}
    for name, (root, port) in versions.items():
        own = url.replace(f"{args.new}/", f"{root}/") if url.startswith("sqlite") else url
        procs[name] = serve(root, port, own)
    print(f"load average before: {bench_run.load_average()}", flush=True)
    out: dict = {}
    try:
        for page in pages:
            for _ in range(args.rounds):
                for name, (_root, port) in versions.items():
                    base = f"http://127.0.0.1:{port}"
                    result = bench_run.measure(base, page, targets, args.requests, 0, 0)
                    slot = out.setdefault(page["name"], {}).setdefault(
                        name, {"p50": [], "p95": [], "queries": set()}
                    )
                    slot["p50"].append(result["server_p50"])
                    slot["p95"].append(result["server_p95"])
                    slot["queries"] |= set(result["queries"])
            old, new = out[page["name"]]["before"], out[page["name"]]["after"]
            print(
                f"| {page['name']} | {statistics.mean(old['p50']):.1f} | {max(old['p95']):.1f} | "
                f"{sorted(old['queries'])} | {statistics.mean(new['p50']):.1f} | "
                f"{max(new['p95']):.1f} | {sorted(new['queries'])} |",
                flush=True,
            )
    finally:
        print(f"load average after: {bench_run.load_average()}", flush=True)
        for proc in procs.values():
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps({k: {n: sorted(v["queries"]) for n, v in d.items()} for k, d in out.items()}))


if __name__ == "__main__":
    main()
