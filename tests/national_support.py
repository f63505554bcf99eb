"""Municipalities made through the new flow, with hand-set ladders, for the national tests."""

from __future__ import annotations

from datetime import date
from itertools import count

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalEntry,
    MarkerRating,
    MonitoringNetwork,
    NationalTheme,
    NetworkKind,
    NetworkProgramme,
    NetworkReader,
    Partner,
    PartnerType,
    Programme,
    ProgressMarker,
    Role,
    Theme,
    ThemeNationalTheme,
    Tier,
)
from omtracker.programmes import services
from tests.factories import make_user

# The Sportakkoord II template's themes, in order, and the national theme each one is.
TEMPLATE_NATIONAL = (
    NationalTheme.inclusion,
    NationalTheme.safe_sport,
    NationalTheme.vital_providers,
    NationalTheme.movement_skills,
    NationalTheme.space,
    NationalTheme.elite_sport,
)
MONTH = "2026-11"
PREVIOUS = "2026-10"
_numbers = count(1)


def municipality(name: str, inhabitants: int | None = 30_000, *, shares: bool = True) -> Programme:
    """A programme from the Sportakkoord II template, its themes mapped to the national ones."""
    made = services.create_programme(
        name=f"Sportakkoord {name}",
        municipality=name,
        inhabitants=inhabitants,
        structure_key="sportakkoord-ii",
    )
    made.programme.shares_with_network = shares
    db.session.flush()
    for theme, national in zip(made.themes, TEMPLATE_NATIONAL, strict=True):
        # The template may already map its themes (then this adds nothing).
        if not db.session.get(ThemeNationalTheme, (theme.id, national)):
            db.session.add(ThemeNationalTheme(theme_id=theme.id, national_theme=national))
    db.session.flush()
    return made.programme


def theme_of(programme: Programme, national: NationalTheme) -> Theme:
    return programme.themes[TEMPLATE_NATIONAL.index(national)]


def engagement(
    programme: Programme,
    national: NationalTheme,
    ladder: dict[Tier, list[int | None]],
    *,
    before: dict[Tier, list[int | None]] | None = None,
    written: bool = True,
) -> Engagement:
    """One engagement under the theme of `national`: a marker per level in `ladder` (None: never
    rated), rated in this month's journal (when `written`) and, with `before`, last month's."""
    theme = theme_of(programme, national)
    partner = Partner(
        programme_id=programme.id, name=f"Partner {next(_numbers)}", type=PartnerType.club
    )
    db.session.add(partner)
    db.session.flush()
    item = Engagement(partner=partner, opgave=theme.opgaven[0], start_date=date(2026, 1, 1))
    db.session.add(item)
    markers = []
    for tier, levels in ladder.items():
        for position, _level in enumerate(levels):
            markers.append(
                ProgressMarker(
                    engagement=item,
                    tier=tier,
                    position=position,
                    text=f"{tier} {position}",
                    first_period="2026-01",
                )
            )
    db.session.add_all(markers)
    db.session.flush()
    for period, levels_by_tier, observed in ((PREVIOUS, before, True), (MONTH, ladder, written)):
        if levels_by_tier is None or (period == MONTH and not written):
            continue
        entry = JournalEntry(engagement=item, period=period, change_description="Iets.")
        db.session.add(entry)
        flat = [level for tier in ladder for level in levels_by_tier.get(tier, [])]
        for marker, level in zip(markers, flat, strict=False):
            if level is not None:
                db.session.add(MarkerRating(entry=entry, marker=marker, level=level))
        entry.observed = observed
    db.session.flush()
    return item


def network(
    name: str, kind: NetworkKind, programmes: list[Programme] = (), reader: str | None = None
) -> MonitoringNetwork:
    item = MonitoringNetwork(name=name, kind=kind)
    db.session.add(item)
    db.session.flush()
    for programme in programmes:
        db.session.add(NetworkProgramme(network_id=item.id, programme_id=programme.id))
    if reader:
        user = make_user(reader, Role.user, None)
        db.session.flush()
        db.session.add(NetworkReader(user_id=user.id, network_id=item.id))
    db.session.flush()
    return item
