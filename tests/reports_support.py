"""Extra data for the report tests, built inside each test's rolled-back transaction.

On top of the shared world (see tests/test_metrics.py for its hand-worked numbers): theme 1
"on track" and theme 2 "off track" in 2026-10, the October journal of engagement 1 highlighted,
and one key indicator with a municipal and a national value.
"""

from __future__ import annotations

from datetime import date

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    Indicator,
    IndicatorArea,
    IndicatorValue,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    PartnerType,
    ProgressMarker,
    Rag,
    Theme,
    ThemeStatus,
    Tier,
)
from omtracker.periods import add_months, period_range
from tests.factories import World

PERIOD = "2026-10"


def add_report_data(world: World) -> None:
    with audit.suspended():
        db.session.add_all(
            [
                ThemeStatus(
                    theme_id=world.theme1_id, period=PERIOD, rag=Rag.on_track, text="Loopt goed."
                ),
                ThemeStatus(
                    theme_id=world.theme2_id,
                    period=PERIOD,
                    rag=Rag.off_track,
                    text="Geen trekker beschikbaar.",
                ),
            ]
        )
        entry = db.session.get(JournalEntry, world.entry_ids[PERIOD])
        entry.highlight = True
        indicator = Indicator(
            programme_id=world.programme_id,
            name="Wekelijkse sportdeelname",
            unit="%",
            category="outcome",
            baseline_value=45,
            baseline_year=2020,
            target_value=55,
            target_year=2030,
        )
        indicator.values = [
            IndicatorValue(
                year=2020,
                area=IndicatorArea.municipality,
                area_name="Test",
                value=45,
                source="GGD-monitor 2020",
            ),
            IndicatorValue(
                year=2022,
                area=IndicatorArea.country,
                area_name="Nederland",
                value=53,
                source="CBS 2022",
            ),
            IndicatorValue(
                year=2030,
                area=IndicatorArea.municipality,
                area_name="Test",
                value=99,
                source="toekomst",
            ),
        ]
        db.session.add(indicator)
        db.session.flush()


def grow(world: World, engagements: int, months: int = 12, markers: int = 6) -> None:
    """More of everything in theme 2: partners, engagements, markers, journals, highlights."""
    tiers = [Tier.expect, Tier.like, Tier.love]
    theme = db.session.get(Theme, world.theme2_id)
    with audit.suspended():
        for number in range(engagements):
            partner = Partner(
                programme_id=world.programme_id,
                name=f"Groeipartner {number}",
                type=PartnerType.club,
            )
            opgave = Opgave(theme=theme, title=f"Groei-opgave {number}")
            start = add_months(PERIOD, -(months - 1))
            engagement = Engagement(
                partner=partner,
                opgave=opgave,
                start_date=date(int(start[:4]), int(start[5:]), 1),
            )
            ladder = [
                ProgressMarker(
                    engagement=engagement,
                    tier=tiers[i % 3],
                    position=i,
                    text=f"Markering {i}",
                    first_period=start,
                )
                for i in range(markers)
            ]
            db.session.add_all([partner, opgave, engagement, *ladder])
            db.session.flush()
            for index, period in enumerate(period_range(start, PERIOD)):
                entry = JournalEntry(
                    engagement=engagement,
                    period=period,
                    change_description=f"Maand {index}",
                    highlight=index % 4 == 0 or period == PERIOD,
                    lessons="Vroeg beginnen.",
                )
                db.session.add(entry)
                db.session.flush()
                db.session.add_all(
                    MarkerRating(entry_id=entry.id, marker_id=m.id, level=(index + i) % 4)
                    for i, m in enumerate(ladder)
                )
        # A quiet partner: engaged for a year, never written about.
        quiet = Partner(programme_id=world.programme_id, name="Stille Club", type=PartnerType.club)
        db.session.add_all(
            [
                quiet,
                Engagement(partner=quiet, opgave_id=world.opgave2_id, start_date=date(2025, 10, 1)),
            ]
        )
        db.session.flush()
