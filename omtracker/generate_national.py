"""The national side of generated programmes (issue 17): sizes, national themes, sharing, networks.

Kept apart from `omtracker.generate` and drawn from a random stream of its own per programme, so
every number the generator made before stays as it was. Sizes follow a fixed pattern of ten over
the four size classes (at tier L: 4 small, 8 medium, 4 large, 4 cities), one programme in five
keeps its figures to itself, and every size class keeps at least three sharing programmes from
tier L up, so the network pages and benchmarks have figures to show. The inhabitants within a
class come from the seed. Networks and their readers are made once per database and say they are
examples in their names.
"""

from __future__ import annotations

import random

from sqlalchemy import insert, select

from omtracker.extensions import db
from omtracker.models import (
    MonitoringNetwork,
    NationalTheme,
    NetworkKind,
    NetworkProgramme,
    NetworkReader,
    Role,
    User,
)
from omtracker.national.sizes import SizeClass

SIZE_PATTERN = (
    SizeClass.small,
    SizeClass.medium,
    SizeClass.large,
    SizeClass.medium,
    SizeClass.city,
    SizeClass.small,
    SizeClass.medium,
    SizeClass.large,
    SizeClass.medium,
    SizeClass.city,
)
INHABITANTS = {
    SizeClass.small: (6_000, 19_999),
    SizeClass.medium: (20_000, 49_999),
    SizeClass.large: (50_000, 100_000),
    SizeClass.city: (100_001, 360_000),
}
# The national theme each generated theme (by its number) mainly works on, in line with its
# building block in omtracker.generate.BLOCKS, and the one it serves too in about half of the
# programmes. Fixed pairs rather than a random second theme: at tier L every (national theme,
# building block) cell that exists then has enough programmes to be shown, so the network pages
# are exercised with figures rather than mostly withheld cells.
NATIONAL_THEMES = (
    (NationalTheme.inclusion, NationalTheme.safe_sport),  # software
    (NationalTheme.movement_skills, NationalTheme.inclusion),  # software
    (NationalTheme.vital_providers, NationalTheme.inclusion),  # orgware
    (NationalTheme.safe_sport, NationalTheme.vital_providers),  # orgware
    (NationalTheme.space, NationalTheme.movement_skills),  # hardware
    (NationalTheme.elite_sport, NationalTheme.vital_providers),  # software
)
SECOND_THEME_CHANCE = 0.5
NATIONAL_NETWORK = "Landelijke monitor (voorbeeld)"
REGIONAL_NETWORK = "Regionaal sportbureau (voorbeeld)"
NATIONAL_READER = "netwerk-landelijk"
REGIONAL_READER = "netwerk-regio"


def national_rng(seed: int, number: int) -> random.Random:
    return random.Random(f"national-{seed}-{number}")


def shares(number: int) -> bool:
    """Four in five programmes share; the ones that do not all sit in the medium class."""
    return number % 5 != 2


def in_region(number: int) -> bool:
    """The regional network's municipalities: every third programme."""
    return number % 3 == 1


def programme_fields(number: int, rng: random.Random) -> dict:
    """The columns of a generated programme that the national view reads."""
    size = SIZE_PATTERN[(number - 1) % len(SIZE_PATTERN)]
    return {
        "municipality": f"Gemeente {number}",
        "inhabitants": rng.randint(*INHABITANTS[size]),
        "shares_with_network": shares(number),
    }


def national_links(themes: list[dict], rng: random.Random) -> list[dict]:
    """One or two national themes for each generated theme."""
    rows = []
    for theme in themes:
        primary, second = NATIONAL_THEMES[(theme["number"] - 1) % len(NATIONAL_THEMES)]
        chosen = [primary, second] if rng.random() < SECOND_THEME_CHANCE else [primary]
        rows.extend({"theme_id": theme["id"], "national_theme": t.value} for t in chosen)
    return rows


def networks(programmes: dict[int, int], ids, password_hash: str) -> None:  # noqa: ANN001
    """A national network and a regional one over a subset, each with a reader who can log in.

    `programmes` maps the generated programme numbers to their ids; `ids` is the generator's
    id counter. Made on the first run; later runs add their programmes to the regional network.
    """
    regional_ids = [pid for number, pid in programmes.items() if in_region(number)]
    for name, kind, username in (
        (NATIONAL_NETWORK, NetworkKind.national, NATIONAL_READER),
        (REGIONAL_NETWORK, NetworkKind.regional, REGIONAL_READER),
    ):
        network_id = db.session.scalar(
            select(MonitoringNetwork.id).where(MonitoringNetwork.name == name)
        )
        if network_id is None:
            network_id = ids.take(MonitoringNetwork)
            connection = db.session.connection()
            connection.execute(
                insert(MonitoringNetwork.__table__),
                [{"id": network_id, "name": name, "kind": kind.value}],
            )
            user_id = ids.take(User)
            connection.execute(
                insert(User.__table__),
                [
                    {
                        "id": user_id,
                        "username": username,
                        "display_name": f"{name}",
                        "password_hash": password_hash,
                        "role": Role.user.value,
                        "programme_id": None,
                        "is_active_account": True,
                        "version": 1,
                    }
                ],
            )
            connection.execute(
                insert(NetworkReader.__table__), [{"user_id": user_id, "network_id": network_id}]
            )
        if kind is NetworkKind.regional and regional_ids:
            db.session.connection().execute(
                insert(NetworkProgramme.__table__),
                [{"network_id": network_id, "programme_id": pid} for pid in regional_ids],
            )


__all__ = [
    "NATIONAL_READER",
    "REGIONAL_READER",
    "national_links",
    "national_rng",
    "networks",
    "programme_fields",
]
