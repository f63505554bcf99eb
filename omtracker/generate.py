"""Deterministic scale data for the tiers of DESIGN.md §5 (`flask generate --tier S|L|XL`).

Each generated programme has the shape of tier S: 6 themes, 20 opgaven, 150 partners shared
across themes, ~300 engagements with 3–5 / 4–8 / 2–4 markers, 48 months of journals whose levels
mostly rise, with gaps, archived engagements, retired markers, partner relations and co-mentions.
L is 20 such programmes, XL 342. Rows go in with bulk Core inserts and explicit ids, so loading
is bounded by the database, not by the ORM. Everything is flagged as example data.
Sizes, national themes, sharing and the monitoring networks come from `generate_national`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from omtracker import generate_national as national
from omtracker.extensions import db
from omtracker.models import (
    BuildingBlock,
    Engagement,
    EngagementState,
    JournalContributor,
    JournalEntry,
    MarkerRating,
    MembershipRole,
    Opgave,
    Partner,
    PartnerRelation,
    PartnerType,
    Programme,
    ProgressMarker,
    Rag,
    RelationType,
    Role,
    Theme,
    ThemeMembership,
    ThemeNationalTheme,
    ThemeStatus,
    Tier,
    User,
)
from omtracker.periods import add_months, first_day, period_range
from omtracker.search import index as search_index

TIERS = {"S": 1, "L": 20, "XL": 342}
BLOCKS = [
    BuildingBlock.software,
    BuildingBlock.software,
    BuildingBlock.orgware,
    BuildingBlock.orgware,
    BuildingBlock.hardware,
    BuildingBlock.software,
]
MARKERS_PER_TIER = {Tier.expect: (3, 5), Tier.like: (5, 8), Tier.love: (2, 4)}
TAKEOFF = {Tier.expect: (0, 6), Tier.like: (6, 20), Tier.love: (18, 40)}
GENERATED_PASSWORD = "omtracker-bench"
# Journal texts are picked from these by the entry's id (not from the seeded random stream, so
# every other generated number stays as it was): a realistic spread of words for the search.
CHANGES = (
    "De vereniging opende de sporthal voor kinderen uit de wijk.",
    "Het zwembad bood extra zwemlessen aan voor kinderen zonder diploma.",
    "De school nam het beweegaanbod op in het lesrooster.",
    "Vrijwilligers van de club volgden een cursus voor trainers.",
    "De buurtsportcoach organiseerde een sportdag met ouderen.",
    "Het welzijnswerk verwees gezinnen naar de sportvereniging.",
    "De gemeente maakte het sportpark overdag open voor bewoners.",
    "De zorgverlener startte een beweeggroep voor mensen met een beperking.",
    "Ouders hielpen mee bij de jeugdtrainingen op zaterdag.",
    "De club schreef een plan voor een toegankelijk clubhuis.",
    "Het café bij de sporthal werd een ontmoetingsplek voor de buurt.",
    "Meer meisjes meldden zich aan bij de voetbalvereniging.",
)
FACTORS = (
    "Het overleg met de buurtsportcoach hielp.",
    "Subsidie van het sportakkoord maakte het mogelijk.",
    "Een enthousiaste vrijwilliger trok de kar.",
    "De samenwerking met de school liep goed.",
    "Er was weinig tijd door de vakantie.",
    "Het bestuur van de vereniging steunde het plan.",
    "De nieuwe trainer bracht energie.",
)


def _journal_texts(entry_id: int) -> dict[str, str]:
    return {
        "change_description": CHANGES[entry_id % len(CHANGES)],
        "contributing_factors": FACTORS[(entry_id * 7) % len(FACTORS)],
    }


CHUNK = 20_000


@dataclass
class Shape:
    themes: int = 6
    opgaven: int = 20
    partners: int = 150
    engagements_per_opgave: int = 15
    months: int = 48
    entry_chance: float = 0.96


@dataclass
class Counts:
    programmes: int = 0
    partners: int = 0
    engagements: int = 0
    markers: int = 0
    entries: int = 0
    ratings: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"{self.programmes} programmes, {self.partners} partners, {self.engagements} "
            f"engagements, {self.markers} markers, {self.entries} journal entries, "
            f"{self.ratings} ratings"
        )


class Ids:
    """Explicit primary keys continuing after what the database already holds."""

    def __init__(self) -> None:
        self.next: dict[type, int] = {}

    def take(self, model: type) -> int:
        if model not in self.next:
            self.next[model] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model: type, rows: list[dict]) -> None:
    connection = db.session.connection()
    for chunk in _chunks(rows):
        connection.execute(insert(model.__table__), chunk)


def generate(
    tier: str = "S",
    end: str = "2026-11",
    seed: int = 5,
    programmes: int | None = None,
    shape: Shape | None = None,
) -> Counts:
    """Add the tier's programmes to the database; the caller commits."""
    shape = shape or Shape()
    count = programmes if programmes is not None else TIERS[tier]
    ids = Ids()
    counts = Counts()
    password_hash = generate_password_hash(GENERATED_PASSWORD)
    existing = db.session.scalar(select(func.count(Programme.id))) or 0
    made = {}
    for number in range(existing + 1, existing + count + 1):
        made[number] = _programme(
            number,
            shape,
            ids,
            counts,
            random.Random(seed * 100_003 + number),
            end,
            password_hash,
            national.national_rng(seed, number),
        )
        counts.programmes += 1
    national.networks(made, ids, password_hash)
    return counts


def _programme(
    number: int,
    shape: Shape,
    ids: Ids,
    counts: Counts,
    rng: random.Random,
    end: str,
    password_hash: str,
    national_rng: random.Random,
) -> int:
    start = add_months(end, -(shape.months - 1))
    pid = ids.take(Programme)
    _insert(
        Programme,
        [
            {
                "id": pid,
                "slug": f"gen-{number}",
                "name": f"Gemeente {number}",
                "operating_name": f"Sportakkoord {number}",
                "ambition": "",
                "mission": "",
                "is_demo": True,
                "archived": False,
                "version": 1,
                **national.programme_fields(number, national_rng),
            }
        ],
    )
    themes = [
        {
            "id": ids.take(Theme),
            "programme_id": pid,
            "number": n + 1,
            "name": f"Thema {n + 1}",
            "building_block": BLOCKS[n % len(BLOCKS)].value,
            "description": "",
            "archived": False,
            "version": 1,
        }
        for n in range(shape.themes)
    ]
    _insert(Theme, themes)
    _insert(ThemeNationalTheme, national.national_links(themes, national_rng))
    opgaven = [
        {
            "id": ids.take(Opgave),
            "theme_id": themes[n % len(themes)]["id"],
            "title": f"Opgave {n + 1}",
            "description": "",
            "vision": "",
            "work_agreements": "",
            "targets": "",
            "status": "active",
            "archived": n == shape.opgaven - 1 and number % 3 == 0,
            "is_example": True,
            "version": 1,
        }
        for n in range(shape.opgaven)
    ]
    _insert(Opgave, opgaven)
    types = list(PartnerType)
    partners = [
        {
            "id": ids.take(Partner),
            "programme_id": pid,
            "name": f"Partner {number}-{n}",
            "type": types[n % len(types)].value,
            "wijk": f"Wijk {n % 12}",
            "description": "",
            "archived": n % 50 == 49,
            "is_example": True,
            "version": 1,
        }
        for n in range(shape.partners)
    ]
    _insert(Partner, partners)
    counts.partners += len(partners)
    _people(pid, number, themes, ids, password_hash)

    engagements, markers, marker_plan = [], [], {}
    for opgave in opgaven:
        for partner in rng.sample(partners, shape.engagements_per_opgave):
            first = add_months(start, rng.choice([0, 0, 0, 0, 1, 3, 6]))
            eid = ids.take(Engagement)
            engagements.append(
                {
                    "id": eid,
                    "partner_id": partner["id"],
                    "opgave_id": opgave["id"],
                    "outcome_challenge": "Voorbeelduitdaging.",
                    "start_date": first_day(first),
                    "monitoring_frequency_months": rng.choice([1] * 14 + [2, 3]),
                    "active": True,
                    "archived": rng.random() < 0.03,
                    "is_example": True,
                    "version": 1,
                }
            )
            plan = []
            for tier, (low, high) in MARKERS_PER_TIER.items():
                for position in range(rng.randint(low, high)):
                    retired = add_months(first, rng.randint(6, 30)) if rng.random() < 0.04 else None
                    mid = ids.take(ProgressMarker)
                    markers.append(
                        {
                            "id": mid,
                            "engagement_id": eid,
                            "tier": tier.value,
                            "position": position,
                            "text": f"Markering {tier.value} {position + 1}",
                            "first_period": first,
                            "retired_period": retired if retired and retired <= end else None,
                            "is_example": True,
                            "version": 1,
                        }
                    )
                    plan.append(
                        (mid, first, markers[-1]["retired_period"], rng.randint(*TAKEOFF[tier]))
                    )
            marker_plan[eid] = plan
    _insert(Engagement, engagements)
    _insert(EngagementState, _first_states(engagements, opgaven))
    _insert(ProgressMarker, markers)
    counts.engagements += len(engagements)
    counts.markers += len(markers)
    _journals(engagements, marker_plan, partners, shape, ids, counts, rng, end)
    _statuses_and_relations(pid, themes, partners, ids, rng, start, end)
    search_index.rebuild(db.session.connection(), [pid])
    return pid


def _first_states(engagements: list[dict], opgaven: list[dict]) -> list[dict]:
    """Each engagement's state from its start month (DESIGN.md §3a): a bulk insert bypasses
    the hook that writes these for the ORM."""
    archived_opgaven = {o["id"] for o in opgaven if o["archived"]}
    return [
        {
            "engagement_id": e["id"],
            "valid_from": e["start_date"].strftime("%Y-%m"),
            "valid_until": None,
            "status": "archived" if e["archived"] else ("active" if e["active"] else "stopped"),
            "monitoring_frequency_months": e["monitoring_frequency_months"],
            "schedule_from": e["start_date"].strftime("%Y-%m"),
            "hidden": e["opgave_id"] in archived_opgaven,
        }
        for e in engagements
    ]


def _people(pid: int, number: int, themes: list[dict], ids: Ids, password_hash: str) -> None:
    users, memberships = [], []
    for username, role in (
        (f"g{number}-regisseur", Role.coordinator),
        (f"g{number}-bestuur", Role.board),
    ):
        users.append(
            {
                "id": ids.take(User),
                "username": username,
                "display_name": username,
                "password_hash": password_hash,
                "role": role.value,
                "programme_id": pid,
                "is_active_account": True,
                "version": 1,
            }
        )
    for theme in themes:
        for kind, role in (("trekker", MembershipRole.lead), ("lid", MembershipRole.member)):
            uid = ids.take(User)
            users.append(
                {
                    "id": uid,
                    "username": f"g{number}-{kind}{theme['number']}",
                    "display_name": f"{kind} {theme['number']}",
                    "password_hash": password_hash,
                    "role": Role.user.value,
                    "programme_id": pid,
                    "is_active_account": True,
                    "version": 1,
                }
            )
            memberships.append(
                {
                    "id": ids.take(ThemeMembership),
                    "user_id": uid,
                    "theme_id": theme["id"],
                    "role": role.value,
                    "version": 1,
                }
            )
    _insert(User, users)
    _insert(ThemeMembership, memberships)


def _journals(
    engagements: list[dict],
    marker_plan: dict,
    partners: list[dict],
    shape: Shape,
    ids: Ids,
    counts: Counts,
    rng: random.Random,
    end: str,
) -> None:
    entries, ratings, contributors = [], [], []
    partner_ids = [p["id"] for p in partners]
    for engagement in engagements:
        start = engagement["start_date"].strftime("%Y-%m")
        frequency = engagement["monitoring_frequency_months"]
        for index, period in enumerate(period_range(start, end)):
            if index % frequency or rng.random() > shape.entry_chance:
                continue
            entry_id = ids.take(JournalEntry)
            entries.append(
                {
                    "id": entry_id,
                    "engagement_id": engagement["id"],
                    "period": period,
                    **_journal_texts(entry_id),
                    "evidence": "",
                    "unanticipated_change": "",
                    "lessons": "",
                    "highlight": rng.random() < 0.03,
                    "is_example": True,
                    "version": 1,
                }
            )
            for marker_id, first, retired, takeoff in marker_plan[engagement["id"]]:
                if period < first or (retired and period > retired):
                    continue
                level = max(0, min(3, (index - takeoff) // 4 + 1 + rng.choice((-1, 0, 0, 0))))
                ratings.append(
                    {
                        "id": ids.take(MarkerRating),
                        "entry_id": entry_id,
                        "marker_id": marker_id,
                        "period": period,
                        "level": level,
                        "note": "",
                    }
                )
            if rng.random() < 0.2:
                other = rng.choice(partner_ids)
                if other != engagement["partner_id"]:
                    contributors.append(
                        {
                            "id": ids.take(JournalContributor),
                            "entry_id": entry_id,
                            "partner_id": other,
                        }
                    )
    _insert(JournalEntry, entries)
    _insert(MarkerRating, ratings)
    _insert(JournalContributor, contributors)
    counts.entries += len(entries)
    counts.ratings += len(ratings)


def _statuses_and_relations(
    pid: int,
    themes: list[dict],
    partners: list[dict],
    ids: Ids,
    rng: random.Random,
    start: str,
    end: str,
) -> None:
    statuses = [
        {
            "id": ids.take(ThemeStatus),
            "theme_id": theme["id"],
            "period": period,
            "rag": rng.choices([r.value for r in Rag], weights=[6, 3, 1])[0],
            "text": "Voorbeeldstatus.",
            "is_example": True,
            "version": 1,
        }
        for theme in themes
        for period in period_range(start, end)
    ]
    _insert(ThemeStatus, statuses)
    seen, relations = set(), []
    kinds = [k.value for k in RelationType]
    while len(relations) < len(partners) // 2:
        a, b = rng.sample(partners, 2)
        if (a["id"], b["id"]) in seen:
            continue
        seen.add((a["id"], b["id"]))
        relations.append(
            {
                "id": ids.take(PartnerRelation),
                "programme_id": pid,
                "source_partner_id": a["id"],
                "target_partner_id": b["id"],
                "type": rng.choice(kinds),
                "note": "",
                "archived": False,
                "is_example": True,
                "version": 1,
            }
        )
    _insert(PartnerRelation, relations)


def reset_sequences() -> None:
    """PostgreSQL: move each id sequence past the explicit ids the generator inserted."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c:
            db.session.execute(
                select(
                    func.setval(
                        func.pg_get_serial_sequence(table.name, "id"),
                        func.coalesce(select(func.max(table.c.id)).scalar_subquery(), 0) + 1,
                        False,
                    )
                )
            )


__all__ = ["TIERS", "Counts", "Shape", "generate", "reset_sequences"]
