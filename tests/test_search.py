"""Find anything: the search box finds Dutch word forms, ignores accents, follows every edit at
once, and shows each user only what their pages show them (their own programme)."""

from __future__ import annotations

import re

from sqlalchemy import select

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import JournalEntry, Partner, SearchDocument
from omtracker.search import text
from omtracker.search.index import rebuild
from omtracker.search.queries import Filters, search
from tests.journals_support import journal_url, payload


def found(client, query: str, **filters) -> dict[str, list[str]]:  # noqa: ANN001
    """The results page as {group heading id: [hit titles without markup]}."""
    response = client.get("/zoeken", query_string={"q": query, **filters})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    groups: dict[str, list[str]] = {}
    for kind, section in re.findall(r'id="groep-(\w+)".*?</h2>(.*?)</section>', html, re.S):
        titles = re.findall(r'class="search-hit-title" href="[^"]+">(.*?)</a>', section, re.S)
        groups[kind] = [re.sub(r"</?mark>", "", t) for t in titles]
    return groups


def journal_text(entry_id: int, description: str) -> None:
    with audit.suspended():
        entry = db.session.get(JournalEntry, entry_id)
        entry.change_description = description
        db.session.flush()


def test_dutch_word_forms_and_accents_are_found(app, world, login):
    journal_text(world.entry_ids["2026-09"], "De kinderen zwemmen nu elke week in het café-bad.")
    journal_text(world.entry_ids["2026-10"], "Twee zwemmers kwamen naar de sportdag.")
    client = login("regisseur")

    zwem = found(client, "zwemmen")["journal"]
    assert len(zwem) == 1  # "zwemmen" and "zwemmers" stem differently: only what the stemmer joins
    assert len(found(client, "zwem")["journal"]) == 2  # three letters and more: the word's start
    assert len(found(client, "cafe")["journal"]) == 1  # accents ignored
    assert len(found(client, "CAFÉ")["journal"]) == 1
    assert text.stem("zwemmen") == text.stem("zwem")


def test_zwemmen_finds_zwemt_and_fietsen_finds_fietst(client, world, login):
    journal_text(world.entry_ids["2026-09"], "Mijn dochter zwemt nu zelf en fietst naar school.")
    login("regisseur")
    assert len(found(client, "zwemmen")["journal"]) == 1
    assert len(found(client, "fietsen")["journal"]) == 1
    assert "zwem" in text.stems("zwemt") and "sport" in text.stems("sport")


def test_plurals_find_the_singular_and_back(app, world, login):
    journal_text(world.entry_ids["2026-09"], "Het zwembad en de sporthal waren vol.")
    journal_text(world.entry_ids["2026-10"], "Nieuwe lessen op twee dagen per week.")
    client = login("lid1")
    for query, month in (
        ("zwembaden", "2026-09"),  # joined by the classic (Porter) Dutch stemmer
        ("sporthallen", "2026-09"),  # joined by the current Snowball Dutch stemmer
        ("les", "2026-10"),
        ("dag", "2026-10"),
    ):
        html = client.get("/zoeken", query_string={"q": query, "soort": "journal"}).get_data(
            as_text=True
        )
        assert html.count('class="search-hit"') == 1, query
        assert ("september 2026" if month == "2026-09" else "oktober 2026") in html, query


def test_several_words_find_only_documents_with_all_of_them(app, world, login):
    journal_text(world.entry_ids["2026-09"], "Het zwembad opent op zaterdag.")
    journal_text(world.entry_ids["2026-10"], "Het zwembad blijft dicht.")
    client = login("regisseur")
    assert len(found(client, "zwembad")["journal"]) == 2
    assert len(found(client, "zwembad zaterdag")["journal"]) == 1
    assert found(client, "zwembad zaterdag voetbal") == {}


def test_matching_words_are_marked_and_everything_else_escaped(app, world, login):
    journal_text(world.entry_ids["2026-09"], "<script>alert(1)</script> Het zwembad & de sporthal.")
    html = login("regisseur").get("/zoeken?q=zwembad").get_data(as_text=True)
    assert "<mark>zwembad</mark>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "september 2026" in html  # the journal's month
    assert "Jong geleerd" in html  # its theme


def test_a_journal_edited_now_is_found_by_its_new_text_not_its_old(app, world, login):
    client = login("trekker1")
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    data = payload(world, version=entry.version, change_description="De waterpolo begon.")
    response = client.post(journal_url(world.engagement1_id, "2026-10"), data=data)
    assert response.status_code == 302
    assert found(client, "waterpolo")["journal"] == ["VV Testclub"]
    assert "journal" not in found(client, "Contactpersoon aangewezen")

    db.session.refresh(entry)
    data = payload(world, version=entry.version, change_description="Nu is het handbal.")
    assert client.post(journal_url(world.engagement1_id, "2026-10"), data=data).status_code == 302
    assert "journal" not in found(client, "waterpolo")
    assert found(client, "handbal")["journal"] == ["VV Testclub"]


def test_renaming_a_partner_renames_it_in_its_journals(app, world, login):
    with audit.suspended():
        db.session.get(Partner, world.partner_ids["club"]).name = "SV Zwaluwen"
        db.session.flush()
    results = found(login("lid1"), "zwaluwen")
    assert results["partner"] == ["SV Zwaluwen"]
    assert results["engagement"] == ["SV Zwaluwen"]
    assert len(results["journal"]) == 2


def test_archived_records_are_marked(app, world, login):
    with audit.suspended():
        db.session.get(Partner, world.partner_ids["welzijn"]).archived = True
        db.session.flush()
    html = login("regisseur").get("/zoeken?q=welzijn").get_data(as_text=True)
    assert "gearchiveerd of ingetrokken" in html


def test_a_theme_member_finds_nothing_of_another_programme(app, world, login):
    """'Club Elders' and 'Andere opgave' live in the other programme."""
    for username in ("trekker2", "lid1", "bestuur", "regisseur", "admin"):
        client = login(username)
        assert found(client, "elders") == {}, username
        assert found(client, "andere opgave") == {}, username
        assert found(client, "testclub")["partner"] == ["VV Testclub"], username
    assert found(login("anderregisseur"), "elders")["partner"] == ["Club Elders"]
    assert found(login("anderregisseur"), "testclub") == {}


def test_each_programme_has_its_own_words_so_no_query_reaches_another(app, world):
    forged = text.scoped(world.other_programme_id, "elders")
    assert search(world.programme_id, Filters(query=forged)).groups == []
    assert search(world.programme_id, Filters(query="elders")).groups == []
    assert search(world.other_programme_id, Filters(query="elders")).groups


def test_the_board_finds_everything_but_cannot_change_what_it_finds(app, world, login):
    client = login("bestuur")
    results = found(client, "testclub")
    assert results["partner"] == ["VV Testclub"]
    assert "marker" in results and "journal" in results
    entry_page = client.get(f"/logboeken/{world.entry_ids['2026-10']}")
    assert entry_page.status_code == 200
    edit = client.post(journal_url(world.engagement1_id, "2026-10"), data=payload(world))
    assert edit.status_code == 403


def test_filters_by_kind_theme_and_months(app, world, login):
    client = login("regisseur")
    assert set(found(client, "club", soort="marker")) == {"marker"}
    assert found(client, "sportpark", thema=world.theme2_id)["opgave"] == ["Sportpark overdag"]
    assert found(client, "sportpark", thema=world.theme1_id) == {}
    only_october = found(client, "testclub", soort="journal", van="2026-10", tot="2026-10")
    assert only_october == {"journal": ["VV Testclub"]}
    bad = client.get("/zoeken", query_string={"q": "club", "van": "2026-13"})
    assert bad.status_code == 400
    assert "JJJJ-MM" in bad.get_data(as_text=True)
    assert 'value="club"' in bad.get_data(as_text=True)  # what was typed stays


def test_each_kind_links_to_its_page(app, world, login):
    client = login("regisseur")
    html = client.get("/zoeken?q=testclub").get_data(as_text=True)
    links = re.findall(r'class="search-hit-title" href="([^"]+)"', html)
    assert f"/partners/{world.partner_ids['club']}" in links
    assert f"/logboeken/{world.entry_ids['2026-10']}" in links
    assert f"/uitkomstuitdagingen/{world.engagement1_id}" in links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_navigation_box_on_every_page_and_no_inline_script(app, world, login):
    html = login("lid1").get("/themas").get_data(as_text=True)
    assert 'id="nav-search"' in html and 'role="search"' in html
    assert "js/search.js" in html


def test_reindex_rebuilds_the_same_documents(app, world):
    def documents() -> list[tuple]:
        rows = db.session.execute(
            select(SearchDocument.kind, SearchDocument.record_id, SearchDocument.terms).order_by(
                SearchDocument.kind, SearchDocument.record_id
            )
        )
        return rows.all()

    before = documents()
    assert before
    rebuild(db.session.connection(), [world.programme_id, world.other_programme_id])
    assert documents() == before


def test_api_search_answers_the_tokens_programme_only(app, world, client):
    from tests.api_support import ApiClient

    api = ApiClient(client)
    answer = api.get("/api/v1/search", as_user="lid1", q="testclub").get_json()
    kinds = [item["kind"] for item in answer["items"]]
    assert kinds == sorted(
        kinds, key=["partner", "opgave", "engagement", "marker", "journal"].index
    )
    assert {"id": world.partner_ids["club"], "kind": "partner"}.items() <= answer["items"][
        0
    ].items()
    assert answer["total"] == len(answer["items"])
    assert "<mark>" in answer["items"][0]["passage_html"] or answer["items"][0]["title"]
    assert api.get("/api/v1/search", as_user="lid1", q="elders").get_json()["total"] == 0
    assert api.get("/api/v1/search", as_user="anderregisseur", q="elders").get_json()["total"] == 1
    assert api.get("/api/v1/search", as_user="lid1").status_code == 400
    paged = api.get("/api/v1/search", as_user="lid1", q="testclub", per_page=1, page=2).get_json()
    assert len(paged["items"]) == 1 and paged["total"] == answer["total"]


def test_strategies_and_their_journals_are_found_and_linked(app, world, login):
    from omtracker.models import Strategy, StrategyJournalEntry, StrategyType

    with audit.suspended():
        strategy = Strategy(
            opgave_id=world.opgave2_id,
            type=StrategyType.e1,
            title="Ledenwerving via de schoolsportdag",
            description="Scholen en clubs samen.",
        )
        db.session.add(strategy)
        db.session.flush()
        db.session.add(
            StrategyJournalEntry(
                strategy_id=strategy.id, period="2026-10", activities="Drie schoolsportdagen."
            )
        )
        db.session.flush()
    client = login("trekker2")
    results = found(client, "schoolsportdagen")
    assert results == {
        "strategy": ["Ledenwerving via de schoolsportdag"],
        "strategy_journal": ["Ledenwerving via de schoolsportdag"],
    }
    html = client.get("/zoeken?q=schoolsportdagen").get_data(as_text=True)
    assert html.count(f'href="/strategieen/{strategy.id}"') == 2
    assert "oktober 2026" in html and "Sportparken" in html
    assert client.get(f"/strategieen/{strategy.id}").status_code == 200


def test_a_query_without_words_says_so(app, world, login):
    html = login("lid1").get("/zoeken?q=%21%21%21").get_data(as_text=True)
    assert "Geen woorden om naar te zoeken" in html
