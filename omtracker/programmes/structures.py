"""Starting structures for a new programme, drawn from the documents in data/ (nothing invented).

- `sportakkoord-ii`: the six national themes of the Werkplan Sportakkoord II with their
  written-out opgaven (title, context, werkafspraken, doelstellingen, target year). The
  documents give these themes no building block; each is placed under the block of the Assen
  theme the data's crosswalk links it to (an interpretation the data marks as such), and the
  coordinator moves a theme when the municipality sees it otherwise.
- `assen`: the six themes of Assen Sportstad under hardware / orgware / software, with the
  focus points of the koersdocument as opgaven (as the demo loads them).

National themes: a `sportakkoord-ii` theme is its own national theme; an `assen` theme gets the
national themes of the data's crosswalk, which is an interpretation (the data says so, and so
does each such theme's source note); Assen's theme 6 maps to none.
- `leeg`: nothing; the three building blocks exist in every programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from omtracker.demo.facts import (
    assen_national_themes,
    documents,
    national_theme_key,
    national_themes_by_key,
    with_crosswalk_note,
)
from omtracker.models import BuildingBlock, NationalTheme


@dataclass
class OpgaveSpec:
    title: str
    description: str = ""
    work_agreements: str = ""
    targets: str = ""
    target_year: int | None = None
    source_note: str | None = None


@dataclass
class ThemeSpec:
    name: str
    building_block: BuildingBlock
    name_en: str | None = None
    description: str = ""
    source_note: str | None = None
    opgaven: list[OpgaveSpec] = field(default_factory=list)
    national_themes: tuple[NationalTheme, ...] = ()


STRUCTURES = {
    "sportakkoord-ii": _l("Sportakkoord II: de zes landelijke thema’s met hun opgaven"),
    "assen": _l("Assen Sportstad: zes thema’s onder hardware, orgware en software"),
    "leeg": _l("Leeg: alleen de drie bouwstenen"),
}


_key = national_theme_key


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _sportakkoord_ii() -> list[ThemeSpec]:
    doc = documents()
    assen_block = {t["number"]: BuildingBlock(t["building_block"]) for t in doc["themes"]}
    block_of: dict[str, BuildingBlock] = {}
    for link in doc["theme_crosswalk_asa_to_saii_interpretation"]["mapping"]:
        for name in (link.get("saii_theme_nl") or "").split(";"):
            if name.strip():
                block_of[_key(name)] = assen_block[link["asa_theme"]]
    themes = []
    for t in doc["saii_themes"]:
        themes.append(
            ThemeSpec(
                name=t["name_nl"],
                name_en=t["name_en"],
                building_block=block_of.get(_key(t["name_nl"]), BuildingBlock.software),
                source_note=doc["saii_themes_source"],
                national_themes=(national_themes_by_key()[_key(t["name_nl"])],),
            )
        )
    by_key = {_key(spec.name): spec for spec in themes}
    for o in doc["opgaven_sportakkoord_ii"]:
        spec = by_key[_key(o["theme_nl"])]
        spec.opgaven.append(
            OpgaveSpec(
                title=o["title_nl"][:200],
                description=o.get("context_nl", ""),
                work_agreements=_bullets(o.get("werkafspraken_nl", [])),
                targets=_bullets(o.get("doelstellingen_nl", [])),
                target_year=o.get("target_year"),
                source_note=o.get("source"),
            )
        )
    return themes


def _assen() -> list[ThemeSpec]:
    themes = []
    for t in documents()["themes"]:
        focus = [f for f in t["focus_in_000_nl"] if not f.lower().startswith("overlap")]
        themes.append(
            ThemeSpec(
                name=t["name_nl"],
                name_en=t["name_en"],
                building_block=BuildingBlock(t["building_block"]),
                description=_bullets([f[:1].upper() + f[1:] for f in t["focus_in_000_nl"]]),
                source_note=with_crosswalk_note(
                    t["source"], bool(assen_national_themes().get(t["number"]))
                ),
                national_themes=assen_national_themes().get(t["number"], ()),
                opgaven=[
                    OpgaveSpec(
                        title=(f[:1].upper() + f[1:])[:200],
                        description=f"Focus van het thema volgens het koersdocument: {f}.",
                        source_note=t["source"],
                    )
                    for f in focus
                ],
            )
        )
    return themes


def structure(key: str) -> list[ThemeSpec]:
    """The themes (with opgaven) a new programme starts with."""
    if key == "sportakkoord-ii":
        return _sportakkoord_ii()
    if key == "assen":
        return _assen()
    if key == "leeg":
        return []
    raise KeyError(key)
