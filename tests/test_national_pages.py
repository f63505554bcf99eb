"""The network page and the benchmark (issue 17), read by the people they are for, with
municipalities made through the new flow."""

from __future__ import annotations

import re

from omtracker.extensions import db
from omtracker.models import NationalTheme, NetworkKind, Role, Tier
from omtracker.national import figures
from tests.factories import make_user
from tests.national_support import engagement, municipality, network

VITAL = NationalTheme.vital_providers
E, L = Tier.expect, Tier.like


def _region(reader: str = "noord"):
    """Three sharing municipalities and a quiet one in a regional network, one sharing outside."""
    towns = [municipality(name) for name in ("Aadorp", "Beedorp", "Ceedorp")]
    for town, levels in zip(towns, ([2, 1], [2, 2, 3, 0], [3]), strict=True):
        engagement(town, VITAL, {E: levels, L: [2]})
    quiet = municipality("Stildorp", shares=False)
    engagement(quiet, VITAL, {E: [3, 3, 3, 3, 3]})
    outside = municipality("Verweg")
    engagement(outside, VITAL, {E: [0]})
    region = network("Sportbureau Noord", NetworkKind.regional, [*towns, quiet], reader=reader)
    db.session.flush()
    return towns, quiet, outside, region


def test_a_regional_reader_sees_the_pooled_figures_of_its_sharing_municipalities(app, login):
    towns, quiet, outside, _region_ = _region()
    page = login("noord").get("/landelijk/?maand=2026-11&thema=vital_providers")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Sportbureau Noord" in html and "3 gemeenten" in html
    # Pooled: expect (1 + 3 + 1) of (2 + 4 + 1) = 5 of 7, shown as 71 %.
    assert "5 van 7" in html and "71%" in html
    for town in towns:
        assert town.municipality in html
    assert "Stildorp" not in html and "Verweg" not in html
    assert "Partner " not in html  # never a partner's name


def test_a_figure_from_two_municipalities_says_so_and_shows_no_number(app, login):
    towns, *_rest = _region()
    towns[2].shares_with_network = False
    db.session.flush()
    html = login("noord").get("/landelijk/?maand=2026-11").get_data(as_text=True)
    assert "minder dan 3 gemeenten" in html
    # The pooled expect of Aadorp and Beedorp would be 4 of 6: it is nowhere on the page.
    assert "4 van 6" not in html and "4/6" not in html
    assert not re.search(r"data-[a-z-]+=\"[^\"]*\b4\b", html)


def test_the_network_page_is_for_its_readers_and_administrators(app, world, login):
    _towns, _quiet, _outside, region = _region()
    other = network("Sportbureau Zuid", NetworkKind.regional, [])
    assert login("regisseur").get("/landelijk/").status_code == 403
    assert login("noord").get(f"/landelijk/?netwerk={other.id}").status_code == 403
    assert login("noord").get("/landelijk/?netwerk=abc").status_code == 400
    assert login("noord").get("/landelijk/?thema=onbekend").status_code == 400
    admin = login("admin")
    assert "Sportbureau Zuid" in admin.get(f"/landelijk/?netwerk={other.id}").get_data(True)
    assert admin.get("/landelijk/?netwerk=99999").status_code == 404
    assert admin.get(f"/landelijk/?netwerk={region.id}&maand=2026-13").status_code == 400


def test_a_national_network_reads_every_sharing_municipality(app, login):
    _towns, _quiet, outside, _region_ = _region()
    network("Mulier Instituut", NetworkKind.national, reader="mulier")
    html = login("mulier").get("/landelijk/?thema=vital_providers").get_data(as_text=True)
    assert "Verweg" in html and "4 gemeenten" in html and "Stildorp" not in html


def test_network_page_statements_do_not_grow_with_the_municipalities(app, login, count_queries):
    _region()
    network("Mulier Instituut", NetworkKind.national, reader="mulier")
    counts = []
    for extra in (0, 3):
        for n in range(extra):
            engagement(municipality(f"Extra{n}"), VITAL, {E: [2, 3]})
        db.session.flush()
        client = login("mulier")
        figures.clear_cache()
        db.session.expire_all()
        db.session.info.clear()
        with count_queries() as counter:
            html = client.get("/landelijk/").get_data(as_text=True)
        assert ("Extra2" in html) == bool(extra)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def _coordinator(programme, username: str):
    make_user(username, Role.coordinator, programme)
    db.session.flush()


def test_the_benchmark_compares_with_sharing_municipalities_of_the_same_size(app, login):
    assen = municipality("Assen", 68_000)
    engagement(assen, VITAL, {L: [2, 2, 0, 0]})  # 50 %
    similar = [municipality(name, n) for name, n in (("Emmen", 55_000), ("Hoorn", 73_000))]
    similar.append(municipality("Ede", 100_000))
    for town in similar:
        engagement(town, VITAL, {L: [3, 0, 0]})  # 1 of 3 each: pooled 3 of 9 = 33 %
    smaller = municipality("Dorp", 12_000)
    engagement(smaller, VITAL, {L: [3, 3]})
    bigger = municipality("Stad", 250_000)
    engagement(bigger, VITAL, {L: [3, 3]})
    quiet = municipality("Stil", 60_000, shares=False)
    engagement(quiet, VITAL, {L: [3, 3]})
    _coordinator(assen, "assen-regisseur")
    html = login("assen-regisseur").get("/vergelijken?maand=2026-11").get_data(as_text=True)
    assert "50.000 tot 100.000 inwoners" in html
    assert (
        "Aandeel bereikte graag-te-zien-markeringen bij Vitale sportaanbieders: "
        "Assen 50%, vergelijkbare gemeenten 33% (3 gemeenten)."
    ) in html
    for name in ("Emmen", "Hoorn", "Ede", "Dorp", "Stad", "Stil"):
        assert name not in html  # a comparison group, never its members


def test_the_benchmark_withholds_a_group_of_fewer_than_three(app, login):
    assen = municipality("Assen", 68_000)
    engagement(assen, VITAL, {L: [2, 0]})
    for name in ("Emmen", "Hoorn"):
        engagement(municipality(name, 60_000), VITAL, {L: [3]})
    _coordinator(assen, "assen-regisseur")
    html = login("assen-regisseur").get("/vergelijken").get_data(as_text=True)
    assert "Minder dan 3 andere gemeenten" in html and "vergelijkbare gemeenten 100%" not in html


def test_the_benchmark_asks_to_share_and_to_fill_in_inhabitants(app, login):
    quiet = municipality("Stil", 30_000, shares=False)
    unknown = municipality("Onbekend", None)
    for name in ("A", "B", "C"):
        engagement(municipality(name, 30_000), VITAL, {L: [3]})
    _coordinator(quiet, "stil-regisseur")
    _coordinator(unknown, "onbekend-regisseur")
    html = login("stil-regisseur").get("/vergelijken").get_data(as_text=True)
    assert "Delen is wederzijds" in html and "vergelijkbare gemeenten 100%" not in html
    assert 'href="/beheer/delen"' in html  # the coordinator can switch sharing on there
    html = login("onbekend-regisseur").get("/vergelijken").get_data(as_text=True)
    assert "aantal inwoners van Onbekend is nog niet ingevuld" in html
    assert 'href="/beheer/delen">Vul het aantal inwoners in' in html


def test_the_benchmark_is_for_coordinators_and_the_board(app, world, login):
    assert login("bestuur").get("/vergelijken").status_code == 200
    assert login("regisseur").get("/vergelijken").status_code == 200
    assert login("trekker1").get("/vergelijken").status_code == 403


def test_a_bad_or_future_month_is_refused_in_dutch_for_everyone(app, world, login):
    for user, path in (("trekker1", "/vergelijken"), ("regisseur", "/landelijk/")):
        response = login(user).get(f"{path}?maand=2031-01")
        assert response.status_code == 400
        assert "Deze maand kunnen we niet tonen" in response.get_data(as_text=True)
