"""Merging a duplicate partner into the one that stays: preview, conflicts, nothing lost."""

from __future__ import annotations

import pytest

from omtracker.extensions import db
from omtracker.models import Engagement, JournalContributor, Partner, PartnerRelation, RelationType
from omtracker.partners import merge
from tests.partners_support import add_partner, engage, mention, relate, write_entry


@pytest.fixture
def duplicate(world):  # noqa: ANN201
    """'Testclub' entered twice: the duplicate has an engagement, mentions and relations."""
    club = db.session.get(Partner, world.partner_ids["club"])
    school = db.session.get(Partner, world.partner_ids["school"])
    welzijn = db.session.get(Partner, world.partner_ids["welzijn"])
    dup = add_partner(
        world.programme_id, "Testclub", wijk="Pittelo-Noord", contact_phone="0592 111111"
    )
    dup_engagement = engage(dup, world.opgave2_id)
    write_entry(dup_engagement, "2026-10")
    school_entry = write_entry(engage(school, world.opgave2_id), "2026-10")
    welzijn_entry = write_entry(engage(welzijn, world.opgave2_id), "2026-10")
    mention(school_entry, dup)  # moves
    mention(welzijn_entry, dup)  # duplicate: the same entry already names the club
    mention(welzijn_entry, club)
    club_entry = db.session.get(Engagement, world.engagement1_id).journal_entries[0]
    mention(club_entry, dup)  # would become the club naming itself
    relations = {
        "moves": relate(dup, school, RelationType.referral),
        "self": relate(dup, club, RelationType.cooperation),
        "duplicate": relate(welzijn, dup, RelationType.funding),
    }
    relate(welzijn, club, RelationType.funding)
    return {"club": club, "dup": dup, "engagement": dup_engagement, "relations": relations}


def test_coordinator_sees_a_preview_before_merging(login, world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    html = (
        login("regisseur")
        .get(f"/partners/{dup.id}/samenvoegen?doel={club.id}")
        .get_data(as_text=True)
    )
    assert "Voorbeeld: Testclub → VV Testclub" in html
    assert "1 uitkomstuitdaging gaat mee" in html and "Sportpark overdag" in html
    assert "1 vermelding gaat mee" in html
    assert "1 relatie gaat mee" in html
    assert "Relaties die niet meegaan" in html
    assert "Pittelo-Noord" not in html  # the club's own wijk is kept, not overwritten
    assert "0592 111111" in html  # an empty field of the club is filled
    assert dup.archived is False and duplicate["engagement"].partner_id == dup.id


def test_merge_moves_everything_and_archives_the_duplicate(login, world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    response = login("regisseur").post(
        f"/partners/{dup.id}/samenvoegen", data={"target_id": club.id, "confirm": "y"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/partners/{club.id}"
    db.session.expire_all()
    dup = db.session.get(Partner, dup.id)
    assert dup.archived and dup.merged_into_id == club.id
    assert db.session.get(Engagement, duplicate["engagement"].id).partner_id == club.id
    assert club.contact_phone == "0592 111111" and club.wijk == "Pittelo"
    mentions = db.session.scalars(db.select(JournalContributor)).all()
    assert sorted((m.partner_id == club.id) for m in mentions) == [False, False, True, True]
    relations = {
        k: db.session.get(PartnerRelation, r.id) for k, r in duplicate["relations"].items()
    }
    assert relations["moves"].source_partner_id == club.id
    assert relations["self"].source_partner_id == dup.id  # kept, not turned into a self-link
    assert relations["duplicate"].target_partner_id == dup.id
    page = login("regisseur").get(f"/partners/{dup.id}").get_data(as_text=True)
    assert "Deze partner is samengevoegd met" in page and "VV Testclub" in page


def test_merge_is_refused_when_both_have_a_challenge_for_the_same_opgave(login, world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    engage(dup, world.opgave1_id)  # the club already works on Beweegdiploma
    client = login("regisseur")
    preview = client.get(f"/partners/{dup.id}/samenvoegen?doel={club.id}").get_data(as_text=True)
    assert "Samenvoegen kan nog niet." in preview and "Beweegdiploma" in preview
    response = client.post(
        f"/partners/{dup.id}/samenvoegen", data={"target_id": club.id, "confirm": "y"}
    )
    assert response.status_code == 409
    assert "Beweegdiploma" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Partner, dup.id).archived is False
    assert db.session.get(Engagement, duplicate["engagement"].id).partner_id == dup.id


def test_merge_service_refuses_conflicts_without_changing_anything(world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    engage(dup, world.opgave1_id)
    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge_partners(dup, club)
    assert [o.title for o in refused.value.plan.conflicts] == ["Beweegdiploma"]
    assert dup.merged_into_id is None and not dup.archived


def test_merge_needs_the_confirmation_tick(login, world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    response = login("regisseur").post(
        f"/partners/{dup.id}/samenvoegen", data={"target_id": club.id}
    )
    assert response.status_code == 400
    assert "Vink aan dat je het overzicht hebt gecontroleerd." in response.get_data(as_text=True)
    assert db.session.get(Partner, dup.id).merged_into_id is None


@pytest.mark.parametrize("username", ["trekker1", "bestuur", "lid1"])
def test_only_coordinators_merge(login, world, duplicate, username):
    dup, club = duplicate["dup"], duplicate["club"]
    client = login(username)
    assert client.get(f"/partners/{dup.id}/samenvoegen").status_code == 403
    response = client.post(
        f"/partners/{dup.id}/samenvoegen", data={"target_id": club.id, "confirm": "y"}
    )
    assert response.status_code == 403
    assert db.session.get(Partner, dup.id).merged_into_id is None


def test_cannot_merge_into_another_programmes_partner(login, world, duplicate):
    response = login("regisseur").post(
        f"/partners/{duplicate['dup'].id}/samenvoegen",
        data={"target_id": world.partner_ids["elders"], "confirm": "y"},
    )
    assert response.status_code == 404


def test_a_merged_partner_cannot_be_restored(login, world, duplicate):
    dup, club = duplicate["dup"], duplicate["club"]
    merge.merge_partners(dup, club)
    response = login("regisseur").post(f"/partners/{dup.id}/herstellen", follow_redirects=True)
    assert "Een samengevoegde partner kan niet worden hersteld." in response.get_data(as_text=True)
    assert dup.archived is True
