"""Outcome Mapping's plans where people work: vision and mission, the monitoring plan per
programme and theme (valid from a month), the evaluation plan, the performance journal with
the eight practices, the L/M/H rubric beside the rating buttons, and "Zo rekenen we"."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.metrics import Scope, coverage
from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    LadderRubric,
    MonitoringPlan,
    PerformanceJournalEntry,
    Practice,
    Programme,
)

PLAN = {
    "valid_from": "2026-11",
    "monitored": "De ladders van de grenspartners.",
    "monitored_by": "De thematrekker.",
    "how_often": "Elke maand.",
    "use_of_information": "Bespreking in de themagroep.",
    "journal_frequency_months": "3",
    "performance_rhythm_months": "3",
}


def test_vision_and_mission_are_shown_on_the_overview_and_the_theme_page(login, world):
    programme = db.session.get(Programme, world.programme_id)
    programme.mission = "Samen maken we Testsportstad."
    db.session.flush()
    client = login("lid1")
    overview = client.get("/").get_data(as_text=True)
    assert "Iedereen beweegt." in overview and "Samen maken we Testsportstad." in overview
    theme = client.get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Visie en missie van Testsportstad" in theme
    assert "Samen maken we Testsportstad." in theme
    hub = client.get("/outcome-mapping").get_data(as_text=True)
    assert "Iedereen beweegt." in hub and "/evaluatieplan" in hub


def test_theme_leader_writes_the_themes_monitoring_plan_valid_from_this_month(login, world):
    client = login("trekker1")
    url = f"/themas/{world.theme1_id}/monitoringsplan"
    response = client.post(url + "/nieuw", data=PLAN)
    assert response.headers["Location"] == url
    plan = db.session.scalar(
        select(MonitoringPlan).where(MonitoringPlan.theme_id == world.theme1_id)
    )
    assert plan.valid_from == "2026-11" and plan.journal_frequency_months == 3
    page = client.get(url).get_data(as_text=True)
    assert "De ladders van de grenspartners." in page
    # the plan's rhythm is now each partner's, with a link to change one partner's own
    assert "VV Testclub" in page and 'class="table-warning"' not in page
    assert f"/uitkomstuitdagingen/{world.engagement1_id}/bewerken" in page


def test_the_plans_rhythm_sets_which_journals_are_due_from_its_month_only(login, world):
    scope = Scope(world.programme_id, engagement_id=world.engagement1_id)
    october_before = coverage(scope, "2026-10")
    assert db.session.get(Engagement, world.engagement1_id).monitoring_frequency_months == 1
    client = login("trekker1")
    response = client.post(f"/themas/{world.theme1_id}/monitoringsplan/nieuw", data=PLAN)
    assert response.status_code == 302
    engagement = db.session.get(Engagement, world.engagement1_id)
    assert engagement.monitoring_frequency_months == 3  # quarterly, as the plan says
    # Due in November (the plan's first month), then not in December or January, again in February.
    assert [is_due_in(scope, m) for m in ("2026-11", "2026-12", "2027-01", "2027-02")] == [
        True,
        False,
        False,
        True,
    ]
    assert coverage(scope, "2026-10") == october_before  # the past stays the past
    # A theme of another plan, or a plan without a rhythm, changes nobody's rhythm.
    client.post(
        f"/themas/{world.theme1_id}/monitoringsplan/nieuw",
        data={**PLAN, "valid_from": "2027-03", "journal_frequency_months": ""},
    )
    assert db.session.get(Engagement, world.engagement1_id).monitoring_frequency_months == 3


def is_due_in(scope, period: str) -> bool:  # noqa: ANN001
    return coverage(scope, period).due > 0


def test_a_plan_cannot_start_in_the_past_and_keeps_what_was_typed(login, world):
    client = login("trekker1")
    response = client.post(
        f"/themas/{world.theme1_id}/monitoringsplan/nieuw", data={**PLAN, "valid_from": "2026-05"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "eerdere maanden houden hun plan" in html and "De ladders van de grenspartners." in html


def test_a_later_plan_leaves_the_current_one_in_place(login, world):
    client = login("regisseur")
    client.post("/monitoringsplan/nieuw", data=PLAN)
    client.post(
        "/monitoringsplan/nieuw", data={**PLAN, "valid_from": "2027-01", "monitored": "Later."}
    )
    plans = db.session.scalars(
        select(MonitoringPlan)
        .where(MonitoringPlan.theme_id.is_(None), MonitoringPlan.programme_id == world.programme_id)
        .order_by(MonitoringPlan.valid_from)
    ).all()
    assert [p.valid_from for p in plans] == ["2026-11", "2027-01"]
    page = client.get("/monitoringsplan").get_data(as_text=True)
    current = page.split('class="card mb-3 monitoring-plan-current"')[1].split("</section>")[0]
    assert "De ladders van de grenspartners." in current and "Later." not in current


def test_only_coordinators_keep_the_programme_plans(login, world):
    for user in ("trekker1", "lid1", "bestuur"):
        client = login(user)
        assert client.post("/monitoringsplan/nieuw", data=PLAN).status_code == 403
        assert client.get("/evaluatieplan/nieuw").status_code == 403
        assert client.get("/evaluatieplan").status_code == 200
    assert (
        login("trekker2").get(f"/themas/{world.theme1_id}/monitoringsplan/nieuw").status_code == 403
    )


def test_coordinator_adds_an_evaluation_with_users_sources_dates_and_cost(login, world):
    client = login("regisseur")
    bad = client.post(
        "/evaluatieplan/nieuw",
        data={"question": "Werkt het?", "start_date": "2027-06-01", "end_date": "2027-01-01"},
    )
    assert bad.status_code == 400 and "De einddatum ligt vóór de begindatum." in bad.get_data(
        as_text=True
    )
    response = client.post(
        "/evaluatieplan/nieuw",
        data={
            "question": "Bereiken we meer kinderen in Pittelo?",
            "users": "Regiegroep",
            "uses": "Besluit over verlenging",
            "sources": "Uitkomstenlogboeken",
            "methods": "Contributieanalyse",
            "start_date": "2027-01-01",
            "end_date": "2027-06-30",
            "cost_euros": "2500",
        },
    )
    assert response.headers["Location"] == "/evaluatieplan"
    item = db.session.scalar(select(EvaluationPlanItem))
    assert item.cost_euros == 2500 and item.users == "Regiegroep"
    page = client.get("/evaluatieplan").get_data(as_text=True)
    assert "Bereiken we meer kinderen in Pittelo?" in page and "€ 2.500" in page


def test_performance_journal_rates_the_eight_practices_on_a_quarterly_rhythm(login, world):
    client = login("trekker1")
    client.post(f"/themas/{world.theme1_id}/monitoringsplan/nieuw", data=PLAN)
    # November lies in the quarter that starts in October
    moved = client.get(f"/themas/{world.theme1_id}/prestatielogboek/2026-11")
    assert moved.headers["Location"] == f"/themas/{world.theme1_id}/prestatielogboek/2026-10"
    form = client.get(moved.headers["Location"]).get_data(as_text=True)
    assert "Steun verwerven van het naasthogere gezag" in form and "Experimenteren" in form
    empty = client.post(f"/themas/{world.theme1_id}/prestatielogboek/2026-10", data={})
    assert empty.status_code == 400
    response = client.post(
        f"/themas/{world.theme1_id}/prestatielogboek/2026-10",
        data={
            "feedback_example": "Gesprek met de wijkcoaches.",
            "feedback_lessons": "Vaker doen.",
            "feedback_rating": "2",
            "experimenting_rating": "1",
        },
    )
    assert response.headers["Location"] == f"/themas/{world.theme1_id}/prestatielogboek"
    entry = db.session.scalar(select(PerformanceJournalEntry))
    notes = {n.practice: n for n in entry.notes}
    assert notes[Practice.feedback].rating == 2 and notes[Practice.reflection].rating is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Gesprek met de wijkcoaches." in page
    assert (
        login("lid1").get(f"/themas/{world.theme1_id}/prestatielogboek/2026-10").status_code == 403
    )


def test_rubric_is_shown_beside_the_rating_buttons(login, world):
    client = login("trekker1")
    url = f"/uitkomstuitdagingen/{world.engagement1_id}/rubriek"
    response = client.post(
        url, data={"low": "Praat mee.", "medium": "Doet mee.", "high": "Neemt het voortouw."}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(LadderRubric)).high == "Neemt het voortouw."
    form = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}/logboek/2026-11")
    html = form.get_data(as_text=True)
    assert "Zo beoordelen we bij deze partner" in html and "Neemt het voortouw." in html
    assert login("lid1").post(url, data={"low": "x"}).status_code == 403


def test_how_we_count_separates_the_method_from_omtrackers_conventions(client, login):
    page = client.get("/zo-rekenen-we").get_data(as_text=True)
    method = page.split("Dit is Outcome Mapping")[1].split("Dit zijn afspraken van omtracker")[0]
    ours = page.split("Dit zijn afspraken van omtracker")[1]
    assert "De ladder." in method and "Het uitkomstenlogboek." in method
    assert "Bereikt vanaf gemiddeld" in ours and "Fase" in ours and "413 van 415 is 99 %" in ours
    dashboard = login("bestuur").get("/dashboard/").get_data(as_text=True)
    assert "/zo-rekenen-we" in dashboard


def test_the_eight_practices_carry_their_outcome_mapping_names_in_english(login, world):
    client = login("trekker1")
    client.post("/taal", data={"lang": "en", "next": "/"})
    form = client.get(f"/themas/{world.theme1_id}/prestatielogboek/2026-11").get_data(as_text=True)
    for name in (
        "Prospecting for new ideas",
        "Seeking feedback from key informants",
        "Obtaining support from the next highest power",
        "Assessing and redesigning products",
        "Checking up on those already served",
        "Sharing the best wisdom",
        "Experimenting",
        "Engaging in organisational reflection",
    ):
        assert name in form
    page = client.get("/zo-rekenen-we").get_data(as_text=True)
    assert "These are omtracker&#39;s conventions" in page or "These are omtracker's" in page


def test_an_evaluation_is_archived_never_deleted(login, world):
    item = EvaluationPlanItem(programme_id=world.programme_id, question="Werkt het?")
    db.session.add(item)
    db.session.flush()
    client = login("regisseur")
    assert client.post(f"/evaluatieplan/{item.id}/archiveren").status_code == 302
    db.session.expire_all()
    assert db.session.get(EvaluationPlanItem, item.id).archived is True
    page = client.get("/evaluatieplan").get_data(as_text=True)
    assert "Werkt het?" in page and "Terugzetten uit het archief" in page
    assert login("trekker1").post(f"/evaluatieplan/{item.id}/terugzetten").status_code == 403


def test_two_people_editing_one_outcome_the_second_gets_a_conflict_and_keeps_their_text(
    login, world
):
    outcome = HarvestedOutcome(
        programme_id=world.programme_id,
        theme_id=world.theme1_id,
        actor_name="Buurtvereniging",
        change="Opent de zaal.",
        period="2026-10",
    )
    db.session.add(outcome)
    db.session.flush()
    stale = str(outcome.version)
    outcome.change = "Opent de zaal op woensdag."
    db.session.flush()
    client = login("trekker1")
    response = client.post(
        f"/uitkomsten/{outcome.id}/bewerken",
        data={
            "theme_id": str(world.theme1_id),
            "actor_name": "Buurtvereniging",
            "change": "Mijn eigen tekst.",
            "period": "2026-10",
            "version": stale,
        },
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Mijn eigen tekst." in html and "Opent de zaal op woensdag." in html
