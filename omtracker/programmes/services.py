"""Creating a programme with its starting structure. Shared by `flask create-programme`, the
"Nieuw programma" page and the tests; flushes, never commits."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import Opgave, OpgaveStatus, Programme, Theme, ThemeNationalTheme
from omtracker.programmes.structures import STRUCTURES, structure


class SetupError(ValueError):
    """A refused programme, naming the field that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class NewProgramme:
    programme: Programme
    themes: list[Theme]
    opgaven: list[Opgave]

    def summary(self) -> str:
        lines = [
            f"Programma {self.programme.name} ({self.programme.municipality}) aangemaakt: "
            f"id {self.programme.id}, slug {self.programme.slug}, "
            f"{len(self.themes)} thema's, {len(self.opgaven)} opgaven."
        ]
        for theme in self.themes:
            count = sum(1 for o in self.opgaven if o.theme is theme)
            lines.append(
                f"  {theme.number}. {theme.name} [{theme.building_block.value}] — {count} opgaven"
            )
        return "\n".join(lines)


def _slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:50] or "programma"


def _free_slug(base: str) -> str:
    slug, n = base, 1
    while db.session.scalar(select(Programme.id).where(Programme.slug == slug)):
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_programme(
    *,
    name: str,
    municipality: str,
    inhabitants: int | None = None,
    ambition: str = "",
    mission: str = "",
    structure_key: str = "leeg",
    slug: str | None = None,
) -> NewProgramme:
    """A programme with the themes and opgaven of the chosen starting structure."""
    name, municipality = (name or "").strip(), (municipality or "").strip()
    if not name:
        raise SetupError("name", "Geef het programma een naam.")
    if not municipality:
        raise SetupError("municipality", "Vul de gemeente in.")
    if structure_key not in STRUCTURES:
        raise SetupError("structure", f"Onbekende beginstructuur: {structure_key}.")
    if inhabitants is not None and inhabitants < 1:
        raise SetupError("inhabitants", "Een aantal inwoners groter dan 0.")
    taken = db.session.scalar(
        select(Programme.id).where(func.lower(Programme.name) == name.lower())
    )
    if taken:
        raise SetupError("name", "Er bestaat al een programma met deze naam.")
    if slug:
        slug = _slugify(slug)
        if db.session.scalar(select(Programme.id).where(Programme.slug == slug)):
            raise SetupError("slug", f"De slug {slug} is al in gebruik.")
    programme = Programme(
        slug=slug or _free_slug(_slugify(municipality)),
        name=name[:200],
        municipality=municipality[:120],
        inhabitants=inhabitants,
        ambition=(ambition or "").strip(),
        mission=(mission or "").strip(),
    )
    db.session.add(programme)
    db.session.flush()
    themes, opgaven = [], []
    for number, spec in enumerate(structure(structure_key), start=1):
        theme = Theme(
            programme=programme,
            number=number,
            name=spec.name,
            name_en=spec.name_en,
            building_block=spec.building_block,
            description=spec.description,
            source_note=spec.source_note,
            national_links=[ThemeNationalTheme(national_theme=n) for n in spec.national_themes],
        )
        themes.append(theme)
        for o in spec.opgaven:
            opgaven.append(
                Opgave(
                    theme=theme,
                    title=o.title,
                    description=o.description,
                    work_agreements=o.work_agreements,
                    targets=o.targets,
                    target_year=o.target_year,
                    status=OpgaveStatus.active,
                    source_note=o.source_note,
                )
            )
    db.session.add_all(themes + opgaven)
    db.session.flush()
    return NewProgramme(programme, themes, opgaven)
