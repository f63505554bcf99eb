"""The programme's structure that coordinators keep: themes under the three building blocks,
in an order, archived rather than deleted, each linked to the national Sportakkoord II themes it
contributes to. Services flush; routes commit."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from omtracker.editing import conflict_guard, ensure_version
from omtracker.extensions import db
from omtracker.models import BuildingBlock, NationalTheme, Programme, Theme, ThemeNationalTheme


def programme_themes(programme: Programme) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.programme_id == programme.id)
            .options(selectinload(Theme.national_links))  # shown in the list, one query
            .order_by(Theme.number)
        )
    )


def add_theme(programme: Programme, data: dict) -> Theme:
    """A new theme at the end of the programme's order."""
    last = db.session.scalar(
        select(func.max(Theme.number)).where(Theme.programme_id == programme.id)
    )
    theme = Theme(
        programme=programme,
        number=(last or 0) + 1,
        name=data["name"].strip(),
        building_block=BuildingBlock(data["building_block"]),
        description=(data.get("description") or "").strip(),
    )
    db.session.add(theme)
    db.session.flush()
    return theme


def update_theme(theme: Theme, data: dict, version: object) -> Theme:
    """Rename, describe, or move to another building block."""
    ensure_version(theme, version)
    theme.name = data["name"].strip()
    theme.building_block = BuildingBlock(data["building_block"])
    theme.description = (data.get("description") or "").strip()
    with conflict_guard(theme):
        db.session.flush()
    return theme


def move_theme(theme: Theme, step: int) -> bool:
    """Swap the theme with its neighbour in the order (step -1 up, +1 down); False at an end."""
    themes = programme_themes(theme.programme)
    index = themes.index(theme)
    other_index = index + step
    if not 0 <= other_index < len(themes):
        return False
    other = themes[other_index]
    mine, theirs = theme.number, other.number
    # Numbers are unique per programme: park one outside the range while swapping.
    theme.number = -mine
    db.session.flush()
    other.number = mine
    db.session.flush()
    theme.number = theirs
    db.session.flush()
    return True


def set_theme_archived(theme: Theme, archived: bool) -> bool:
    if theme.archived == archived:
        return False
    theme.archived = archived
    db.session.flush()
    return True


def set_national_themes(theme: Theme, national_themes: Iterable[NationalTheme]) -> bool:
    """Link the theme to exactly these national themes (none is allowed: a theme outside the
    Sportakkoord II frame). False when nothing changed. Each link added or removed is audited."""
    wanted = set(national_themes)
    have = {link.national_theme for link in theme.national_links}
    if wanted == have:
        return False
    for link in list(theme.national_links):
        if link.national_theme not in wanted:
            theme.national_links.remove(link)
            db.session.delete(link)  # explicitly, so the audit trail records the removal
    for national_theme in sorted(wanted - have, key=list(NationalTheme).index):
        theme.national_links.append(ThemeNationalTheme(national_theme=national_theme))
    db.session.flush()
    return True
