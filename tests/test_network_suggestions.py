"""Suggested links, "waar kunnen we elkaar vinden?" (issue 16, item 5): the three kinds on a
small hand-made programme, their reasons, who may read the page and a fixed statement count.

The known network of `tests/network_support.py`, seen in 2026-10: the club works with Jong
geleerd and Sportparken, but its only journals are Jong geleerd's, and none of them names a
partner of Sportparken; welzijn's journal (Samen sterk) names the school (Jong geleerd), so
Jong geleerd and Samen sterk do meet.
"""

from __future__ import annotations

from datetime import date

import pytest

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import Partner
from omtracker.network import pagecache, suggestions
from tests.network_support import build_network, engage, entry, grow


@pytest.fixture
def known(app, world, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    pagecache.clear()
    try:
        yield build_network(world)
    finally:
        app.config.pop("NETWORK_CACHE_DIR", None)
        pagecache.clear()


def reasons(found: suggestions.Suggestions, kind: str) -> list[str]:
    return [s.reason for s in found.by_kind[kind]]


def test_partner_of_two_themes_never_in_one_journal_of_both_is_suggested(known, world):
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert reasons(found, "partner") == [
        "VV Testclub werkt met de thema’s “Jong geleerd” en “Sportparken”, maar komt in geen "
        "logboek van beide samen voor."
    ]
    (club,) = found.by_kind["partner"]
    assert club.facts == (
        "Logboeken over deze partner van november 2025 tot en met oktober 2026, per thema: "
        "“Jong geleerd” 3, “Sportparken” 0."
    )
    assert [p.id for p in club.partners] == [known.partners["club"]]
    assert [t.name for t in club.themes] == ["Jong geleerd", "Sportparken"]


def test_a_journal_naming_a_partner_of_the_other_theme_brings_the_partner_and_themes_together(
    known, world
):
    # Sportparken's journal on the club names welzijn; welzijn works with Samen sterk, not with
    # Jong geleerd: still apart. Then Jong geleerd's journal on the club names a new partner
    # engaged in Sportparken: now the club meets both themes in one journal.
    entry(known.engagements["club_o2"], "2026-08", [known.partners["welzijn"]])
    assert suggestions.suggest(world.programme_id, "2026-10").by_kind["partner"]
    with audit.suspended():
        buur = Partner(programme_id=world.programme_id, name="Buurtsport")
        db.session.add(buur)
        db.session.flush()
        engage(buur.id, world.opgave2_id, date(2026, 2, 1))
    entry(world.engagement1_id, "2026-07", [buur.id])
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert not any("VV Testclub" in r for r in reasons(found, "partner"))


def test_themes_sharing_a_partner_without_contributor_links_are_suggested(known, world):
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert reasons(found, "themes") == [
        "De thema’s “Jong geleerd” en “Sportparken” werken allebei met VV Testclub, maar geen "
        "logboek van het ene thema noemt een partner van het andere als bijdrager."
    ]
    (pair,) = found.by_kind["themes"]
    assert [t.id for t in pair.themes] == [world.theme1_id, world.theme2_id]
    assert found.candidates["themes"] == 1


def test_a_contributor_link_either_way_removes_the_theme_pair(known, world):
    # Sportparken's journal (club_o2) names the school, which works with Jong geleerd.
    entry(known.engagements["club_o2"], "2026-06", [known.partners["school"]])
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert found.by_kind["themes"] == []
    assert found.candidates["themes"] == 1  # still shared: the page says they are linked
    assert found.by_kind["partner"] == []  # the club is in that journal, with both themes


def test_journals_outside_the_window_do_not_link(known, world):
    entry(known.engagements["club_o2"], "2025-10", [known.partners["school"]])  # 13 months back
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert len(found.by_kind["themes"]) == 1


def hub_programme(world, known) -> int:
    """A hub partner engaged in all three themes, named with others until spring, then silent."""
    with audit.suspended():
        hub = Partner(programme_id=world.programme_id, name="Sportservice Hub")
        db.session.add(hub)
        db.session.flush()
        on_o1 = engage(hub.id, world.opgave1_id, date(2025, 10, 1))
        on_o2 = engage(hub.id, world.opgave2_id, date(2025, 10, 1))
        on_o3 = engage(hub.id, known.opgave3_id, date(2025, 10, 1))
    entry(on_o1, "2026-02", [known.partners["school"]])
    entry(on_o2, "2026-03", [known.partners["club"]])
    entry(on_o3, "2026-06", [known.partners["welzijn"]])
    return hub.id


def test_dormant_partner_that_was_central_is_suggested_with_its_place_and_last_journal(
    known, world
):
    hub = hub_programme(world, known)
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert found.earlier == "2026-04"
    (row,) = found.by_kind["dormant"]
    assert row.partners[0].id == hub
    assert row.reason.startswith(
        "Sportservice Hub stond in april 2026 op plaats 1 van de meest centrale partners van "
        "het netwerk ("
    )
    assert row.reason.endswith("maar heeft sinds juni 2026 geen logboek meer.")
    assert [t.name for t in row.themes] == ["Jong geleerd", "Sportparken", "Samen sterk"]


def test_dormant_leaf_is_not_suggested(known, world):
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert found.candidates["dormant"] == 1  # the school: dormant, but a leaf in April
    assert found.by_kind["dormant"] == []


def test_partner_of_three_themes_names_each_pair_that_never_met(known, world):
    hub = hub_programme(world, known)
    found = suggestions.suggest(world.programme_id, "2026-10")
    (row,) = [s for s in found.by_kind["partner"] if s.partners[0].id == hub]
    # Jong geleerd's journal names the school (Jong geleerd only); Sportparken's names the club
    # (Jong geleerd too): that one brings Jong geleerd and Sportparken together. Samen sterk's
    # names welzijn (Samen sterk only).
    assert row.reason.startswith(
        "Sportservice Hub werkt met 3 thema’s (“Jong geleerd”, “Sportparken” en “Samen sterk”), "
        "maar komt in geen logboek voor met deze thema’s samen: “Jong geleerd” en “Samen sterk”; "
        "“Sportparken” en “Samen sterk”."
    )


def test_an_empty_programme_explains_why_there_is_nothing(login, world, app, tmp_path):
    app.config["NETWORK_CACHE_DIR"] = str(tmp_path)
    pagecache.clear()
    html = login("anderregisseur").get("/netwerk/suggesties?maand=2026-10").get_data(True)
    assert "loopt nog geen enkele uitkomstuitdaging" in html
    app.config.pop("NETWORK_CACHE_DIR", None)


def test_page_shows_reasons_with_links_to_partner_and_theme_pages(login, known, world):
    html = login("regisseur").get("/netwerk/suggesties?maand=2026-10").get_data(True)
    assert "Waar kunnen we elkaar vinden?" in html
    assert "komt in geen logboek van beide samen voor" in html
    assert f'href="/partners/{known.partners["club"]}"' in html
    assert f'href="/themas/{world.theme2_id}"' in html
    assert "Geen van de slapende partners hoorde in april 2026" in html  # empty state with a reason


def test_page_is_reachable_from_the_map_and_the_dashboard(login, known):
    client = login("regisseur")
    assert "/netwerk/suggesties" in client.get("/netwerk?maand=2026-10").get_data(True)
    assert "/netwerk/suggesties" in client.get("/dashboard/").get_data(True)


@pytest.mark.parametrize("username", ["regisseur", "admin", "bestuur", "trekker1", "lid1"])
def test_who_reads_the_map_reads_the_suggestions(login, known, username):
    assert login(username).get("/netwerk/suggesties").status_code == 200


def test_user_without_a_theme_gets_403(login, known):
    assert login("buiten").get("/netwerk/suggesties").status_code == 403


def test_bad_month_and_unknown_kind_get_400_with_a_message(login, known):
    client = login("regisseur")
    assert client.get("/netwerk/suggesties?maand=2026-13").status_code == 400
    response = client.get("/netwerk/suggesties?alle=iets")
    assert response.status_code == 400
    assert "Die soort suggestie bestaat niet" in response.get_data(True)


def test_list_is_capped_with_a_show_all_link(login, known, world, monkeypatch):
    monkeypatch.setattr(suggestions, "SHOWN", 0)
    monkeypatch.setattr("omtracker.network.routes.suggestions.SHOWN", 0)
    client = login("regisseur")
    html = client.get("/netwerk/suggesties?maand=2026-10").get_data(True)
    assert "Toon alle 1" in html and "alle=partner" in html
    assert "VV Testclub werkt met" not in html
    html = client.get("/netwerk/suggesties?maand=2026-10&alle=partner").get_data(True)
    assert "VV Testclub werkt met" in html


def test_english_page_gives_english_reasons(login, known):
    client = login("regisseur")
    client.post("/taal", data={"lang": "en"})
    html = client.get("/netwerk/suggesties?maand=2026-10").get_data(True)
    assert "Where can we find each other?" in html
    assert "VV Testclub works with the themes “Jong geleerd” and “Sportparken”" in html


def test_partner_names_in_reasons_are_text_never_markup(login, known):
    with audit.suspended():
        db.session.get(Partner, known.partners["club"]).name = "<script>alert(1)</script> VV"
        db.session.flush()
    html = login("regisseur").get("/netwerk/suggesties?maand=2026-10").get_data(True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; VV werkt met de thema’s" in html
    assert "“Jong geleerd”" in html


def test_statement_count_does_not_grow_with_the_programme(app, known, world, count_queries):
    hub_programme(world, known)
    with count_queries() as small:
        suggestions.suggest(world.programme_id, "2026-10")
    grow(world, known, 30)
    pagecache.clear()
    with count_queries() as large:
        found = suggestions.suggest(world.programme_id, "2026-10")
    assert found.engaged_partners > 30
    assert small.count == large.count


def test_being_named_in_a_third_themes_journal_does_not_bring_a_partners_own_themes_together(
    known, world
):
    entry(known.engagements["welzijn_o3"], "2026-09", [known.partners["club"]])
    found = suggestions.suggest(world.programme_id, "2026-10")
    assert [s.partners[0].id for s in found.by_kind["partner"]] == [known.partners["club"]]


def test_partner_of_three_themes_that_never_met_at_all_is_summed_up(known, world):
    with audit.suspended():
        drie = Partner(programme_id=world.programme_id, name="Drie Thema’s")
        db.session.add(drie)
        db.session.flush()
        for opgave in (world.opgave1_id, world.opgave2_id, known.opgave3_id):
            engage(drie.id, opgave, date(2026, 1, 1))
    found = suggestions.suggest(world.programme_id, "2026-10")
    (row,) = [s for s in found.by_kind["partner"] if s.partners[0].id == drie.id]
    assert "maar komt in geen logboek voor met twee van deze thema’s samen." in row.reason
    assert found.by_kind["partner"][0] is row  # three pairs apart rank before one
