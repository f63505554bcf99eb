"""The "## Network map" section of bench/RESULTS.md from bench/network_bench.py's results."""

from __future__ import annotations

import json
import re
from pathlib import Path

MARK_START, MARK_END = "<!-- bench:network:start -->", "<!-- bench:network:end -->"


def report(results: dict) -> str:
    b, p, w = results["builds"], results["page"], results["browser"]
    ours, pyvis = w["ours"], w["pyvis"]
    s, big, ref = b["S in L"], b["2,000 nodes"], b.get("reference")
    how = (
        "exact"
        if big["betweenness_sample"] is None
        else f"sampled from {big['betweenness_sample']} sources"
    )
    rebuilt = f"{p['layout_cached_p50_ms']} ms"
    rebuilt = f"**{rebuilt}**" if p["layout_cached_p50_ms"] < 150 else rebuilt
    lines = [
        "## Network map",
        "",
        f"Run {results['date']} on {results['machine']} (load average before/after: "
        f"{results['load_before']} / {results['load_after']}; other work shared the machine). "
        "Command: `.venv/bin/python bench/network_bench.py`. Data: tier L (20 generated "
        "programmes of tier-S shape) plus one programme of "
        f"{w['nodes']:,} nodes and {w['edges']:,} edges, month {results['period']}.",
        "",
        "| measure | target | result |",
        "|---|---|---|",
        f"| map interactive in headless Chromium, {w['nodes']:,} nodes (navigation start → drawn,"
        f" controls on) | < 2 s | **{ours['ready_ms'] / 1000:.2f} s** (median of "
        f"{len(ours['runs'])}; wall {ours['wall_ms'] / 1000:.2f} s) |",
    ]
    if pyvis:
        ratio = pyvis["total_ms"] / ours["wall_ms"]
        bound = "> " if pyvis["timed_out"] else ""
        stable = (
            f"not stable after {pyvis['browser_until_stable_ms'] / 1000:.0f} s (progress "
            f"{pyvis['progress_at_end']})"
            if pyvis["timed_out"]
            else f"{pyvis['browser_until_stable_ms'] / 1000:.1f} s"
        )
        lines += [
            f"| pyvis default path, same graph, same run: `from_nx` + `generate_html` + physics"
            f" until stabilised | — | {bound}{pyvis['total_ms'] / 1000:.1f} s (`from_nx` "
            f"{pyvis['from_nx_ms'] / 1000:.2f} s, Python {pyvis['python_ms'] / 1000:.2f} s, "
            f"browser {stable}) |",
            f"| speed-up over pyvis's default path (pyvis total ÷ our wall time) | ≥ 50× | "
            f"**{bound}{ratio:.0f}×** |",
        ]
    lines += [
        f"| graph + measures from the database, cold process, tier-S programme in tier L "
        f"({s['nodes']} nodes, {s['edges']} edges) | < 1 s | **{s['graph_and_measures_ms']} ms**"
        f" (graph {s['graph_ms']}, measures {s['measures_ms']}; layout {s['layout_ms']} ms, "
        "cached) |",
        f"| same, {big['nodes']:,}-node programme (betweenness {how}) | < 1 s | "
        f"**{big['graph_and_measures_ms']} ms** (graph {big['graph_ms']}, measures "
        f"{big['measures_ms']}; layout {big['layout_ms']} ms, cached) |",
        f"| page server time, {w['nodes']:,} nodes, layout cached, view rebuilt | < 150 ms | "
        f"{rebuilt} p50 ({p['queries_layout_cached']} SQL statements) |",
        f"| page server time, view cached until the data changes | < 150 ms | "
        f"**{p['cached_p50_ms']} ms** p50, {p['cached_p95_ms']} ms p95 "
        f"({p['queries_cached']} SQL statements) |",
        f"| first request ever (layout computed and stored) | — | {p['first_ms']} ms |",
        *(
            [
                f"| exact betweenness, {ref['nodes']:,} nodes: ours vs NetworkX's "
                "`betweenness_centrality`, same graph, same run | — | "
                f"{ref['betweenness_ours_ms']} ms vs {ref['betweenness_networkx_ms']} ms "
                f"({ref['betweenness_networkx_ms'] / ref['betweenness_ours_ms']:.0f}×); largest "
                f"difference {ref['betweenness_max_difference']:.1e} |",
                f"| layout, {ref['nodes']:,} nodes: ours vs NetworkX's `spring_layout` (numpy/"
                f"scipy) | — | {ref['layout_ours_ms']} ms vs {ref['layout_networkx_spring_ms']} ms "
                f"({ref['layout_networkx_spring_ms'] / ref['layout_ours_ms']:.0f}×) |",
            ]
            if ref
            else []
        ),
        f"| HTML incl. data block | < 2 MB | **{p['html_bytes'] / 1e6:.2f} MB** (data "
        f"{p['data_bytes'] / 1e6:.2f} MB); static files, cached by the browser after the first"
        f" visit (vis-network, Bootstrap, app and network JS/CSS): "
        f"{results['asset_bytes'] / 1e6:.2f} MB |",
        "",
        f"Requests to another host from our page: {len(ours['foreign_requests'])}. A click on the"
        f" map after loading showed a node's details: {ours['click_shows_details']}.",
    ]
    if pyvis:
        lines.append(
            f"pyvis's page asked for {len(pyvis['blocked_requests'])} other-host resources "
            "(Bootstrap and its own CDN links), which were aborted."
        )
    misses = []
    if p["layout_cached_p50_ms"] > 150:
        misses.append(
            f"with the layout cached but the view rebuilt (the first visit after a write), the "
            f"2,000-node page takes {p['layout_cached_p50_ms']} ms, over the 150 ms target; every"
            " later visit until the next write is served from the view cache"
        )
    if big["graph_and_measures_ms"] > 1000:
        misses.append(
            f"the 2,000-node programme needs {big['graph_and_measures_ms'] / 1000:.2f} s cold for"
            " graph and measures (betweenness and Louvain dominate) plus "
            f"{big['layout_ms'] / 1000:.2f} s for its layout; both are computed once per graph "
            "structure and cached in memory and under instance/cache/network"
        )
    if misses:
        lines += ["", "Over target: " + "; ".join(misses) + "."]
    lines += [
        "",
        "Why it is fast: the layout is computed on the server (Fruchterman–Reingold with a grid,"
        " per component, vectorised with numpy and a scipy k-d tree) and cached by graph"
        " structure; betweenness is Brandes' algorithm run for a few hundred sources at once as"
        " sparse-matrix products (`omtracker/network/centrality.py`); the browser gets positions"
        " and draws once with physics off, straight edges and no hover tooltips for big maps;"
        " the view and its JSON are cached per data version (metrics generation token +"
        " partner-registry stamp), so a repeat visit runs only the version queries.",
    ]
    return "\n".join(lines) + "\n"


def write_results(results: dict, out: Path, path: Path) -> None:
    """network.json in `out`, and this bench's own section of RESULTS.md (others untouched)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "network.json").write_text(json.dumps(results, indent=2))
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    section = f"{MARK_START}\n{report(results)}{MARK_END}"
    if MARK_START in text:
        text = re.sub(
            re.escape(MARK_START) + ".*?" + re.escape(MARK_END), lambda _: section, text, flags=re.S
        )
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
    print(report(results))
