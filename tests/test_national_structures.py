"""Issue 17: the starting structures and the demo link themes to the national themes, and the
command line makes networks and readers."""

from __future__ import annotations

import re

from sqlalchemy import select

from omtracker.demo import facts
from omtracker.extensions import db
from omtracker.models import (
    MonitoringNetwork,
    NationalTheme,
    NetworkKind,
    NetworkReader,
    Programme,
    Theme,
    User,
)
from omtracker.programmes import services

N = NationalTheme


def _themes(programme: Programme) -> list[Theme]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Theme).where(Theme.programme_id == programme.id).order_by(Theme.number)
        )
    )


def test_sportakkoord_ii_maps_each_of_its_six_themes_to_its_own_national_theme(app):
    made = services.create_programme(
        name="Sportakkoord Dorp", municipality="Dorp", structure_key="sportakkoord-ii"
    )
    assert [t.national_themes for t in _themes(made.programme)] == [[n] for n in NationalTheme]


# The data's crosswalk (an interpretation, as the data says): Assen 3 → two national themes,
# Assen 6 (GALA / Preventieakkoord) → none.
ASSEN = [
    [N.movement_skills],
    [N.inclusion],
    [N.safe_sport, N.vital_providers],
    [N.elite_sport],
    [N.space],
    [],
]


def test_assen_structure_maps_its_themes_through_the_crosswalk_and_says_it_is_an_interpretation(
    app,
):
    made = services.create_programme(
        name="Nieuw Assen", municipality="Assen", structure_key="assen"
    )
    themes = _themes(made.programme)
    assert [t.national_themes for t in themes] == ASSEN
    for theme in themes[:5]:
        assert "interpretatie" in theme.source_note
        assert "theme_crosswalk_asa_to_saii_interpretation" in theme.source_note
    assert "interpretatie" not in themes[5].source_note


def test_an_empty_structure_maps_nothing(app):
    made = services.create_programme(name="Leeg akkoord", municipality="Leegdorp")
    assert _themes(made.programme) == []


def test_the_demo_themes_carry_the_crosswalk_too(app):
    programme = Programme(slug="demo-lt", name="Demo")
    db.session.add(programme)
    db.session.flush()
    themes = facts.load_themes(programme)
    assert [t.national_themes for t in themes] == ASSEN


def test_create_network_and_add_a_reader_on_the_command_line(app, world, runner):
    create = [
        "create-network",
        "Sportbureau Noord",
        "--kind",
        "regional",
        "--programme",
        "testprog",
    ]
    result = runner.invoke(args=create)
    assert result.exit_code == 0, result.output
    assert "Netwerk Sportbureau Noord (regional" in result.output
    network = db.session.scalar(
        select(MonitoringNetwork).where(MonitoringNetwork.name == "Sportbureau Noord")
    )
    assert network.kind == NetworkKind.regional
    assert [link.programme_id for link in network.programme_links] == [world.programme_id]

    add = [
        "add-network-reader",
        "sportbureau noord",
        "noordlezer",
        "--email",
        "lezer@noord.example",
    ]
    result = runner.invoke(args=[*add, "--name", "Noor Lezer"])
    assert result.exit_code == 0, result.output
    assert re.search(r"/wachtwoord-herstellen/[A-Za-z0-9_-]{43}\s*$", result.output)
    reader = db.session.scalar(select(User).where(User.username == "noordlezer"))
    assert reader.programme_id is None and reader.display_name == "Noor Lezer"
    assert db.session.get(NetworkReader, reader.id).network_id == network.id


def test_the_command_line_refuses_unknown_programmes_networks_and_taken_names(app, world, runner):
    result = runner.invoke(args=["create-network", "X", "--kind", "regional", "--programme", "nee"])
    assert result.exit_code != 0 and "bestaat niet" in result.output
    result = runner.invoke(
        args=["create-network", "Y", "--kind", "national", "--programme", "testprog"]
    )
    assert result.exit_code != 0 and "alle programma's" in result.output
    result = runner.invoke(args=["create-network", "Landelijke monitor", "--kind", "national"])
    assert result.exit_code != 0 and "al een netwerk" in result.output
    result = runner.invoke(args=["add-network-reader", "Geen", "iemand", "--email", "a@b.example"])
    assert result.exit_code != 0 and "bestaat niet" in result.output
    result = runner.invoke(
        args=["add-network-reader", "Landelijke monitor", "lid1", "--email", "c@d.example"]
    )
    assert result.exit_code != 0 and "bestaat al" in result.output
    result = runner.invoke(
        args=["add-network-reader", "Landelijke monitor", "nieuw", "--email", "geen-adres"]
    )
    assert result.exit_code != 0 and "--email" in result.output
