"""Translated display labels for the domain's closed vocabularies, used by templates and forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from omtracker.models.enums import (
    BuildingBlock,
    IndicatorArea,
    Level,
    MembershipRole,
    NationalTheme,
    NetworkKind,
    OpgaveStatus,
    PartnerType,
    Rag,
    RelationType,
    Role,
    StrategyType,
    Tier,
)
from omtracker.models.outcome_mapping import Practice

BUILDING_BLOCK = {
    BuildingBlock.hardware: _l("Hardware"),
    BuildingBlock.orgware: _l("Orgware"),
    BuildingBlock.software: _l("Software"),
}
BUILDING_BLOCK_DESCRIPTION = {
    BuildingBlock.hardware: _l("Accommodaties en een sportieve, beweegvriendelijke omgeving"),
    BuildingBlock.orgware: _l("De organisaties: vitale aanbieders, kader en samenwerking"),
    BuildingBlock.software: _l("Het aanbod: programma's, opgeleid kader, gerichte interventies"),
}
BUILDING_BLOCK_ORDER = (BuildingBlock.hardware, BuildingBlock.orgware, BuildingBlock.software)

# The names of the Werkplan Sportakkoord II (data: saii_themes).
NATIONAL_THEME = {
    NationalTheme.inclusion: _l("Inclusie en diversiteit"),
    NationalTheme.safe_sport: _l("Een sociaal veilige sport"),
    NationalTheme.vital_providers: _l("Vitale sportaanbieders"),
    NationalTheme.movement_skills: _l("Vaardig in bewegen"),
    NationalTheme.space: _l("Ruimte voor sport en bewegen"),
    NationalTheme.elite_sport: _l("Maatschappelijke waarde van topsport"),
}
NETWORK_KIND = {
    NetworkKind.national: _l("Landelijke monitor"),
    NetworkKind.regional: _l("Regionaal sportbureau"),
}

ROLE = {
    Role.admin: _l("Beheerder"),
    Role.coordinator: _l("Programmaregisseur"),
    Role.board: _l("Bestuur"),
    Role.user: _l("Gebruiker"),
}
MEMBERSHIP_ROLE = {MembershipRole.lead: _l("Thematrekker"), MembershipRole.member: _l("Lid")}
OPGAVE_STATUS = {
    OpgaveStatus.draft: _l("Concept"),
    OpgaveStatus.active: _l("Actief"),
    OpgaveStatus.closed: _l("Afgesloten"),
}
PARTNER_TYPE = {
    PartnerType.club: _l("Sportvereniging"),
    PartnerType.school: _l("Onderwijs"),
    PartnerType.welfare: _l("Welzijn"),
    PartnerType.care: _l("Zorg"),
    PartnerType.municipality: _l("Gemeente"),
    PartnerType.coach: _l("Buurtsportcoach"),
    PartnerType.company: _l("Bedrijf"),
    PartnerType.national_body: _l("Landelijke organisatie"),
    PartnerType.knowledge_institute: _l("Kennisinstituut"),
    PartnerType.other: _l("Overig"),
}
TIER = {
    Tier.expect: _l("Verwacht te zien"),
    Tier.like: _l("Graag te zien"),
    Tier.love: _l("Prachtig om te zien"),
}
TIER_SHORT = {Tier.expect: _l("Verwacht"), Tier.like: _l("Graag"), Tier.love: _l("Prachtig")}
LEVEL = {
    Level.none: _l("Geen"),
    Level.low: _l("Laag"),
    Level.medium: _l("Gemiddeld"),
    Level.high: _l("Hoog"),
}
STRATEGY_TYPE = {
    StrategyType.i1: _l("I-1 Causaal"),
    StrategyType.i2: _l("I-2 Overtuigend"),
    StrategyType.i3: _l("I-3 Ondersteunend"),
    StrategyType.e1: _l("E-1 Omgeving veranderen (fysiek of beleid)"),
    StrategyType.e2: _l("E-2 Informatie verspreiden"),
    StrategyType.e3: _l("E-3 Netwerken van gelijken versterken"),
}
RAG = {
    Rag.on_track: _l("Op koers"),
    Rag.attention: _l("Aandacht nodig"),
    Rag.off_track: _l("Niet op koers"),
}
RAG_CLASS = {Rag.on_track: "success", Rag.attention: "warning", Rag.off_track: "danger"}
RELATION_TYPE = {
    RelationType.cooperation: _l("Samenwerking"),
    RelationType.referral: _l("Doorverwijzing"),
    RelationType.funding: _l("Financiering"),
    RelationType.shared_facility: _l("Gedeelde accommodatie"),
}
INDICATOR_AREA = {
    IndicatorArea.municipality: _l("Gemeente"),
    IndicatorArea.neighbourhood: _l("Wijk"),
    IndicatorArea.province: _l("Provincie"),
    IndicatorArea.country: _l("Nederland"),
    IndicatorArea.benchmark: _l("Benchmarkgemeente"),
}
# Indicator.category is free text; these are the kinds the programme documents use.
INDICATOR_CATEGORY = {
    "outcome": _l("Uitkomst: sport, bewegen en gezondheid"),
    "facility": _l("Accommodaties en omgeving"),
    "programme": _l("Programma en netwerk"),
    "input": _l("Middelen en inzet"),
    "value_of_sport": _l("Waarde van sport"),
    "context": _l("Context"),
}
STAGE = {
    "not_started": _l("Nog niet gestart"),
    "expect": _l("Verwacht bereikt"),
    "like": _l("Graag bereikt"),
    "love": _l("Prachtig bereikt"),
}
# How often a partner's outcome journal is due (Engagement.monitoring_frequency_months).
MONITORING_FREQUENCY = {
    1: _l("Elke maand"),
    2: _l("Elke 2 maanden"),
    3: _l("Elk kwartaal (3 maanden)"),
    6: _l("Elk halfjaar (6 maanden)"),
}
EXAMPLE_DATA = _l("Voorbeelddata")

# The eight organisational practices of Outcome Mapping (step 7), in the manual's order; the
# English names are those of the issue (#15), shortened from the IDRC manual.
PRACTICE = {
    Practice.prospecting: _l("Op zoek gaan naar nieuwe ideeën"),
    Practice.feedback: _l("Feedback vragen van sleutelinformanten"),
    Practice.support: _l("Steun verwerven van het naasthogere gezag"),
    Practice.redesign: _l("Producten beoordelen en herontwerpen"),
    Practice.follow_up: _l("Nagaan hoe het gaat met wie al bediend is"),
    Practice.sharing: _l("De beste kennis delen"),
    Practice.experimenting: _l("Experimenteren"),
    Practice.reflection: _l("Reflecteren als organisatie"),
}
# How well a practice was followed in the period (the performance journal's rating).
PRACTICE_RATING = {
    0: _l("Niet gevolgd"),
    1: _l("Laag"),
    2: _l("Gemiddeld"),
    3: _l("Hoog"),
}
PERFORMANCE_RHYTHM = {1: _l("Elke maand"), 3: _l("Elk kwartaal")}
# Outcome Mapping words in plain Dutch, explained where they appear (reports, dashboard).
GLOSSARY = {
    "uitkomstuitdaging": (
        _l("Uitkomstuitdaging"),
        _l(
            "De samenwerking met één partner binnen één opgave: welk gedrag we bij die partner "
            "willen zien als de opgave slaagt."
        ),
    ),
    "markering": (
        _l("Voortgangsmarkering"),
        _l(
            "Een concreet teken van verandering bij een partner, van ‘verwacht te zien’ (eerste "
            "stappen) via ‘graag te zien’ tot ‘prachtig om te zien’ (diepe verandering)."
        ),
    ),
    "bereikt": (
        _l("Bereikt"),
        _l(
            "Een markering is bereikt als de thematrekker het niveau gemiddeld of hoog ziet. Dit "
            "is een afspraak van omtracker, geen regel van Outcome Mapping."
        ),
    ),
    "dekking": (
        _l("Logboekdekking"),
        _l(
            "Hoeveel van de uitkomstuitdagingen die deze maand aan de beurt waren een logboek "
            "kregen: het logboek is de maandelijkse notitie van wat er bij de partner veranderde."
        ),
    ),
    "beweging": (
        _l("Beweging"),
        _l(
            "Hoeveel markeringen sinds vorige maand een hoger of lager niveau kregen, en hoeveel "
            "gelijk bleven."
        ),
    ),
    "te_laat": (
        _l("Te laat"),
        _l(
            "Het laatste logboek is ouder dan de afgesproken frequentie plus 14 dagen; de "
            "thematrekker is eigenaar."
        ),
    ),
    "stil": (
        _l("Stille partner"),
        _l("Een actieve partner zonder logboek in de laatste drie maanden."),
    ),
    "status": (
        _l("Status van de thematrekker"),
        _l(
            "Elke maand zegt de thematrekker of het thema op koers is, aandacht nodig heeft of "
            "niet op koers is, met een korte toelichting."
        ),
    ),
    "controlegetal": (
        _l("Controlegetal"),
        _l(
            "Een vingerafdruk (SHA-256) van het gepubliceerde rapport: verandert er later ook "
            "maar één teken, dan klopt het controlegetal niet meer."
        ),
    ),
}
# Evidence strength of a journal entry (omtracker.evidence), weak to strong.
EVIDENCE_STRENGTH = {
    "none": _l("geen bewijs"),
    "described": _l("beschreven"),
    "document": _l("document of link"),
    "confirmed": _l("bevestigd door de partner"),
}
