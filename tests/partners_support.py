"""Extra data for the partner registry tests, built inside each test's rolled-back transaction."""

from __future__ import annotations

from datetime import date

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    Partner,
    PartnerRelation,
    PartnerType,
    RelationType,
)


def add_partner(programme_id: int, name: str, **values) -> Partner:  # noqa: ANN003
    partner = Partner(programme_id=programme_id, name=name, **values)
    db.session.add(partner)
    db.session.flush()
    return partner


def engage(partner: Partner, opgave_id: int, start: date = date(2026, 1, 1)) -> Engagement:
    engagement = Engagement(
        partner=partner,
        opgave_id=opgave_id,
        start_date=start,
        outcome_challenge=f"{partner.name} doet mee.",
    )
    db.session.add(engagement)
    db.session.flush()
    return engagement


def write_entry(
    engagement: Engagement, period: str, text: str = "Verandering gezien."
) -> JournalEntry:
    entry = JournalEntry(engagement=engagement, period=period, change_description=text)
    db.session.add(entry)
    db.session.flush()
    return entry


def mention(entry: JournalEntry, partner: Partner) -> JournalContributor:
    row = JournalContributor(entry_id=entry.id, partner_id=partner.id)
    db.session.add(row)
    db.session.flush()
    return row


def relate(
    source: Partner, target: Partner, kind: RelationType = RelationType.cooperation
) -> PartnerRelation:
    relation = PartnerRelation(
        programme_id=source.programme_id,
        source_partner_id=source.id,
        target_partner_id=target.id,
        type=kind,
    )
    db.session.add(relation)
    db.session.flush()
    return relation


def grow_registry(programme_id: int, opgave_id: int, count: int, prefix: str = "Club") -> list:
    """`count` engaged partners, each with a journal entry and a mention of the previous one."""
    partners = []
    previous = None
    for i in range(count):
        partner = add_partner(
            programme_id, f"{prefix} {i:03d}", type=PartnerType.club, wijk=f"Wijk {i % 3}"
        )
        entry = write_entry(engage(partner, opgave_id), "2026-10")
        if previous is not None:
            mention(entry, previous)
            relate(partner, previous)
        partners.append(partner)
        previous = partner
    return partners
