"""Helpers for the journal tests: form payloads, switching users, extra engagements."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import insert

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalEntry,
    MarkerRating,
    Partner,
    PartnerType,
    ProgressMarker,
    Tier,
)
from omtracker.periods import add_months, first_day
from tests.factories import PASSWORD, World

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def journal_url(engagement_id: int, period: str) -> str:
    return f"/uitkomstuitdagingen/{engagement_id}/logboek/{period}"


def switch_to(client: FlaskClient, username: str) -> FlaskClient:
    """Log the shared test client out and in again as someone else."""
    client.post("/logout")
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, f"login as {username} failed"
    return client


def payload(world: World, version: Any = "", **overrides: Any) -> dict[str, Any]:
    """A complete journal submission for engagement 1: two ratings, a contributor, texts."""
    data: dict[str, Any] = {
        "version": version,
        "change_description": "De club hield de eerste beweegles voor kleuters.",
        "contributing_factors": "Buurtsportcoach hielp mee.",
        "evidence": "Verslag op https://example.org/verslag.",
        "unanticipated_change": "Ouders willen zelf ook meedoen.",
        "lessons": "Eerder beginnen met werven.",
        f"level_{world.marker_ids['expect1']}": "3",
        f"note_{world.marker_ids['expect1']}": "Vaste deelnemer.",
        f"level_{world.marker_ids['like1']}": "2",
        "contributors": [str(world.partner_ids["school"])],
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def add_engagement(
    world: World,
    *,
    partner_name: str,
    opgave_id: int | None = None,
    start: str = "2026-01",
    last_entry: str | None = None,
    frequency: int = 1,
) -> int:
    """A further engagement (a new partner) with one marker and optionally one journal entry."""
    with audit.suspended():
        partner = Partner(
            programme_id=world.programme_id, name=partner_name, type=PartnerType.other
        )
        engagement = Engagement(
            partner=partner,
            opgave_id=opgave_id or world.opgave1_id,
            start_date=first_day(start),
            monitoring_frequency_months=frequency,
            outcome_challenge=f"{partner_name} doet mee.",
        )
        marker = ProgressMarker(
            engagement=engagement, tier=Tier.expect, position=0, text="Doet mee", first_period=start
        )
        db.session.add_all([partner, engagement, marker])
        db.session.flush()
        if last_entry:
            db.session.add(JournalEntry(engagement_id=engagement.id, period=last_entry))
        db.session.flush()
        return engagement.id


def big_engagement(world: World, markers: int, months: int, end: str) -> int:
    """An engagement of theme 1 with `markers` markers, each rated in `months` monthly entries."""
    tiers = [Tier.expect, Tier.like, Tier.love]
    first = add_months(end, -(months - 1))
    with audit.suspended():
        partner = Partner(
            programme_id=world.programme_id, name=f"Groot {markers}x{months}", type=PartnerType.club
        )
        engagement = Engagement(
            partner=partner,
            opgave_id=world.opgave1_id,
            start_date=date(int(first[:4]), int(first[5:]), 1),
            outcome_challenge="Veel markeringen.",
        )
        db.session.add_all([partner, engagement])
        db.session.flush()
        ladder = [
            ProgressMarker(
                engagement_id=engagement.id,
                tier=tiers[i % 3],
                position=i,
                text=f"Markering {i}",
                first_period=first,
            )
            for i in range(markers)
        ]
        db.session.add_all(ladder)
        db.session.flush()
        for index in range(months):
            period = add_months(first, index)
            entry = JournalEntry(engagement_id=engagement.id, period=period, change_description=".")
            db.session.add(entry)
            db.session.flush()
            db.session.execute(
                insert(MarkerRating),
                [
                    {
                        "entry_id": entry.id,
                        "marker_id": m.id,
                        "period": period,
                        "level": (index + i) % 4,
                        "note": "",
                    }
                    for i, m in enumerate(ladder)
                ],
            )
        db.session.flush()
        return engagement.id
