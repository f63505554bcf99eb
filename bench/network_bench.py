"""Network map speed (issue 4): our path against pyvis's default path, side by side in one run.

    .venv/bin/python bench/network_bench.py [--fresh] [--skip-pyvis]

Data: tier L (20 generated programmes of tier-S shape, `omtracker.generate`) plus one big
programme of 2,000 nodes and ~6,000 edges, in bench/out/network-L.sqlite (reused unless
--fresh). Measured:

1. building the graph and its measures from the database, cold (a fresh process each time), for
   a tier-S programme inside tier L and for the big programme;
2. the map page's server time (Flask test client): first request (layout computed), with the
   layout cached but the view rebuilt, and fully cached; SQL statements; HTML and data size;
   and, side by side in a fresh process, our betweenness and layout against NetworkX's exact
   `betweenness_centrality` and `spring_layout` on the 2,000-node graph (with the largest
   difference between the two betweenness results);
3. in headless Chromium (Debian's chromium via Playwright): our page from navigation start until
   the map is drawn and usable, against pyvis 0.3.2's default path on the same graph:
   `Network.from_nx` + `generate_html` + vis-network physics in the browser until stabilised.
   pyvis's page links a CDN: served offline with vis-network inlined (`cdn_resources="in_line"`)
   and every other request aborted.

Results go to bench/out/network.json and the "## Network map" section of bench/RESULTS.md.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.network_report import write_results  # noqa: E402

OUT = ROOT / "bench" / "out"
DB = OUT / "network-L.sqlite"
PERIOD = "2026-11"
PASSWORD = "omtracker-bench"
CHROMIUM = os.environ.get("OMTRACKER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PYVIS_URL = "http://pyvis.invalid/pyvis.html"
PYVIS_TIMEOUT_S = 900
READY = "body[data-network-ready='1']"  # a selector: our CSP forbids the eval of JS predicates
ASSETS = (
    "vendor/vis-network/vis-network.min.js",
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/app.css",
    "css/network.css",
    "js/app.js",
    "js/network.js",
)


def make_app(cache_dir: str | None = None):  # noqa: ANN201
    from omtracker import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{DB}",
            "SECRET_KEY": "network-bench",
            "WTF_CSRF_ENABLED": False,
            "NETWORK_CACHE_DIR": cache_dir or tempfile.mkdtemp(prefix="netcache-"),
        }
    )


def big_shape():  # noqa: ANN201
    from omtracker.generate import Shape

    # 30 themes + 170 opgaven + 1,800 partners (36 archived of 1,836) = 2,000 nodes; ~3,200
    # engagements in the window, ~2,700 partner links and 170 opgave–theme links: ~6,100 edges.
    return Shape(themes=30, opgaven=170, partners=1836, engagements_per_opgave=23, months=4)


def prepare(fresh: bool) -> None:
    from flask_migrate import upgrade

    from omtracker.extensions import db
    from omtracker.generate import generate
    from omtracker.metrics import cache as metrics_cache

    if DB.exists() and not fresh:
        print(f"reusing {DB}")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(DB) + suffix).unlink(missing_ok=True)
    app = make_app()
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        print("tier L:", generate(tier="L", end=PERIOD))
        print("big programme:", generate(programmes=1, shape=big_shape(), end=PERIOD))
        metrics_cache.invalidate_all()
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        db.engine.dispose()
    print(f"prepared in {time.perf_counter() - started:.0f} s")


def programme_ids() -> dict[str, int]:
    from sqlalchemy import select

    from omtracker.extensions import db
    from omtracker.models import Programme

    with make_app().app_context():
        slugs = dict(db.session.execute(select(Programme.slug, Programme.id)).all())
        db.engine.dispose()
    return {"S in L": slugs["gen-10"], "2,000 nodes": slugs["gen-21"]}


def cold_build(programme_id: int) -> dict:
    """Run in a fresh process: graph from the database, then measures, then the layout."""
    from omtracker.extensions import db
    from omtracker.metrics import dormant_partners
    from omtracker.network import metrics
    from omtracker.network.graph import NetworkFilter, build_graph
    from omtracker.network.layout import force_layout

    with make_app().app_context():
        t0 = time.perf_counter()
        graph = build_graph(programme_id, NetworkFilter(period=PERIOD))
        t1 = time.perf_counter()
        _, sample = metrics.betweenness(graph)
        metrics.communities(graph)
        metrics.degree(graph)
        metrics.bridging_partners(graph)
        metrics.isolated_partners(graph)
        metrics.themes_sharing_partners(graph)
        dormant_partners(programme_id, PERIOD)
        t2 = time.perf_counter()
        force_layout(list(graph.nodes), list(graph.edges))
        t3 = time.perf_counter()
        db.engine.dispose()
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "graph_ms": round((t1 - t0) * 1000),
        "measures_ms": round((t2 - t1) * 1000),
        "graph_and_measures_ms": round((t2 - t0) * 1000),
        "layout_ms": round((t3 - t2) * 1000),
        "betweenness_sample": sample,
    }


def reference_build(programme_id: int) -> dict:
    """Run in a fresh process: our betweenness and layout against NetworkX's on the same graph."""
    import networkx as nx

    from omtracker.extensions import db
    from omtracker.network import centrality
    from omtracker.network.graph import NetworkFilter, build_graph
    from omtracker.network.layout import force_layout

    with make_app().app_context():
        graph = build_graph(programme_id, NetworkFilter(period=PERIOD))
        db.engine.dispose()
    t0 = time.perf_counter()
    ours, _ = centrality.betweenness(graph)
    t1 = time.perf_counter()
    reference = nx.betweenness_centrality(graph, normalized=True)
    t2 = time.perf_counter()
    force_layout(list(graph.nodes), list(graph.edges))
    t3 = time.perf_counter()
    nx.spring_layout(graph, seed=2026)
    t4 = time.perf_counter()
    return {
        "nodes": graph.number_of_nodes(),
        "betweenness_ours_ms": round((t1 - t0) * 1000),
        "betweenness_networkx_ms": round((t2 - t1) * 1000),
        "betweenness_max_difference": max(abs(ours[n] - reference[n]) for n in graph),
        "layout_ours_ms": round((t3 - t2) * 1000),
        "layout_networkx_spring_ms": round((t4 - t3) * 1000),
    }


def measure_builds(ids: dict[str, int]) -> dict:
    out = {}
    for name, pid in ids.items():
        result = subprocess.run(
            [sys.executable, __file__, "--cold-build", str(pid)],
            capture_output=True,
            text=True,
            check=True,
        )
        out[name] = json.loads(result.stdout.strip().splitlines()[-1])
        print(name, out[name])
    result = subprocess.run(
        [sys.executable, __file__, "--reference-build", str(ids["2,000 nodes"])],
        capture_output=True,
        text=True,
        check=True,
    )
    out["reference"] = json.loads(result.stdout.strip().splitlines()[-1])
    print("reference", out["reference"])
    return out


def measure_page(programme_id: int, username: str) -> dict:
    """Server time of /netwerk in-process: cold, layout cached, fully cached."""
    from sqlalchemy import event

    from omtracker.extensions import db
    from omtracker.network import pagecache

    app = make_app()
    client = app.test_client()
    login = client.post("/login", data={"username": username, "password": PASSWORD})
    assert login.status_code == 302, login.status_code
    queries = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(1))

    def get() -> tuple[float, int, bytes]:
        queries.clear()
        started = time.perf_counter()
        response = client.get(f"/netwerk?maand={PERIOD}")
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed, len(queries), response.data

    first, _, _ = get()
    layout_cached = []
    for _ in range(5):
        pagecache.clear()
        elapsed, count_cold, _ = get()
        layout_cached.append(elapsed)
    warm = []
    for _ in range(10):
        elapsed, count_warm, body = get()
        warm.append(elapsed)
    html = body.decode()
    block = re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1)
    with app.app_context():
        db.engine.dispose()
    return {
        "first_ms": round(first),
        "layout_cached_p50_ms": round(statistics.median(layout_cached)),
        "cached_p50_ms": round(statistics.median(warm)),
        "cached_p95_ms": round(sorted(warm)[int(len(warm) * 0.95) - 1]),
        "queries_layout_cached": count_cold,
        "queries_cached": count_warm,
        "html_bytes": len(body),
        "data_bytes": len(block),
    }


def serve(app) -> tuple:  # noqa: ANN001
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def browser_ours(browser, base: str, username: str, runs: int = 3) -> dict:  # noqa: ANN001
    context = browser.new_context(base_url=base, viewport={"width": 1400, "height": 1000})
    foreign = []
    context.on(
        "request", lambda r: None if r.url.startswith((base, "data:")) else foreign.append(r.url)
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto("/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")
    page.goto(f"/netwerk?maand={PERIOD}")  # warm the server-side caches once
    page.wait_for_selector(READY, state="attached")
    times = []
    for _ in range(runs):
        page.goto("about:blank")
        started = time.perf_counter()
        page.goto(f"/netwerk?maand={PERIOD}")
        page.wait_for_selector(READY, state="attached")
        wall = (time.perf_counter() - started) * 1000
        in_page = int(page.locator("body").get_attribute("data-network-ready-ms"))
        times.append({"wall_ms": round(wall), "navigation_to_ready_ms": round(in_page)})
    # interactive: a click on the centre of the map selects a node and fills the panel
    box = page.locator("#network-map").bounding_box()
    page.locator(".network-focus").first.click()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    clicked = page.locator("#network-detail-body h3").count() == 1
    context.close()
    return {
        "runs": times,
        "ready_ms": statistics.median(t["navigation_to_ready_ms"] for t in times),
        "wall_ms": statistics.median(t["wall_ms"] for t in times),
        "click_shows_details": clicked,
        "foreign_requests": foreign,
    }


def browser_pyvis(browser, graph) -> dict:  # noqa: ANN001
    """pyvis's default path on the same graph: from_nx, generate_html, physics until stable."""
    import networkx as nx
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from pyvis.network import Network

    plain = nx.Graph()
    plain.add_nodes_from((n, {"label": d["label"]}) for n, d in graph.nodes(data=True))
    plain.add_edges_from(graph.edges)
    started = time.perf_counter()
    net = Network(height="900px", width="100%", cdn_resources="in_line")
    net.from_nx(plain)
    from_nx_ms = (time.perf_counter() - started) * 1000
    html = net.generate_html()
    python_ms = (time.perf_counter() - started) * 1000
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked = []

    def route(request_route) -> None:  # noqa: ANN001
        if request_route.request.url == PYVIS_URL:
            request_route.fulfill(body=html, content_type="text/html")
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(PYVIS_TIMEOUT_S * 1000)
    started = time.perf_counter()
    page.goto(PYVIS_URL, wait_until="commit")
    try:
        page.wait_for_function(
            "document.getElementById('text') && document.getElementById('text').innerHTML"
            " === '100%'",
            polling=100,
            timeout=PYVIS_TIMEOUT_S * 1000,
        )
        timed_out = False
    except PlaywrightTimeout:
        timed_out = True  # the total is then a lower bound, and so is the ratio
    browser_ms = (time.perf_counter() - started) * 1000
    progress = page.evaluate("(document.getElementById('text') || {}).innerHTML || ''")
    context.close()
    return {
        "from_nx_ms": round(from_nx_ms),
        "python_ms": round(python_ms),
        "browser_until_stable_ms": round(browser_ms),
        "total_ms": round(python_ms + browser_ms),
        "html_bytes": len(html.encode()),
        "blocked_requests": sorted(set(blocked)),
        "timed_out": timed_out,
        "progress_at_end": progress,
    }


def measure_browser(ids: dict[str, int], skip_pyvis: bool) -> dict:
    from playwright.sync_api import sync_playwright

    from omtracker.extensions import db
    from omtracker.network.graph import NetworkFilter, build_graph

    app = make_app()
    with app.app_context():
        graph = build_graph(ids["2,000 nodes"], NetworkFilter(period=PERIOD))
    server, base = serve(app)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ours = browser_ours(browser, base, "g21-regisseur")
            print("ours:", ours)
            pyvis = None if skip_pyvis else browser_pyvis(browser, graph)
            print("pyvis:", pyvis)
            browser.close()
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    return {"ours": ours, "pyvis": pyvis, "nodes": nodes, "edges": edges}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="regenerate the database")
    parser.add_argument("--skip-pyvis", action="store_true", help="leave out the slow pyvis run")
    parser.add_argument("--cold-build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference-build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_build:
        print(json.dumps(cold_build(args.cold_build)))
        return
    if args.reference_build:
        print(json.dumps(reference_build(args.reference_build)))
        return
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    prepare(args.fresh)
    ids = programme_ids()
    results = {
        "date": date.today().isoformat(),
        "period": PERIOD,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "load_before": load_before,
        "builds": measure_builds(ids),
        "page": measure_page(ids["2,000 nodes"], "g21-regisseur"),
    }
    print("page:", results["page"])
    results["browser"] = measure_browser(ids, args.skip_pyvis)
    results["load_after"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    results["asset_bytes"] = sum((ROOT / "static" / name).stat().st_size for name in ASSETS)
    write_results(results, OUT, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
