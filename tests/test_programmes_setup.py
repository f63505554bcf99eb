"""A municipality starts its own programme: from the command line or the "Nieuw programma"
page, with a starting structure from the documents, its first coordinator invited by mail, and
an administrator of a hosting organisation switching between programmes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.models import BuildingBlock, Invitation, Opgave, Programme, Role, Theme
from omtracker.programmes import services
from omtracker.programmes.structures import structure
from tests.mail_support import link_in


def _themes(programme: Programme) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme).where(Theme.programme_id == programme.id).order_by(Theme.number)
        )
    )


def test_sportakkoord_ii_starts_with_the_six_national_themes_and_their_opgaven(app):
    made = services.create_programme(
        name="Sportakkoord Dorp",
        municipality="Dorp",
        inhabitants=12000,
        structure_key="sportakkoord-ii",
    )
    themes = _themes(made.programme)
    assert [t.name for t in themes] == [
        "Inclusie en diversiteit",
        "Een sociaal veilige sport",
        "Vitale sportaanbieders",
        "Vaardig in bewegen",
        "Ruimte voor sport en bewegen",
        "Maatschappelijke waarde van topsport",
    ]
    assert len(made.opgaven) == 11
    financial = next(o for o in made.opgaven if o.title == "Financiele toegankelijkheid vergroten")
    assert financial.theme.name == "Inclusie en diversiteit" and financial.target_year == 2026
    assert "Jeugdfonds Sport en Cultuur" in financial.work_agreements
    assert financial.targets.startswith("- ") and financial.source_note.startswith("werkplan")
    assert made.programme.inhabitants == 12000 and made.programme.municipality == "Dorp"


def test_assen_sportstad_starts_with_the_six_themes_under_the_three_building_blocks(app):
    made = services.create_programme(
        name="Nieuw Assen", municipality="Assen", structure_key="assen"
    )
    blocks = [t.building_block for t in _themes(made.programme)]
    assert blocks.count(BuildingBlock.software) == 3 and blocks.count(BuildingBlock.orgware) == 2
    assert blocks.count(BuildingBlock.hardware) == 1
    assert made.opgaven and all(o.source_note for o in made.opgaven)


def test_an_empty_programme_has_no_themes(app):
    made = services.create_programme(name="Leeg akkoord", municipality="Leegdorp")
    assert made.themes == [] and _themes(made.programme) == []
    assert structure("leeg") == []


def test_a_programme_needs_a_name_and_a_municipality_and_a_free_name(app, world):
    with pytest.raises(services.SetupError) as no_town:
        services.create_programme(name="Iets", municipality=" ")
    assert no_town.value.field == "municipality"
    with pytest.raises(services.SetupError) as taken:
        services.create_programme(name="testakkoord", municipality="Elders")
    assert taken.value.field == "name"


def test_create_programme_on_the_command_line_prints_what_it_made_and_invites(app, runner, smtp):
    result = runner.invoke(
        args=[
            "create-programme",
            "--name", "Sportakkoord Veendam",
            "--municipality", "Veendam",
            "--inhabitants", "27000",
            "--ambition", "Iedereen beweegt.",
            "--mission", "Samen sporten.",
            "--structure", "sportakkoord-ii",
            "--coordinator-email", "regie@veendam.example",
            "--coordinator-name", "Regie Veendam",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Programma Sportakkoord Veendam (Veendam) aangemaakt" in result.output
    assert "6 thema's, 11 opgaven" in result.output
    assert "Uitnodiging voor programmaregisseur regie@veendam.example: verstuurd" in result.output
    [mail] = smtp.wait_for("regie@veendam.example")
    assert "Programmaregisseur" in mail.get_payload(0).get_payload(decode=True).decode()
    assert link_in(mail, "/uitnodiging/")
    programme = db.session.scalar(select(Programme).where(Programme.slug == "veendam"))
    assert programme.ambition == "Iedereen beweegt." and programme.inhabitants == 27000
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.programme_id == programme.id)
    )
    assert invitation.role == Role.coordinator


def test_create_programme_refuses_bad_values_with_a_message(app, runner):
    bad = runner.invoke(
        args=["create-programme", "--name", "X", "--municipality", "Y", "--structure", "groot"]
    )
    assert bad.exit_code != 0 and "groot" in bad.output
    no_mail = runner.invoke(
        args=[
            "create-programme",
            "--name",
            "X",
            "--municipality",
            "Y",
            "--coordinator-email",
            "geen",
        ]
    )
    assert no_mail.exit_code != 0 and "--coordinator-email" in no_mail.output
    assert db.session.scalar(select(func.count(Programme.id)).where(Programme.name == "X")) == 0


def test_administrator_creates_a_programme_on_the_page_and_works_in_it(login, client, world, smtp):
    login("admin")
    page = client.get("/beheer/programmas/nieuw")
    assert page.status_code == 200 and "Sportakkoord II" in page.get_data(as_text=True)
    response = client.post(
        "/beheer/programmas/nieuw",
        data={
            "name": "Sportakkoord Emmen",
            "municipality": "Emmen",
            "inhabitants": "107000",
            "ambition": "Emmen beweegt.",
            "mission": "",
            "structure": "assen",
            "coordinator_email": "regie@emmen.example",
            "coordinator_name": "",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/beginnen")
    begin = client.get("/beginnen").get_data(as_text=True)
    assert "Beginnen met Sportakkoord Emmen" in begin and "Sjabloon uitkomstuitdagingen" in begin
    overview = client.get("/").get_data(as_text=True)
    assert "Emmen beweegt." in overview and "Testsportstad" not in overview
    assert smtp.wait_for("regie@emmen.example")
    # Switch back to the first programme.
    client.post(f"/beheer/programmas/{world.programme_id}/kiezen")
    assert "Iedereen beweegt." in client.get("/").get_data(as_text=True)


def test_the_new_programme_form_keeps_what_was_typed_on_an_error(login, client, world):
    login("admin")
    response = client.post(
        "/beheer/programmas/nieuw",
        data={
            "name": "Testakkoord",
            "municipality": "Ergens",
            "inhabitants": "-5",
            "structure": "leeg",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="Ergens"' in html and "Een aantal inwoners groter dan 0." in html


def test_only_administrators_create_and_switch_programmes(login, client, world):
    login("regisseur")
    assert client.get("/beheer/programmas/nieuw").status_code == 403
    assert client.post(f"/beheer/programmas/{world.other_programme_id}/kiezen").status_code == 403
    assert "Iedereen beweegt." in client.get("/").get_data(as_text=True)


def test_a_switched_administrator_sees_only_the_chosen_programmes_records(login, client, world):
    login("admin")
    client.post(f"/beheer/programmas/{world.other_programme_id}/kiezen")
    assert client.get(f"/themas/{world.theme1_id}").status_code == 404
    assert client.get(f"/themas/{world.other_theme_id}").status_code == 200
    users = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert "anderregisseur" in users and "trekker1" not in users


def test_the_checklist_counts_what_the_programme_has(login, client, world):
    login("regisseur")
    html = client.get("/beginnen").get_data(as_text=True)
    assert "Beginnen met Testakkoord" in html and "Mensen uitnodigen" in html
    assert db.session.scalar(select(func.count(Opgave.id))) >= 2


def test_administrator_keeps_the_number_of_inhabitants_in_the_settings(login, client, world):
    login("admin")
    programme = db.session.get(Programme, world.programme_id)
    response = client.post(
        "/beheer/programma",
        data={"name": "Testakkoord", "municipality": "Testdorp", "inhabitants": "68000",
              "ambition": "Iedereen beweegt.", "version": programme.version},
    )  # fmt: skip
    assert response.status_code == 302
    assert programme.inhabitants == 68000 and programme.municipality == "Testdorp"
