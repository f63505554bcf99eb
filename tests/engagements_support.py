"""Extra data for the engagement tests, built inside each test's rolled-back transaction."""

from __future__ import annotations

from datetime import date

from omtracker import audit
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
from omtracker.periods import add_months
from tests.factories import World


def theme2_engagement(world: World) -> tuple[int, int]:
    """An engagement in theme 2 (led by trekker2) with one marker: (engagement id, marker id)."""
    with audit.suspended():
        engagement = Engagement(
            partner_id=world.partner_ids["school"],
            opgave_id=world.opgave2_id,
            start_date=date(2026, 3, 1),
            outcome_challenge="De school opent het schoolplein na schooltijd.",
        )
        marker = ProgressMarker(
            engagement=engagement,
            tier=Tier.expect,
            position=0,
            text="School overlegt met de buurt",
            first_period="2026-03",
        )
        db.session.add_all([engagement, marker])
        db.session.flush()
        return engagement.id, marker.id


def other_programme_engagement(world: World) -> tuple[int, int]:
    """An engagement of the other programme: (engagement id, marker id)."""
    with audit.suspended():
        engagement = Engagement(
            partner_id=world.partner_ids["elders"],
            opgave_id=world.other_opgave_id,
            start_date=date(2026, 1, 1),
            outcome_challenge="Elders.",
        )
        marker = ProgressMarker(
            engagement=engagement,
            tier=Tier.like,
            position=0,
            text="Elders gebeurt iets",
            first_period="2026-01",
        )
        db.session.add_all([engagement, marker])
        db.session.flush()
        return engagement.id, marker.id


def ladder(
    world: World, markers: int, months: int, *, end: str = "2026-10", partner: str = "welzijn"
) -> int:
    """An engagement with `markers` markers over the tiers, each rated in `months` journals."""
    tiers = [Tier.expect, Tier.like, Tier.love]
    with audit.suspended():
        opgave = db.session.get(Opgave, world.opgave1_id)
        first = add_months(end, -(months - 1))
        engagement = Engagement(
            partner=db.session.get(Partner, world.partner_ids[partner]),
            opgave=opgave,
            start_date=date(int(first[:4]), int(first[5:]), 1),
            outcome_challenge="Welzijn verwijst kinderen door naar de clubs.",
        )
        db.session.add(engagement)
        rows = [
            ProgressMarker(
                engagement=engagement,
                tier=tiers[i % 3],
                position=i // 3,
                text=f"Markering {i + 1}",
                first_period=first,
                # every fifth marker is retired halfway, so the retired table is exercised too
                retired_period=add_months(first, months // 2) if i % 5 == 4 else None,
            )
            for i in range(markers)
        ]
        db.session.add_all(rows)
        db.session.flush()
        for m in range(months):
            entry = JournalEntry(
                engagement=engagement,
                period=add_months(first, m),
                change_description=f"Maand {m + 1}",
                highlight=m % 4 == 0,
            )
            db.session.add(entry)
            db.session.flush()
            db.session.add_all(
                MarkerRating(
                    entry_id=entry.id,
                    marker_id=row.id,
                    period=entry.period,
                    level=(m + i) % 4,
                    note=f"Toelichting {m + 1}" if i == 0 else "",
                )
                for i, row in enumerate(rows)
            )
        db.session.flush()
        return engagement.id
