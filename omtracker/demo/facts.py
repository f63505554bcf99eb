"""Load the facts of the Asser Sportakkoord from the programme's own documents (data/*.json).

Nothing here is invented: every record carries its source as `document-key:line-range`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from omtracker.extensions import db
from omtracker.models import (
    BuildingBlock,
    Indicator,
    IndicatorArea,
    IndicatorValue,
    NationalTheme,
    Opgave,
    OpgaveStatus,
    Partner,
    PartnerType,
    Programme,
    Theme,
    ThemeNationalTheme,
)
from omtracker.models.enums import NATIONAL_THEME_ORDER

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "assen-sportakkoord.json"

# Document organisation types → registry types; first matching keyword wins.
TYPE_KEYWORDS: list[tuple[str, PartnerType]] = [
    ("sportclub", PartnerType.club),
    ("sportverenigingen", PartnerType.club),
    ("kennisinstituut", PartnerType.knowledge_institute),
    ("onderwijs", PartnerType.school),
    ("opleiding", PartnerType.school),
    ("schoolsport", PartnerType.school),
    ("zorg", PartnerType.care),
    ("welzijn", PartnerType.welfare),
    ("samenwerkingsverband (gemeente", PartnerType.welfare),
    ("coalitie", PartnerType.welfare),
    ("netwerk", PartnerType.welfare),
    ("maatschappelijk", PartnerType.welfare),
    ("jeugd", PartnerType.welfare),
    ("gemeente", PartnerType.municipality),
    ("provinciale overheid", PartnerType.municipality),
    ("werk en inkomen", PartnerType.municipality),
    ("landelijke", PartnerType.national_body),
    ("bond", PartnerType.national_body),
    ("bedrijf", PartnerType.company),
    ("commercieel", PartnerType.company),
    ("branche", PartnerType.company),
    ("ondernemers", PartnerType.company),
    ("horeca", PartnerType.company),
]

AREA = {
    "Assen": (IndicatorArea.municipality, "Assen"),
    "NL": (IndicatorArea.country, "Nederland"),
    "Drenthe": (IndicatorArea.province, "Drenthe"),
    "benchmark gemeente": (IndicatorArea.benchmark, "Benchmarkgemeente"),
}


@lru_cache(maxsize=1)
def documents() -> dict[str, Any]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


# The Assen-to-Sportakkoord II crosswalk is the data digest author's INTERPRETATION, not stated
# in the documents (its own note says so): every theme linked through it carries this note.
CROSSWALK_NOTE = (
    "Landelijke thema’s: interpretatie uit de data "
    "(theme_crosswalk_asa_to_saii_interpretation), niet vastgelegd in de documenten"
)


def national_theme_key(name: str) -> str:
    """'Inclusie & Diversiteit' and 'Inclusie en diversiteit' name the same national theme."""
    words = re.sub(r"[^a-z ]", " ", name.lower().replace("&", " en ")).split()
    return " ".join(w for w in words if w != "een")


@lru_cache(maxsize=1)
def national_themes_by_key() -> dict[str, NationalTheme]:
    """The werkplan's six themes (numbered 1-6 in the data) by their normalised Dutch name."""
    return {
        national_theme_key(t["name_nl"]): NATIONAL_THEME_ORDER[t["number"] - 1]
        for t in documents()["saii_themes"]
    }


@lru_cache(maxsize=1)
def assen_national_themes() -> dict[int, tuple[NationalTheme, ...]]:
    """Assen's theme number → the national themes the crosswalk links it to (theme 6: none)."""
    by_key = national_themes_by_key()
    out: dict[int, tuple[NationalTheme, ...]] = {}
    for link in documents()["theme_crosswalk_asa_to_saii_interpretation"]["mapping"]:
        names = [n for n in (link.get("saii_theme_nl") or "").split(";") if n.strip()]
        out[link["asa_theme"]] = tuple(by_key[national_theme_key(n)] for n in names)
    return out


def with_crosswalk_note(source_note: str | None, linked: bool) -> str | None:
    if not linked:
        return source_note
    return f"{source_note}; {CROSSWALK_NOTE}" if source_note else CROSSWALK_NOTE


def partner_type(doc_type: str) -> PartnerType:
    lowered = doc_type.lower()
    for keyword, mapped in TYPE_KEYWORDS:
        if keyword in lowered:
            return mapped
    return PartnerType.other


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def load_programme() -> Programme:
    doc = documents()["programme"]
    programme = Programme(
        slug="assen",
        name=doc["name_nl"],
        operating_name=doc["operating_name"],
        municipality="Assen",
        ambition=doc["ambition_nl"],
        mission=doc["ambition_short_nl"],
        website=doc["website"]["url"],
        source_note=f"{doc['source_name']}; {doc['source_ambition']}",
        is_demo=True,
    )
    db.session.add(programme)
    db.session.flush()
    return programme


def load_themes(programme: Programme) -> list[Theme]:
    themes = []
    for t in documents()["themes"]:
        theme = Theme(
            programme=programme,
            number=t["number"],
            name=t["name_nl"],
            name_en=t["name_en"],
            building_block=BuildingBlock(t["building_block"]),
            description="\n".join(f"- {_capitalise(f)}" for f in t["focus_in_000_nl"]),
            source_note=with_crosswalk_note(
                t["source"], bool(assen_national_themes().get(t["number"]))
            ),
            national_links=[
                ThemeNationalTheme(national_theme=n)
                for n in assen_national_themes().get(t["number"], ())
            ],
        )
        themes.append(theme)
    db.session.add_all(themes)
    db.session.flush()
    return themes


def load_opgaven(themes: list[Theme]) -> list[Opgave]:
    """Opgaven drawn from each theme's focus as the koersdocument names it."""
    by_number = {t["number"]: t for t in documents()["themes"]}
    opgaven = []
    for theme in themes:
        doc = by_number[theme.number]
        for focus in doc["focus_in_000_nl"]:
            if focus.lower().startswith("overlap"):
                continue  # a remark about the theme group itself, not a challenge
            opgaven.append(
                Opgave(
                    theme=theme,
                    title=_capitalise(focus)[:200],
                    description=f"Focus van het thema volgens het koersdocument: {focus}.",
                    status=OpgaveStatus.active,
                    source_note=doc["source"],
                )
            )
    db.session.add_all(opgaven)
    db.session.flush()
    return opgaven


def load_partners(programme: Programme) -> list[Partner]:
    partners = []
    seen: set[str] = set()
    for org in documents()["organisations"]:
        if not org.get("boundary_partner_candidate") or org["name"] in seen:
            continue
        seen.add(org["name"])
        partners.append(
            Partner(
                programme=programme,
                name=org["name"][:200],
                type=partner_type(org["type"]),
                # The documents' digest summarises each organisation in English only; it is kept
                # with the source, labelled, rather than shown as a Dutch description.
                description="",
                source_note=(
                    f"type in documenten: {org['type']}; {org['mentioned_in']}"
                    + (
                        f". Samenvatting (Engels): {org['context_en']}"
                        if org.get("context_en")
                        else ""
                    )
                ),
            )
        )
    db.session.add_all(partners)
    db.session.flush()
    return partners


def load_indicators(programme: Programme) -> list[Indicator]:
    indicators: dict[str, Indicator] = {}
    for item in documents()["indicators"]:
        indicator = indicators.get(item["name_nl"])
        if indicator is None:
            indicator = Indicator(
                programme=programme,
                name=item["name_nl"][:200],
                name_en=(item.get("name_en") or "")[:200],
                unit=(item.get("unit") or "")[:40],
                category=(item.get("category") or "")[:40],
                description=item.get("note") or "",
            )
            indicators[item["name_nl"]] = indicator
        area, area_name = AREA.get(item["area"], (IndicatorArea.municipality, item["area"]))
        raw = item.get("value")
        number = float(raw) if isinstance(raw, int | float) else None
        text = "" if number is not None else str(raw if raw is not None else "onbekend")
        if number is None and item.get("value_min") is not None:
            text = f"{item['value_min']}–{item['value_max']}"
        source = item["source"] + (f" ({item['source_org']})" if item.get("source_org") else "")
        indicator.values.append(
            IndicatorValue(
                year=item.get("year"),
                area=area,
                area_name=area_name,
                value=number,
                value_text=text[:120],
                source=source,
                note=item.get("note") or "",
            )
        )
    db.session.add_all(indicators.values())
    db.session.flush()
    return list(indicators.values())
