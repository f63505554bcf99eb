"""Helpers for the dashboard and indicator tests: page text, SVG checks and more data."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import date

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Tier,
)

POST_FORM = re.compile(r"<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", re.I)
SVG = re.compile(r"<svg .*?</svg>", re.S)


def text_of(page: str) -> str:
    """The page's words as a reader meets them: tags dropped, whitespace collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def section(page: str, start_marker: str, end_marker: str = "<section") -> str:
    """The part of the page from `start_marker` up to the next `end_marker`."""
    return page.split(start_marker, 1)[1].split(end_marker, 1)[0]


def svgs(page: str) -> list[ET.Element]:
    """Every inline chart, parsed as XML (fails the test when one is not well-formed)."""
    return [ET.fromstring(match) for match in SVG.findall(page)]


def post_actions(page: str) -> set[str]:
    return set(POST_FORM.findall(page))


def grow(world, count: int, prefix: str = "extra") -> list[int]:
    """Add `count` opgaven to theme 2, each with a new partner, an engagement, three markers
    and three months of journals: more data of every kind the dashboard reads."""
    opgave_ids = []
    for index in range(count):
        name = f"{prefix} {index}"
        opgave = Opgave(theme_id=world.theme2_id, title=f"Opgave {name}")
        partner = Partner(programme_id=world.programme_id, name=f"Partner {name}")
        db.session.add_all([opgave, partner])
        db.session.flush()
        engagement = Engagement(partner=partner, opgave=opgave, start_date=date(2026, 1, 1))
        db.session.add(engagement)
        markers = [
            ProgressMarker(
                engagement=engagement, tier=tier, text=tier.value, first_period="2026-01"
            )
            for tier in (Tier.expect, Tier.like, Tier.love)
        ]
        db.session.add_all(markers)
        db.session.flush()
        for step, period in enumerate(("2026-08", "2026-09", "2026-10")):
            entry = JournalEntry(engagement=engagement, period=period)
            db.session.add(entry)
            db.session.flush()
            for marker in markers:
                db.session.add(MarkerRating(entry=entry, marker=marker, level=min(3, step + 1)))
        db.session.flush()
        opgave_ids.append(opgave.id)
    return opgave_ids
