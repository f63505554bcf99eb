"""The national May and November roll-up (issue 17, item 5): editions, the page, the XLSX and
the read API. A programme that does not share never appears; a figure from fewer than three
programmes is withheld; a programme's own people get 403."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from omtracker.extensions import db
from omtracker.models import JournalEntry, MarkerRating, NationalTheme, NetworkKind, Tier
from omtracker.national import rollup as rollups
from tests.api_support import bearer, make_token
from tests.national_support import engagement, municipality, network

VITAL, SPACE = NationalTheme.vital_providers, NationalTheme.space
E, L = Tier.expect, Tier.like


def _rate_in(item, period: str, levels: list[int]) -> None:
    """A journal of `period` rating the engagement's markers in order."""
    entry = JournalEntry(engagement=item, period=period, change_description="Eerder.")
    db.session.add(entry)
    markers = sorted(item.markers, key=lambda m: (m.tier != E, m.position))
    for marker, level in zip(markers, levels, strict=False):
        db.session.add(MarkerRating(entry=entry, marker=marker, level=level))
    entry.observed = True
    db.session.flush()


@pytest.fixture
def municipalities(app, world):
    """Three sharing municipalities on vital providers, two also on space (withheld there),
    and one that keeps its figures to itself; a national and a regional network."""
    a = municipality("Aadorp", 12_000)
    b = municipality("Beedorp", 45_000)
    c = municipality("Ceedorp", 150_000)
    quiet = municipality("Stildorp", 30_000, shares=False)
    # Since May: Aadorp one rose, two stayed; Beedorp one rose, one fell, three stayed;
    # Ceedorp two stayed.
    _rate_in(engagement(a, VITAL, {E: [2, 1], L: [3]}), "2026-05", [1, 1, 3])
    _rate_in(engagement(b, VITAL, {E: [2, 2, 3], L: [1, 0]}), "2026-05", [2, 1, 3, 1, 1])
    _rate_in(engagement(c, VITAL, {E: [3], L: [2]}), "2026-05", [3, 2])
    engagement(a, SPACE, {E: [3]})
    engagement(b, SPACE, {E: [3]})
    engagement(quiet, VITAL, {E: [3, 3, 3, 3, 3]})
    engagement(quiet, SPACE, {E: [3]})
    network("Monitor (rapportagetest)", NetworkKind.national, reader="monitor")
    network("Sportbureau (rapportagetest)", NetworkKind.regional, [a, b, quiet], reader="regio")
    db.session.commit()
    return {"a": a, "b": b, "c": c, "quiet": quiet}


# -- editions ------------------------------------------------------------------------------


def test_an_edition_is_a_may_or_a_november_and_covers_the_half_year_up_to_it():
    assert rollups.edition_of("2026-11") == "2026-11"
    assert rollups.edition_of("2026-10") == "2026-05"
    assert rollups.edition_of("2026-04") == "2025-11"
    assert rollups.half_year_start("2026-05") == "2025-12"
    assert rollups.half_year_start("2026-11") == "2026-06"
    assert rollups.kind_of("2026-05") == "quantitative"
    assert rollups.kind_of("2026-11") == "qualitative"
    assert not rollups.is_edition("2026-06") and rollups.is_edition("2026-05")


def test_editions_run_from_the_first_half_year_with_data_to_the_latest_that_has_come():
    assert rollups.editions("2025-03", "2026-11") == ["2026-11", "2026-05", "2025-11", "2025-05"]
    assert rollups.editions("2025-06", "2026-10") == ["2026-05", "2025-11"]
    assert rollups.editions("2025-05", "2025-05") == ["2025-05"]
    assert rollups.editions(None, "2026-12") == ["2026-11"]
    assert rollups.editions("2026-12", "2026-12") == ["2026-11"]  # data only after it


def test_a_requested_edition_must_be_a_may_or_november_that_has_come(app):
    offered = ["2026-11", "2026-05"]
    assert rollups.requested_edition(None, offered) == "2026-11"
    assert rollups.requested_edition("2025-11", offered) == "2025-11"
    for bad in ("2026-06", "2027-05", "november", "2026-5"):
        with pytest.raises(rollups.EditionRefused):
            rollups.requested_edition(bad, offered)


# -- figures -------------------------------------------------------------------------------


def test_the_rollup_pools_the_edition_month_and_moves_over_the_half_year(municipalities):
    m = municipalities
    ids = rollups.readable_programme_ids(_user("admin"))
    assert m["quiet"].id not in ids
    result = rollups.build_rollup(ids, "2026-11")
    vital = result.figures.themes[VITAL]
    assert vital.programmes == 3
    assert (vital.tiers[E].reached, vital.tiers[E].total) == (5, 6)
    moved = result.theme_movement[VITAL]
    assert (moved.up, moved.down, moved.same) == (2, 1, 7)
    assert result.since == "2026-05" and result.start == "2026-06"
    assert result.figures.themes[SPACE].withheld  # two municipalities only
    assert result.theme_movement[SPACE] is None
    own = result.programme_movement[m["a"].id][VITAL]
    assert (own.up, own.down, own.same) == (1, 0, 2)


def test_movement_that_only_one_municipality_has_is_withheld_on_its_own(app, world):
    a, b, c = (municipality(name) for name in ("Adorp", "Bedorp", "Cedorp"))
    _rate_in(engagement(a, VITAL, {E: [2, 1]}), "2026-05", [1, 1])
    engagement(b, VITAL, {E: [2]})
    engagement(c, VITAL, {E: [3]})
    result = rollups.build_rollup([a.id, b.id, c.id], "2026-11")
    assert result.figures.themes[VITAL].tiers[E].total == 4  # the month is shown
    assert result.theme_movement[VITAL] is None  # only Adorp was rated in May
    block = next(iter(result.figures.blocks(VITAL)))
    assert result.cell_movement(VITAL, block) is None
    json = rollups.rollup_json(result)
    vital = next(t for t in json["national_themes"] if t["national_theme"] == "vital_providers")
    assert vital["total"]["movement"] is None and vital["total"]["tier_attainment"]["expect"]


# -- the read API --------------------------------------------------------------------------


def test_a_reader_gets_the_rollup_as_json_without_the_municipality_that_does_not_share(
    client, municipalities
):
    m = municipalities
    response = client.get("/api/v1/landelijk/rapportage", headers=bearer(make_token("monitor")))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["edition"] == "2026-11" and body["editions"] == ["2026-11", "2026-05"]
    assert body["programmes"] == 3 and body["min_programmes"] == 3
    rows = {row["programme_id"]: row for row in body["programme_rows"]}
    assert set(rows) == {m["a"].id, m["b"].id, m["c"].id}
    assert "Stildorp" not in response.get_data(as_text=True)
    themes = {t["national_theme"]: t for t in body["national_themes"]}
    assert themes["vital_providers"]["total"]["tier_attainment"]["expect"] == {
        "reached": 5,
        "total": 6,
        "pct": 83,
    }
    assert themes["vital_providers"]["total"]["movement"] == {
        "from": "2026-05",
        "to": "2026-11",
        "up": 2,
        "down": 1,
        "same": 7,
    }
    space = themes["space"]["total"]
    assert space["withheld"] and space["programmes"] is None and space["tier_attainment"] is None
    assert all(block["withheld"] for block in themes["space"]["building_blocks"])
    assert rows[m["c"].id]["size_class"] == "city"


def test_a_regional_reader_sees_only_its_sharing_municipalities_and_so_less(client, municipalities):
    response = client.get("/api/v1/landelijk/rapportage", headers=bearer(make_token("regio")))
    body = response.get_json()
    assert body["programmes"] == 2
    assert all(t["total"]["withheld"] for t in body["national_themes"])
    assert "Stildorp" not in response.get_data(as_text=True)


def test_programme_people_get_403_from_the_api_and_admins_read_it(client, municipalities):
    for username in ("regisseur", "bestuur", "lid1", "anderregisseur"):
        response = client.get("/api/v1/landelijk/rapportage", headers=bearer(make_token(username)))
        assert response.status_code == 403, username
    admin = client.get("/api/v1/landelijk/rapportage", headers=bearer(make_token("admin")))
    assert admin.status_code == 200 and admin.get_json()["programmes"] == 3


def test_the_api_refuses_an_edition_to_come_or_not_in_may_or_november(client, municipalities):
    headers = bearer(make_token("monitor"))
    for bad in ("2027-05", "2026-10", "2026-13"):
        response = client.get(
            "/api/v1/landelijk/rapportage", query_string={"editie": bad}, headers=headers
        )
        assert response.status_code == 400, bad
    older = client.get(
        "/api/v1/landelijk/rapportage", query_string={"editie": "2026-05"}, headers=headers
    )
    assert older.status_code == 200 and older.get_json()["movement_since"] == "2025-11"


def test_a_network_reader_reads_no_programme_endpoint(client, municipalities):
    response = client.get("/api/v1/themes", headers=bearer(make_token("monitor")))
    assert response.status_code == 403


def _user(username: str):
    from tests.api_support import user

    return user(username)


# -- the XLSX ------------------------------------------------------------------------------


def test_the_xlsx_has_an_explanation_and_one_sheet_per_national_theme(municipalities):
    from omtracker.national.rollup_export import rollup_xlsx

    ids = rollups.readable_programme_ids(_user("admin"))
    data = rollup_xlsx(rollups.build_rollup(ids, "2026-11"), "Monitor (rapportagetest)")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "Toelichting"
    assert len(book.sheetnames) == 1 + len(NationalTheme)
    about = {row[0]: row[1] for row in book["Toelichting"].iter_rows(values_only=True)}
    assert about["Gemeenten die hun cijfers delen"] == 3
    assert "minder dan 3" in about["Niet getoond"]
    vital = list(book["Vitale sportaanbieders"].iter_rows(values_only=True))
    assert vital[1][:4] == ("Alle bouwstenen", None, 3, 3)
    names = [row[0] for row in vital[2:]]
    assert {"Aadorp", "Beedorp", "Ceedorp"} <= set(names)
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    assert not any("Stildorp" in v for v in cells)
    space = list(book["Ruimte voor sport en bewegen"].iter_rows(values_only=True))
    assert space[1][2] is None and "minder dan 3" in space[1][-1]


# -- the page ------------------------------------------------------------------------------


def test_a_reader_sees_the_rollup_page_without_the_municipality_that_does_not_share(
    login, municipalities
):
    client = login("monitor")
    response = client.get("/landelijk/rapportage")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Landelijke rapportage november 2026" in page
    assert "Vitale sportaanbieders" in page and "3 gemeenten" in page
    assert "Niet getoond: minder dan 3 gemeenten" in page  # space: two municipalities
    assert "Stildorp" not in page
    assert 'value="2026-05"' in page  # the May edition is offered: data since May
    may = client.get("/landelijk/rapportage?editie=2026-05")
    assert may.status_code == 200 and "Landelijke rapportage mei 2026" in may.get_data(True)


def test_a_bad_edition_is_refused_with_a_message_beside_the_choice(login, municipalities):
    client = login("monitor")
    for bad in ("2026-06", "2027-05", "nonsense"):
        response = client.get("/landelijk/rapportage", query_string={"editie": bad})
        assert response.status_code == 400, bad
        assert 'id="editie-fout"' in response.get_data(as_text=True)
    assert client.get("/landelijk/rapportage.xlsx?editie=2027-05").status_code == 400


def test_the_xlsx_download_is_for_readers_and_admins_only(login, municipalities):
    client = login("monitor")
    response = client.get("/landelijk/rapportage.xlsx?editie=2026-11")
    assert response.status_code == 200
    assert "landelijke-rapportage-2026-11.xlsx" in response.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.data)).sheetnames[0] == "Toelichting"
    assert login("admin").get("/landelijk/rapportage.xlsx").status_code == 200
    for username in ("regisseur", "bestuur", "trekker1", "anderregisseur"):
        client = login(username)
        assert client.get("/landelijk/rapportage").status_code == 403, username
        assert client.get("/landelijk/rapportage.xlsx").status_code == 403, username


def test_the_rollup_is_in_the_navigation_of_readers_and_admins_only(login, municipalities):
    assert 'href="/landelijk/rapportage"' in login("monitor").get("/landelijk/").get_data(True)
    assert 'href="/landelijk/rapportage"' not in login("regisseur").get("/").get_data(True)


def test_the_rollup_costs_the_same_statements_for_three_or_six_municipalities(
    login, municipalities, count_queries
):
    from omtracker.national import figures, rollup_movement

    client = login("monitor")
    counts = []
    for extra in range(2):
        if extra:
            for n in range(3):
                engagement(municipality(f"Extra{n}"), VITAL, {E: [2, 3], L: [1]})
            db.session.commit()
        figures.clear_cache()
        rollup_movement.clear_cache()
        db.session.expire_all()
        with count_queries() as counter:
            assert client.get("/landelijk/rapportage").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_a_journal_saved_in_one_municipality_recomputes_its_movement_only(
    municipalities, monkeypatch
):
    from omtracker.national import rollup_movement

    m = municipalities
    ids = sorted(p.id for p in (m["a"], m["b"], m["c"]))
    rollup_movement.clear_cache()
    computed = []
    original = rollup_movement.movement_rows

    def recording(programme_ids, edition, since):  # noqa: ANN001, ANN202
        computed.append(sorted(programme_ids))
        return original(programme_ids, edition, since)

    monkeypatch.setattr(rollup_movement, "movement_rows", recording)
    rollups.build_rollup(ids, "2026-11")
    rollups.build_rollup(ids, "2026-11")
    assert computed == [ids]  # the second time from the cache
    _rate_in(engagement(m["c"], VITAL, {E: [3]}), "2026-05", [1])  # rose since May
    db.session.commit()
    again = rollups.build_rollup(ids, "2026-11").theme_movement[VITAL]
    assert (again.up, again.down, again.same) == (3, 1, 7)
    assert computed == [ids, [m["c"].id]]


def test_the_rollup_page_and_xlsx_follow_the_chosen_language(login, municipalities):
    client = login("monitor")
    client.post("/taal", data={"lang": "en"})
    page = client.get("/landelijk/rapportage").get_data(as_text=True)
    assert "National report November 2026" in page and "3 municipalities" in page
    data = client.get("/landelijk/rapportage.xlsx").data
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Explanation"
