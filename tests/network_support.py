"""A small network on top of the test world whose answers are known, for the network tests.

Programme "testprog" after `build_network(world)`, seen in 2026-10:

    themes    t1 Jong geleerd (software) – o1 Beweegdiploma
              t2 Sportparken (hardware)  – o2 Sportpark overdag
              t3 Samen sterk (orgware)   – o3 Buurtnetwerk
    club      engaged in o1 (since 2026-01, entries 2026-04, -09, -10) and o2 (no entries)
              → bridges software and hardware; t1 and t2 share it
    school    engaged in o1 (since 2026-01, one entry 2026-05) → dormant in 2026-10
    welzijn   engaged in o3 (since 2026-03, entry 2026-10 naming school)
    eenling   in the registry, nothing else → isolated
    relation  club–school (cooperation), recorded 2026-09-15
    mentions  2026-04 club's entry names welzijn; 2026-10 welzijn's entry names school

Between 2026-05 and 2026-10 with a three-month window: new links club–school (relation) and
school–welzijn (co-mention); lost link club–welzijn (co-mention); school became dormant;
welzijn became active (it was dormant in 2026-05: engaged since March, no entry yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalContributor,
    JournalEntry,
    Opgave,
    Partner,
    PartnerRelation,
    PartnerType,
    RelationType,
    Theme,
)


@dataclass
class KnownNetwork:
    theme3_id: int
    opgave3_id: int
    partners: dict[str, int]
    engagements: dict[str, int]

    def p(self, key: str) -> str:
        return f"p{self.partners[key]}"


def entry(engagement: Engagement | int, period: str, names: list[int] = ()) -> JournalEntry:
    engagement_id = engagement if isinstance(engagement, int) else engagement.id
    item = JournalEntry(engagement_id=engagement_id, period=period, change_description="x")
    db.session.add(item)
    db.session.flush()
    for partner_id in names:
        db.session.add(JournalContributor(entry_id=item.id, partner_id=partner_id))
    db.session.flush()
    return item


def engage(partner_id: int, opgave_id: int, start: date) -> Engagement:
    engagement = Engagement(partner_id=partner_id, opgave_id=opgave_id, start_date=start)
    db.session.add(engagement)
    db.session.flush()
    return engagement


def build_network(world) -> KnownNetwork:  # noqa: ANN001
    with audit.suspended():
        t3 = Theme(
            programme_id=world.programme_id,
            number=3,
            name="Samen sterk",
            building_block=BuildingBlock.orgware,
        )
        db.session.add(t3)
        db.session.flush()
        o3 = Opgave(theme_id=t3.id, title="Buurtnetwerk")
        eenling = Partner(programme_id=world.programme_id, name="Eenling", type=PartnerType.other)
        db.session.add_all([o3, eenling])
        db.session.flush()
        ids = dict(world.partner_ids) | {"eenling": eenling.id}
        club_o2 = engage(ids["club"], world.opgave2_id, date(2026, 1, 1))
        school_o1 = engage(ids["school"], world.opgave1_id, date(2026, 1, 1))
        welzijn_o3 = engage(ids["welzijn"], o3.id, date(2026, 3, 1))
        entry(world.engagement1_id, "2026-04", [ids["welzijn"]])
        entry(school_o1, "2026-05")
        entry(welzijn_o3, "2026-10", [ids["school"]])
        db.session.add(
            PartnerRelation(
                programme_id=world.programme_id,
                source_partner_id=ids["club"],
                target_partner_id=ids["school"],
                type=RelationType.cooperation,
                created_at=datetime(2026, 9, 15, 10, 0),
            )
        )
        db.session.flush()
    return KnownNetwork(
        theme3_id=t3.id,
        opgave3_id=o3.id,
        partners=ids,
        engagements={
            "club_o1": world.engagement1_id,
            "club_o2": club_o2.id,
            "school_o1": school_o1.id,
            "welzijn_o3": welzijn_o3.id,
        },
    )


def grow(world, known: KnownNetwork, extra: int) -> None:  # noqa: ANN001
    """More partners, engagements, entries, mentions and relations, for query-count tests."""
    with audit.suspended():
        previous = None
        for n in range(extra):
            partner = Partner(programme_id=world.programme_id, name=f"Extra partner {n}")
            db.session.add(partner)
            db.session.flush()
            engagement = engage(partner.id, world.opgave2_id, date(2026, 2, 1))
            entry(engagement, "2026-09", [known.partners["club"]])
            entry(engagement, "2026-10", [known.partners["school"], known.partners["welzijn"]])
            if previous is not None:
                db.session.add(
                    PartnerRelation(
                        programme_id=world.programme_id,
                        source_partner_id=previous,
                        target_partner_id=partner.id,
                        type=RelationType.referral,
                    )
                )
            previous = partner.id
        db.session.flush()
