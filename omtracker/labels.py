"""Translated display labels for the domain's closed vocabularies, used by templates and forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from omtracker.models.enums import (
    BuildingBlock,
    IndicatorArea,
    Level,
    MembershipRole,
    OpgaveStatus,
    PartnerType,
    Rag,
    RelationType,
    Role,
    StrategyType,
    Tier,
)

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
    StrategyType.e1: _l("E-1 Causaal"),
    StrategyType.e2: _l("E-2 Overtuigend"),
    StrategyType.e3: _l("E-3 Ondersteunend"),
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

# Evidence strength of a journal entry (omtracker.evidence), weak to strong.
EVIDENCE_STRENGTH = {
    "none": _l("geen bewijs"),
    "described": _l("beschreven"),
    "document": _l("document of link"),
    "confirmed": _l("bevestigd door de partner"),
}
