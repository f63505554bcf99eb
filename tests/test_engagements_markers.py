"""A theme leader keeps the ladder: add, edit, reorder, retire and restore progress markers."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry, ProgressMarker, Tier
from tests.engagements_support import ladder


def tier_order(engagement_id: int, tier: Tier) -> list[str]:
    return list(
        db.session.scalars(
            select(ProgressMarker.text)
            .where(
                ProgressMarker.engagement_id == engagement_id,
                ProgressMarker.tier == tier,
                ProgressMarker.retired_period.is_(None),
            )
            .order_by(ProgressMarker.position, ProgressMarker.id)
        )
    )


def test_leader_adds_a_marker_at_the_end_of_its_tier(world, login):
    client = login("trekker1")
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw"
    form = client.get(url + "?niveau=expect").get_data(as_text=True)
    assert 'value="expect" selected' in form or 'selected value="expect"' in form
    assert 'value="2026-11"' in form  # counts from this month by default
    response = client.post(
        url,
        data={"tier": "expect", "text": "Club evalueert met school", "first_period": "2026-11"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/uitkomstuitdagingen/{world.engagement1_id}")
    assert tier_order(world.engagement1_id, Tier.expect)[-1] == "Club evalueert met school"


def test_save_and_add_another_returns_to_the_form_for_the_same_tier(world, login):
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw",
        data={
            "tier": "love",
            "text": "Club traint andere clubs",
            "first_period": "2026-11",
            "next": "another",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/markeringen/nieuw?niveau=love")


def test_a_wrong_month_or_missing_text_is_400_with_the_input_kept(world, login):
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw",
        data={"tier": "like", "text": "Bewaar mij", "first_period": "2026-13"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul een maand in als JJJJ-MM" in html and "Bewaar mij" in html
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw",
        data={"tier": "bogus", "text": "", "first_period": "2026-11"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Beschrijf het gedrag dat je wilt zien." in html


def test_an_unanticipated_change_is_promoted_to_a_marker_in_one_step(world, login):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.unanticipated_change = "De club begon zelf een ouderavond."
    db.session.flush()
    client = login("trekker1")
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw?uit_logboek={entry.id}"
    form = client.get(url).get_data(as_text=True)
    assert "De club begon zelf een ouderavond." in form and 'value="2026-10"' in form
    assert "Dit verandert de cijfers van oktober" in form  # a past month: asked first
    response = client.post(
        url,
        data={
            "tier": "like",
            "text": "De club organiseert ouderavonden",
            "first_period": "2026-10",
            "level": "2",
            "confirm_past": "y",
        },
    )
    assert response.status_code == 302
    marker = db.session.scalar(
        select(ProgressMarker).where(ProgressMarker.text == "De club organiseert ouderavonden")
    )
    assert marker.origin_entry_id == entry.id
    page = client.get(f"/markeringen/{marker.id}").get_data(as_text=True)
    assert "Onverwachte verandering uit het logboek van" in page and "oktober 2026" in page


def test_promoting_from_another_engagements_entry_is_404(world, login):
    other = ladder(world, markers=1, months=1)
    entry_id = db.session.scalar(select(JournalEntry.id).where(JournalEntry.engagement_id == other))
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw?uit_logboek={entry_id}"
    assert login("trekker1").get(url).status_code == 404


def test_leader_edits_a_marker_text_and_the_change_is_audited(world, login):
    client = login("trekker1")
    marker_id = world.marker_ids["expect1"]
    response = client.post(
        f"/markeringen/{marker_id}/bewerken",
        data={"text": "Club neemt actief deel", "version": "1"},
    )
    assert response.status_code == 302
    assert db.session.get(ProgressMarker, marker_id).text == "Club neemt actief deel"
    page = client.get(f"/markeringen/{marker_id}").get_data(as_text=True)
    assert "Wijzigingen" in page and "Gewijzigd" in page
    assert "Club neemt deel aan overleg" in page  # the old text, struck through in the trail


def test_second_save_of_a_marker_gets_a_conflict_and_keeps_the_typed_text(world, login):
    client = login("trekker1")
    url = f"/markeringen/{world.marker_ids['like1']}/bewerken"
    assert client.post(url, data={"text": "Eerste versie", "version": "1"}).status_code == 302
    second = client.post(url, data={"text": "Mijn versie", "version": "1"})
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Eerste versie" in html and "Mijn versie" in html
    assert db.session.get(ProgressMarker, world.marker_ids["like1"]).text == "Eerste versie"


def test_markers_move_up_and_down_within_their_tier_only(world, login):
    client = login("trekker1")
    assert tier_order(world.engagement1_id, Tier.expect) == [
        "Club neemt deel aan overleg",
        "Club wijst contactpersoon aan",
    ]
    response = client.post(f"/markeringen/{world.marker_ids['expect2']}/omhoog")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#marker-{world.marker_ids['expect2']}")
    assert tier_order(world.engagement1_id, Tier.expect) == [
        "Club wijst contactpersoon aan",
        "Club neemt deel aan overleg",
    ]
    # already at the top: nothing changes, no error
    assert client.post(f"/markeringen/{world.marker_ids['expect2']}/omhoog").status_code == 302
    assert client.post(f"/markeringen/{world.marker_ids['love1']}/omlaag").status_code == 302
    assert tier_order(world.engagement1_id, Tier.expect)[0] == "Club wijst contactpersoon aan"


def test_reorder_buttons_are_plain_forms_with_spoken_labels(world, login):
    html = login("trekker1").get(f"/uitkomstuitdagingen/{world.engagement1_id}")
    html = html.get_data(as_text=True)
    assert f'action="/markeringen/{world.marker_ids["expect1"]}/omlaag"' in html
    assert "Omlaag: Club neemt deel aan overleg" in html


def test_retiring_keeps_the_history_and_can_be_undone(world, login):
    client = login("trekker1")
    marker_id = world.marker_ids["expect2"]
    form = client.get(f"/markeringen/{marker_id}/intrekken").get_data(as_text=True)
    assert 'value="2026-10"' in form  # last month by default
    response = client.post(
        f"/markeringen/{marker_id}/intrekken", data={"retired_period": "2026-10", "version": "1"}
    )
    assert response.status_code == 302
    marker = db.session.get(ProgressMarker, marker_id)
    assert marker.retired_period == "2026-10"
    page = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    assert "Ingetrokken markeringen" in page and "okt 2026" in page
    history = client.get(f"/markeringen/{marker_id}").get_data(as_text=True)
    assert "Ingetrokken" in history and "september 2026" in history and "Gemiddeld" in history
    response = client.post(f"/markeringen/{marker_id}/terugzetten", data={"version": "2"})
    assert response.status_code == 302
    db.session.refresh(marker)
    assert marker.retired_period is None
    assert db.session.get(ProgressMarker, marker_id) is not None  # never deleted


def test_retiring_before_the_first_month_or_in_month_13_is_400(world, login):
    client = login("trekker1")
    url = f"/markeringen/{world.marker_ids['like1']}/intrekken"
    early = client.post(url, data={"retired_period": "2025-12", "version": "1"})
    assert early.status_code == 400
    assert "telt pas mee vanaf januari 2026" in early.get_data(as_text=True)
    bad = client.post(url, data={"retired_period": "2026-13", "version": "1"})
    assert bad.status_code == 400
    assert db.session.get(ProgressMarker, world.marker_ids["like1"]).retired_period is None


def test_retiring_with_a_stale_version_is_a_409_conflict(world, login):
    client = login("trekker1")
    marker_id = world.marker_ids["love1"]
    client.post(f"/markeringen/{marker_id}/bewerken", data={"text": "Nieuw", "version": "1"})
    response = client.post(
        f"/markeringen/{marker_id}/intrekken", data={"retired_period": "2026-10", "version": "1"}
    )
    assert response.status_code == 409
    assert db.session.get(ProgressMarker, marker_id).retired_period is None


def test_restoring_with_a_stale_version_is_a_409_and_changes_nothing(world, login):
    client = login("trekker1")
    marker_id = world.marker_ids["expect2"]
    client.post(
        f"/markeringen/{marker_id}/intrekken", data={"retired_period": "2026-10", "version": "1"}
    )
    stale = client.post(f"/markeringen/{marker_id}/terugzetten", data={"version": "1"})
    assert stale.status_code == 409
    assert "Iemand anders heeft deze markering intussen gewijzigd" in stale.get_data(as_text=True)
    assert db.session.get(ProgressMarker, marker_id).retired_period == "2026-10"


def test_marker_page_lists_every_rating_with_its_journal(world, login):
    html = (
        login("bestuur").get(f"/markeringen/{world.marker_ids['expect1']}").get_data(as_text=True)
    )
    assert "Club neemt deel aan overleg" in html
    assert "september 2026" in html and "oktober 2026" in html
    assert "Hoog" in html and "Gemiddeld" in html
    assert "Tekst bewerken" not in html  # the board reads only


def test_unknown_markers_are_404(world, login):
    assert login("trekker1").get("/markeringen/999999").status_code == 404
