"""The four everyday actions of issue 11 that used to rewrite a past month, each told as the
coordinator's story: October's figures before and after the action (the clock says
16 November 2026).

Test world: engagement 1 (monthly from 2026-01) with markers expect1, expect2, like1, love1;
journals of September (expect1=2, expect2=1) and October (expect1=3, expect2=2, like1=1).
"""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.metrics import Attainment, Coverage, Scope, coverage, stages, tier_attainment
from omtracker.models import AuditEvent, Engagement, MarkerRating, ProgressMarker, Tier
from tests.past_support import differences

E, L, V = Tier.expect, Tier.like, Tier.love
OCTOBER = "2026-10"


def october(world) -> dict:  # noqa: ANN001
    scope = Scope(world.programme_id)
    return {
        "tiers": tier_attainment(scope, OCTOBER),
        "stages": stages(scope, OCTOBER),
        "coverage": coverage(scope, OCTOBER),
        "september": coverage(scope, "2026-09"),
    }


def _version(world) -> int:  # noqa: ANN001
    return db.session.get(Engagement, world.engagement1_id).version


def test_stopping_a_partner_in_november_leaves_october_as_it_was(world, login):
    before = october(world)
    assert before["tiers"][E] == Attainment(2, 2) and before["coverage"] == Coverage(1, 1)
    client = login("trekker1")
    response = client.post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/stoppen", data={"version": _version(world)}
    )
    assert response.status_code == 302
    assert differences({"10": before}, {"10": october(world)}) == []
    # From November on the partner no longer counts.
    assert tier_attainment(Scope(world.programme_id), "2026-11")[E] == Attainment()


def test_archiving_a_partner_in_november_leaves_october_as_it_was(world, login):
    before = october(world)
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/archiveren",
        data={"version": _version(world)},
    )
    assert response.status_code == 302
    assert october(world) == before
    assert stages(Scope(world.programme_id), "2026-11") == {}


def test_stopping_from_an_earlier_month_needs_confirmation(world, login):
    before = october(world)
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/stoppen",
        data={"version": _version(world), "vanaf": "2026-09"},
    )
    assert response.status_code == 400
    assert "verandert de cijfers van voorbije maanden" in response.get_data(as_text=True)
    assert db.session.get(Engagement, world.engagement1_id).active is True
    assert october(world) == before


def test_monthly_to_quarterly_keeps_the_written_journals_counting(world, login):
    before = october(world)
    assert before["september"] == Coverage(1, 1)
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken",
        data={
            "outcome_challenge": "De club biedt beweegles aan kleuters.",
            "monitoring_frequency_months": "3",
            "start_date": "2026-01-01",
            "version": _version(world),
        },
    )
    assert response.status_code == 302
    assert october(world) == before  # September and October stay 1 of 1
    # The quarterly schedule counts from November: due now, then February.
    assert coverage(Scope(world.programme_id), "2026-11") == Coverage(0, 1)
    assert coverage(Scope(world.programme_id), "2026-12") == Coverage(0, 0)


def test_a_back_dated_marker_names_the_months_it_changes_and_asks_first(world, login):
    before = october(world)
    client = login("trekker1")
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/markeringen/nieuw"
    data = {"tier": "expect", "text": "Club deelt het rooster", "first_period": "2026-09"}
    refused = client.post(url, data=data)
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Dit verandert de cijfers van september en oktober" in html
    assert "Club deelt het rooster" in html  # nothing the user typed is lost
    assert october(world) == before  # nothing saved yet

    confirmed = client.post(url, data={**data, "confirm_past": "y"})
    assert confirmed.status_code == 302
    # Meant on purpose: October's expect tier now has a third marker, not yet reached.
    assert tier_attainment(Scope(world.programme_id), OCTOBER)[E] == Attainment(2, 3)
    marker = db.session.scalars(
        select(ProgressMarker).where(ProgressMarker.text == "Club deelt het rooster")
    ).one()
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_type == "ProgressMarker",
            AuditEvent.entity_id == marker.id,
            AuditEvent.action == "backdate",
        )
    ).one()
    assert event.after["changed_months"] == ["2026-09", "2026-10"]


def test_promoting_a_change_rates_it_in_its_journal_so_that_month_gains(world, login):
    before = october(world)
    assert before["tiers"][L] == Attainment(0, 1)
    assert before["stages"] == {world.engagement1_id: "expect"}
    entry_id = world.entry_ids[OCTOBER]
    response = login("trekker1").post(
        f"/logboeken/{entry_id}/markering",
        data={"tier": "like", "text": "Club nodigt ouders uit", "level": "3"},
    )
    assert response.status_code == 302
    marker = db.session.scalars(
        select(ProgressMarker).where(ProgressMarker.origin_entry_id == entry_id)
    ).one()
    assert marker.first_period == OCTOBER
    rating = db.session.scalars(
        select(MarkerRating).where(MarkerRating.marker_id == marker.id)
    ).one()
    assert (rating.entry_id, rating.level) == (entry_id, 3)
    after = october(world)
    assert after["tiers"][L] == Attainment(1, 2)  # gained, not 0 of 2
    assert after["stages"] == {world.engagement1_id: "like"}  # rose, never fell
    assert after["tiers"][E] == before["tiers"][E] and after["coverage"] == before["coverage"]


def test_promoting_without_a_level_is_refused_in_dutch(world, login):
    entry_id = world.entry_ids[OCTOBER]
    response = login("trekker1").post(
        f"/logboeken/{entry_id}/markering", data={"tier": "like", "text": "Club nodigt ouders uit"}
    )
    assert response.status_code == 400
    assert "Kies het niveau dat je in dit logboek zag." in response.get_data(as_text=True)


def test_a_stop_planned_for_january_keeps_november_counting(world, login):
    scope = Scope(world.programme_id)
    november = tier_attainment(scope, "2026-11")
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/stoppen",
        data={"version": _version(world), "vanaf": "2027-01"},
    )
    assert response.status_code == 302
    assert tier_attainment(scope, "2026-11") == november
    assert tier_attainment(scope, "2026-12") == november  # no ratings since: carried forward
    assert tier_attainment(scope, "2027-01")[E] == Attainment()


def test_a_confirmed_stop_from_september_changes_september_on_purpose(world, login):
    response = login("trekker1").post(
        f"/uitkomstuitdagingen/{world.engagement1_id}/stoppen",
        data={"version": _version(world), "vanaf": "2026-09", "bevestig": "y"},
    )
    assert response.status_code == 302
    scope = Scope(world.programme_id)
    assert tier_attainment(scope, "2026-08")[E] == Attainment(0, 2)  # before: unchanged
    assert coverage(scope, "2026-10") == Coverage()  # from September on: not counted
