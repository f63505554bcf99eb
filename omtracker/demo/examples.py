"""Example content for the demo: outcome challenges, markers, journals, statuses, strategies.

The programme documents say nothing about these, so everything generated here carries
`is_example=True` and the interface labels it "Voorbeelddata". Deterministic: a fixed seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import insert

from omtracker.extensions import db
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    MarkerRating,
    Opgave,
    Partner,
    PartnerRelation,
    ProgressMarker,
    Rag,
    RelationType,
    Strategy,
    StrategyJournalEntry,
    StrategyType,
    Theme,
    ThemeStatus,
    Tier,
    User,
)
from omtracker.periods import add_months, first_day, period_range

EXPECT = [
    "neemt deel aan het overleg van de themagroep",
    "heeft een vast aanspreekpunt voor deze opgave",
    "brengt de eigen activiteiten rond deze opgave in kaart",
    "stelt ruimte of tijd beschikbaar voor een eerste gezamenlijke activiteit",
    "informeert de eigen achterban over het sportakkoord",
]
LIKE = [
    "organiseert samen met een andere partner een activiteit",
    "past het eigen aanbod aan voor een nieuwe doelgroep",
    "verwijst inwoners actief door naar passend sport- en beweegaanbod",
    "zet vrijwilligers of kader in voor de opgave",
    "deelt resultaten en ervaringen in het netwerk",
    "maakt afspraken over gedeeld gebruik van accommodaties",
    "neemt de opgave op in het eigen jaarplan",
    "werft zelf nieuwe deelnemers uit de doelgroep",
]
LOVE = [
    "neemt het initiatief voor nieuwe samenwerkingen in de wijk",
    "borgt de aanpak structureel in de eigen organisatie en begroting",
    "inspireert andere organisaties om de aanpak over te nemen",
    "stuurt op resultaten met eigen monitoringgegevens",
]
CHANGES = [
    "Er is een eerste gezamenlijke activiteit gehouden; de opkomst was hoger dan verwacht.",
    "De partner heeft een vaste contactpersoon aangewezen en sluit aan bij het themaoverleg.",
    "Afspraken over het gebruik van de accommodatie zijn vastgelegd.",
    "Deze maand weinig beweging: de contactpersoon was afwezig.",
    "De partner heeft zelf drie nieuwe deelnemers uit de doelgroep geworven.",
    "De aanpak is besproken in het bestuur van de partner en wordt voortgezet.",
]
FACTORS = [
    "Inzet van de buurtsportcoach en korte lijnen met het programmabureau.",
    "Subsidie uit het lokale sportakkoord maakte de start mogelijk.",
    "Vrijwilligers van de vereniging namen de organisatie op zich.",
    "Samenwerking met de school in de wijk.",
]
EVIDENCE = [
    "Verslag themaoverleg",
    "Deelnemerslijst activiteit",
    "E-mail van de contactpersoon",
    "Foto's en bericht op de website van de partner",
    "Evaluatieformulieren",
]
LESSONS = [
    "Eerder de doelgroep zelf betrekken bij de planning.",
    "Afspraken direct schriftelijk vastleggen.",
    "Meer tijd nemen voor werving via bestaande netwerken.",
    "",
]
UNANTICIPATED = [
    "Een andere vereniging in de wijk vroeg om mee te doen.",
    "De partner biedt nu ook een aanbod voor ouderen aan.",
]
STRATEGIES = {
    StrategyType.i1: "Financiële ondersteuning voor een startactiviteit",
    StrategyType.i2: "Kennissessies voor bestuurders en kader",
    StrategyType.i3: "Maandelijkse begeleiding door een buurtsportcoach",
    StrategyType.e1: "Aanpassing van openingstijden van accommodaties",
    StrategyType.e2: "Communicatiecampagne richting inwoners",
    StrategyType.e3: "Netwerkbijeenkomsten van partners in de wijk",
}
TAKEOFF = {Tier.expect: (0, 4), Tier.like: (4, 11), Tier.love: (10, 22)}


@dataclass
class ExampleSummary:
    engagements: int = 0
    markers: int = 0
    entries: int = 0
    ratings: int = 0


def _short(name: str) -> str:
    return name.split(" (")[0].split(" / ")[0]


def _ladder(
    rng: random.Random, partner: Partner, engagement: Engagement, start: str
) -> list[ProgressMarker]:
    markers = []
    who = _short(partner.name)
    for tier, bank, low, high in (
        (Tier.expect, EXPECT, 3, 5),
        (Tier.like, LIKE, 4, 6),
        (Tier.love, LOVE, 2, 3),
    ):
        for position, phrase in enumerate(rng.sample(bank, rng.randint(low, high))):
            markers.append(
                ProgressMarker(
                    engagement=engagement,
                    tier=tier,
                    position=position,
                    text=f"{who} {phrase}",
                    first_period=start,
                    is_example=True,
                )
            )
    return markers


def load_examples(
    themes: list[Theme],
    opgaven: list[Opgave],
    partners: list[Partner],
    users: dict[str, User],
    end: str,
    months: int,
) -> ExampleSummary:
    rng = random.Random(2026)
    summary = ExampleSummary()
    start = add_months(end, -(months - 1))
    leads = {t.id: users.get(f"trekker{t.number}") for t in themes}
    plan: list[tuple[Engagement, list[ProgressMarker], dict[int, int]]] = []

    for opgave in opgaven:
        for partner in rng.sample(partners, rng.randint(3, 6)):
            first = add_months(start, rng.choice([0, 0, 0, 1, 2, 4, 6]))
            engagement = Engagement(
                partner=partner,
                opgave=opgave,
                start_date=first_day(first),
                is_example=True,
                outcome_challenge=(
                    f"{_short(partner.name)} draagt zichtbaar bij aan ‘{opgave.title}’: "
                    "stemt het eigen aanbod af op de doelgroepen van het thema, werkt samen met "
                    "andere partners en deelt wat werkt."
                ),
            )
            markers = _ladder(rng, partner, engagement, first)
            takeoff = {}
            db.session.add(engagement)
            plan.append((engagement, markers, takeoff))
    db.session.flush()
    for _engagement, markers, takeoff in plan:
        for marker in markers:
            lo, hi = TAKEOFF[marker.tier]
            takeoff[id(marker)] = rng.randint(lo, hi)
        summary.markers += len(markers)
    db.session.flush()
    summary.engagements = len(plan)

    quiet = _quiet_engagements([engagement for engagement, _m, _t in plan], end)
    entries: list[tuple[JournalEntry, list[tuple[ProgressMarker, int]]]] = []
    for engagement, markers, takeoff in plan:
        lead = leads.get(engagement.opgave.theme_id)
        for index, period in enumerate(period_range(engagement.start_period, end)):
            chance = 0.5 if period == end else 0.86
            if rng.random() > chance:
                continue
            skipped = period > quiet.get(id(engagement), end)
            values = dict(
                change_description=rng.choice(CHANGES),
                contributing_factors=rng.choice(FACTORS),
                evidence=rng.choice(EVIDENCE),
                unanticipated_change=rng.choice(UNANTICIPATED) if rng.random() < 0.1 else "",
                lessons=rng.choice(LESSONS),
                highlight=rng.random() < 0.06,
            )
            levels = []
            for marker in markers:
                grown = (index - takeoff[id(marker)]) // 3 + 1 + rng.choice([-1, 0, 0, 0])
                levels.append((marker, max(0, min(3, grown))))
            if skipped:  # the same random draws either way: the rest of the demo stays as it was
                continue
            entry = JournalEntry(
                engagement=engagement,
                period=period,
                is_example=True,
                author_id=lead.id if lead else None,
                **values,
            )
            entries.append((entry, levels))
            db.session.add(entry)
    db.session.flush()

    rating_rows = []
    contributor_rows = []
    partner_ids = [p.id for p in partners]
    for entry, levels in entries:
        for marker, level in levels:
            rating_rows.append(
                {
                    "entry_id": entry.id,
                    "marker_id": marker.id,
                    "level": level,
                    "period": entry.period,
                    "note": "",
                }
            )
        if rng.random() < 0.3:
            other = rng.choice(partner_ids)
            if other != entry.engagement.partner_id:
                contributor_rows.append({"entry_id": entry.id, "partner_id": other})
    db.session.execute(insert(MarkerRating), rating_rows)
    if contributor_rows:
        db.session.execute(insert(JournalContributor), contributor_rows)
    summary.entries = len(entries)
    summary.ratings = len(rating_rows)

    _load_statuses(rng, themes, leads, start, end)
    _load_strategies(rng, opgaven, leads, end)
    _load_relations(rng, partners)
    db.session.flush()
    return summary


QUIET_PARTNERS = 1  # partners that went silent: dormant, their journals overdue
QUIET_EXTRA = 3  # more engagements whose journals stopped two months ago: overdue


def _quiet_engagements(engagements: list[Engagement], end: str) -> dict[int, str]:
    """The demo's problems to show: which engagements stop journaling after which month.

    The partner(s) with the fewest engagements go silent four months before `end` (dormant,
    overdue); a few more engagements stop three months before `end` (overdue journals).
    """
    by_partner: dict[int, list[Engagement]] = {}
    for engagement in engagements:
        by_partner.setdefault(id(engagement.partner), []).append(engagement)
    ranked = sorted(by_partner.values(), key=lambda group: (len(group), group[0].partner.name))
    quiet = {}
    for group in ranked[:QUIET_PARTNERS]:
        for engagement in group:
            quiet[id(engagement)] = add_months(end, -4)
    others = [e for e in engagements if id(e) not in quiet]
    for engagement in others[5 :: max(1, len(others) // QUIET_EXTRA)][:QUIET_EXTRA]:
        quiet[id(engagement)] = add_months(end, -3)
    return quiet


# Last month's verdicts the demo always shows: one theme off track with its reason, two that
# need attention, the others on track.
ON_TRACK_TEXT = "Partners zijn actief; de geplande activiteiten lopen."
SHOWN_STATUS = {
    1: (Rag.on_track, ON_TRACK_TEXT),
    3: (Rag.on_track, ON_TRACK_TEXT),
    5: (Rag.on_track, ON_TRACK_TEXT),
    6: (Rag.attention, "Weinig nieuwe aanmeldingen bij de beweegcoaches; de werving loopt."),
    2: (
        Rag.off_track,
        "Twee clubs zijn afgehaakt en de themagroep mist een trekker voor de wijkaanpak; "
        "bespreken in de regiegroep.",
    ),
    4: (Rag.attention, "Partners reageren traag op de uitnodiging; extra contactmoment gepland."),
}


def _load_statuses(
    rng: random.Random, themes: list[Theme], leads: dict, start: str, end: str
) -> None:
    texts = {
        Rag.on_track: "Partners zijn actief; de geplande activiteiten lopen.",
        Rag.attention: "Twee partners reageren traag; extra contactmoment gepland.",
        Rag.off_track: "De themagroep mist capaciteit; bespreken in de regiegroep.",
    }
    for theme in themes:
        for period in period_range(start, add_months(end, -1)):
            rag = rng.choices(list(Rag), weights=[6, 3, 1])[0]
            text = texts[rag]
            if period == add_months(end, -1) and theme.number in SHOWN_STATUS:
                rag, text = SHOWN_STATUS[theme.number]
            lead = leads.get(theme.id)
            db.session.add(
                ThemeStatus(
                    theme=theme,
                    period=period,
                    rag=rag,
                    text=text,
                    author_id=lead.id if lead else None,
                    is_example=True,
                )
            )


def _load_strategies(rng: random.Random, opgaven: list[Opgave], leads: dict, end: str) -> None:
    for opgave in opgaven:
        for stype in rng.sample(list(StrategyType), rng.randint(2, 4)):
            strategy = Strategy(
                opgave=opgave,
                type=stype,
                title=STRATEGIES[stype],
                description="Voorbeeldstrategie voor deze opgave.",
                is_example=True,
            )
            db.session.add(strategy)
            lead = leads.get(opgave.theme_id)
            for back in (2, 1):
                db.session.add(
                    StrategyJournalEntry(
                        strategy=strategy,
                        period=add_months(end, -back),
                        is_example=True,
                        resources="Uren buurtsportcoach en een klein activiteitenbudget.",
                        activities="Twee bijeenkomsten met partners georganiseerd.",
                        effectiveness="Goede opkomst; vervolgafspraken gemaakt.",
                        outputs="Verslag en actielijst gedeeld.",
                        requirements="Meer inzet van vrijwilligers nodig.",
                        author_id=lead.id if lead else None,
                    )
                )


def _load_relations(rng: random.Random, partners: list[Partner]) -> None:
    seen = set()
    for _ in range(30):
        a, b = rng.sample(partners, 2)
        key = (a.id, b.id)
        if key in seen or (b.id, a.id) in seen:
            continue
        seen.add(key)
        db.session.add(
            PartnerRelation(
                programme_id=a.programme_id,
                source_partner=a,
                target_partner=b,
                type=rng.choice(list(RelationType)),
                note="Voorbeeldrelatie.",
                is_example=True,
            )
        )
