"""Generated programmes exercise the national view (issue 17): they have a size, national themes
for their themes, most of them share, and a national and a regional network each have a reader
who can log in."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.generate import GENERATED_PASSWORD, Shape, generate
from omtracker.generate_national import NATIONAL_READER, REGIONAL_READER
from omtracker.models import (
    MonitoringNetwork,
    NetworkKind,
    NetworkProgramme,
    NetworkReader,
    Programme,
    Theme,
    ThemeNationalTheme,
    User,
)
from omtracker.national.sizes import SizeClass, size_class

TINY = Shape(themes=6, opgaven=6, partners=8, engagements_per_opgave=2, months=3)


def _generated(count: int, seed: int = 5) -> list[Programme]:
    generate(programmes=count, shape=TINY, end="2026-11", seed=seed)
    return list(
        db.session.scalars(
            select(Programme).where(Programme.slug.like("gen-%")).order_by(Programme.id)
        )
    )


def _facts(programmes: list[Programme]) -> list[tuple]:
    links = db.session.execute(
        select(Theme.programme_id, Theme.number, ThemeNationalTheme.national_theme)
        .join(ThemeNationalTheme)
        .where(Theme.programme_id.in_([p.id for p in programmes]))
        .order_by(Theme.programme_id, Theme.number, ThemeNationalTheme.national_theme)
    ).all()
    return [(p.slug, p.inhabitants, p.shares_with_network) for p in programmes] + [
        (number, theme) for _, number, theme in links
    ]


def test_generated_programmes_spread_over_the_four_size_classes_and_most_share(app):
    programmes = _generated(20)
    sizes = Counter(size_class(p.inhabitants) for p in programmes)
    assert set(sizes) == set(SizeClass)
    sharing = [p for p in programmes if p.shares_with_network]
    assert 0.7 <= len(sharing) / len(programmes) <= 0.9
    # Every size class has at least three sharing programmes, so benchmarks show a figure.
    assert min(Counter(size_class(p.inhabitants) for p in sharing).values()) >= 3
    assert all(p.is_demo for p in programmes)  # still clearly example data


def test_every_generated_theme_has_one_or_two_national_themes(app):
    programmes = _generated(4)
    per_theme = Counter(
        db.session.scalars(
            select(ThemeNationalTheme.theme_id)
            .join(Theme)
            .where(Theme.programme_id.in_([p.id for p in programmes]))
        )
    )
    themes = db.session.scalars(
        select(Theme.id).where(Theme.programme_id.in_([p.id for p in programmes]))
    ).all()
    assert set(per_theme) == set(themes)
    assert set(per_theme.values()) <= {1, 2}
    assert 2 in per_theme.values()


def test_national_facts_are_deterministic_from_the_seed(app):
    first = _facts(_generated(3, seed=5))
    db.session.rollback()
    second = _facts(_generated(3, seed=5))
    assert first == second
    db.session.rollback()
    other = _facts(_generated(3, seed=6))
    assert [row[1] for row in other[:3]] != [row[1] for row in first[:3]]


def test_a_national_and_a_regional_network_have_readers_who_can_log_in(app, client):
    programmes = _generated(6)
    networks = {
        n.kind: n
        for n in db.session.scalars(
            select(MonitoringNetwork).where(MonitoringNetwork.name.like("%voorbeeld%"))
        )
    }
    assert set(networks) == {NetworkKind.national, NetworkKind.regional}
    regional = db.session.scalars(
        select(NetworkProgramme.programme_id).where(
            NetworkProgramme.network_id == networks[NetworkKind.regional].id
        )
    ).all()
    assert 0 < len(regional) < len(programmes)
    for username, kind in ((NATIONAL_READER, NetworkKind.national), (REGIONAL_READER, "regional")):
        user = db.session.scalar(select(User).where(User.username == username))
        assert user.programme_id is None
        reader = db.session.get(NetworkReader, user.id)
        assert reader.network.kind == kind
        response = client.post(
            "/login", data={"username": username, "password": GENERATED_PASSWORD}
        )
        assert response.status_code == 302
        client.post("/logout")


def test_generating_more_programmes_keeps_one_pair_of_networks(app):
    _generated(3)
    more = _generated(3)
    assert len(more) == 6
    names = db.session.scalars(
        select(MonitoringNetwork.name).where(MonitoringNetwork.name.like("%voorbeeld%"))
    ).all()
    assert len(names) == 2


def test_at_tier_l_size_the_network_figures_are_shown_not_withheld(app):
    from omtracker.national.figures import network_figures, sharing_programme_ids

    _generated(20)
    result = network_figures(sharing_programme_ids(), "2026-11")
    assert all(not f.withheld for f in result.themes.values())
    assert result.cells and all(not f.withheld for f in result.cells.values())
    assert result.double_mapped
