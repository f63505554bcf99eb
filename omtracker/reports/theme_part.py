"""A theme leader's part of the board report: their own themes, read-only (issue 14).

The same report dictionary (live or frozen) cut down to the themes the reader leads; building
block and programme figures are pooled again from those themes' counts (rule 3: counts summed,
never percentages averaged), so every sentence and table reads as "your theme(s)".
"""

from __future__ import annotations

import copy
from typing import Any

from omtracker import metrics
from omtracker.models import MembershipRole, Tier
from omtracker.reports.snapshot import Pool


def led_theme_ids(user: Any) -> set[int]:
    """The themes a user leads (memberships are loaded with the user)."""
    if not (user and user.is_authenticated):
        return set()
    return {m.theme_id for m in user.memberships if m.role == MembershipRole.lead}


def _pool(themes: list[dict[str, Any]]) -> Pool:
    pool = Pool()
    for theme in themes:
        values = {
            Tier(tier): metrics.Attainment(reached=value["reached"], total=value["total"])
            for tier, value in theme["attainment"].items()
        }
        coverage = metrics.Coverage(
            written=theme["coverage"]["written"], due=theme["coverage"]["due"]
        )
        move = theme["movement"]
        pool.add(values, coverage, metrics.Movement(move["up"], move["down"], move["same"]))
    return pool


def theme_part(report: dict[str, Any], theme_ids: set[int]) -> dict[str, Any]:
    """The report with only `theme_ids`' rows, figures and risks; marked as a part."""
    part = copy.deepcopy(report)
    blocks, mine = [], []
    for block in part["blocks"]:
        themes = [t for t in block["themes"] if t["id"] in theme_ids]
        if not themes:
            continue
        mine += themes
        blocks.append({"key": block["key"], **_pool(themes).as_json(), "themes": themes})
    part["blocks"] = blocks
    part["totals"] = _pool(mine).as_json()
    part["highlights"] = [h for h in part["highlights"] if h.get("theme_id") in theme_ids]
    risks = part["risks"]
    risks["off_track"] = [r for r in risks["off_track"] if r["theme_id"] in theme_ids]
    risks["overdue"] = [r for r in risks["overdue"] if r["theme_id"] in theme_ids]
    risks["dormant_partners"] = []  # the registry is shared: not one theme's risk
    part["theme_part"] = [t["name"] for t in mine]
    return part
