"""Key indicators: everyone reads them as the source gives them; coordinators keep them."""

from __future__ import annotations

import pytest

from omtracker.demo import facts
from omtracker.extensions import db
from omtracker.models import Indicator, IndicatorArea, IndicatorValue, Programme
from tests.dashboard_support import post_actions, section, svgs, text_of


def make_indicator(world, name="Wekelijkse sportdeelname", unit="%", values=(), **extra):
    indicator = Indicator(
        programme_id=world.programme_id, name=name, unit=unit, category="outcome", **extra
    )
    for year, number, text in values:
        indicator.values.append(
            IndicatorValue(
                year=year,
                area=IndicatorArea.municipality,
                area_name="Testdorp",
                value=number,
                value_text=text,
                source="GGD gezondheidsmonitor",
            )
        )
    db.session.add(indicator)
    db.session.flush()
    return indicator


def value_form(**overrides) -> dict:
    data = {
        "year": "2024",
        "area": "municipality",
        "area_name": "Testdorp",
        "value": "18,4",
        "value_text": "",
        "source": "Sportmonitor",
        "note": "",
    }
    data.update(overrides)
    return data


def test_the_documented_demo_values_show_as_the_documents_give_them(client, login, world):
    facts.load_indicators(db.session.get(Programme, world.programme_id))
    login("lid1")
    html = client.get("/indicatoren/").get_data(as_text=True)
    cards = {
        name: text_of(section(html, f">{name}</a>", "</article>"))
        for name in (
            "Wekelijkse sportdeelname",
            "Lidmaatschap sportvereniging (clublidmaatschap)",
            "Voldoen aan de beweegrichtlijnen",
            "Bewegen in de openbare ruimte: budget",
            "Waarde per persoon die aan de beweegrichtlijn gaat voldoen (levensloop)",
        )
    }
    assert cards["Wekelijkse sportdeelname"].startswith("45% 2020 · Assen")
    assert cards["Lidmaatschap sportvereniging (clublidmaatschap)"].startswith("18,4% 2020")
    assert cards["Voldoen aan de beweegrichtlijnen"].startswith("50% jaar onbekend")
    assert cards["Bewegen in de openbare ruimte: budget"].startswith("PM 2021")  # no number
    assert cards[
        "Waarde per persoon die aan de beweegrichtlijn gaat voldoen (levensloop)"
    ].startswith("34000–75000 2021")


def test_list_and_detail_with_a_trend_baseline_and_target(client, login, world):
    indicator = make_indicator(
        world,
        values=[(2016, 41.0, ""), (2020, 45.0, ""), (2022, None, "PM")],
        baseline_value=45.0,
        baseline_year=2020,
        target_value=50.0,
        target_year=2026,
    )
    single = make_indicator(world, name="Clublidmaatschap", values=[(2020, 18.4, "")])
    login("trekker1")
    html = client.get("/indicatoren/").get_data(as_text=True)
    card = section(html, f'id="ind-{indicator.id}">', "</article>")
    # The latest year has no number: the card says so rather than showing an older figure;
    # the years with a number still make the small trend.
    assert text_of(card).startswith("Wekelijkse sportdeelname PM 2022 · Testdorp")
    assert "Nulmeting 45% (2020)" in text_of(card) and "Doel 50% (2026)" in text_of(card)
    (spark,) = svgs(card)
    assert spark.find("{http://www.w3.org/2000/svg}desc").text == "2016: 41%; 2020: 45%"
    assert "<svg" not in section(html, f'id="ind-{single.id}">', "</article>")  # one year only

    detail = client.get(f"/indicatoren/{indicator.id}").get_data(as_text=True)
    (chart,) = svgs(detail)
    words = text_of(detail)
    assert "doel 2026: 50%" in words  # the target as a labelled line
    assert "2016 Testdorp (Gemeente) 41%" in words
    assert "2022 Testdorp (Gemeente) PM" in words
    assert chart.get("role") == "img"


def test_a_sparkline_appears_with_two_years_of_numbers_for_the_board(client, login, world):
    indicator = make_indicator(world, values=[(2016, 41.0, ""), (2020, 45.0, "")])
    login("bestuur")
    html = client.get("/indicatoren/").get_data(as_text=True)
    card = section(html, f'id="ind-{indicator.id}">', "</article>")
    (spark,) = svgs(card)
    assert spark.find("{http://www.w3.org/2000/svg}desc").text == "2016: 41%; 2020: 45%"
    assert text_of(card).startswith("Wekelijkse sportdeelname 45% 2020 · Testdorp")


@pytest.mark.parametrize("username", ["regisseur", "admin"])
def test_coordinators_create_edit_and_archive(client, login, world, username):
    login(username)
    response = client.post(
        "/indicatoren/nieuw",
        data={
            "name": "Beweegrichtlijn",
            "unit": "%",
            "category": "outcome",
            "target_value": "60",
            "target_year": "2030",
        },
    )
    assert response.status_code == 302
    indicator = db.session.scalar(db.select(Indicator).where(Indicator.name == "Beweegrichtlijn"))
    assert indicator.programme_id == world.programme_id and indicator.target_value == 60.0
    assert (
        client.post(f"/indicatoren/{indicator.id}/waarden/nieuw", data=value_form()).status_code
        == 302
    )
    value = indicator.values[0]
    assert (value.year, value.value, value.area) == (2024, 18.4, IndicatorArea.municipality)
    response = client.post(
        f"/indicatoren/waarden/{value.id}/bewerken",
        data=value_form(value="", value_text="34.000–75.000", version=value.version),
    )
    assert response.status_code == 302
    assert (value.value, value.value_text) == (None, "34.000–75.000")
    assert client.post(f"/indicatoren/waarden/{value.id}/archiveren").status_code == 302
    detail = text_of(client.get(f"/indicatoren/{indicator.id}").get_data(as_text=True))
    assert "34.000–75.000 Gearchiveerd" in detail  # archived, still readable
    assert client.post(f"/indicatoren/{indicator.id}/archiveren").status_code == 302
    listing = client.get("/indicatoren/").get_data(as_text=True)
    assert "1 gearchiveerde indicator" in text_of(listing)
    assert client.post(f"/indicatoren/{indicator.id}/terugzetten").status_code == 302
    assert not indicator.archived


@pytest.mark.parametrize("username", ["bestuur", "trekker1", "lid1", "buiten"])
def test_everyone_else_reads_but_cannot_write(client, login, world, username):
    indicator = make_indicator(world, values=[(2020, 45.0, "")])
    value_id = indicator.values[0].id
    login(username)
    html = client.get(f"/indicatoren/{indicator.id}").get_data(as_text=True)
    assert post_actions(html) <= {"/taal", "/logout"}
    assert "bewerken" not in html and "Nieuwe indicator" not in html
    for method, url in [
        ("get", "/indicatoren/nieuw"),
        ("post", "/indicatoren/nieuw"),
        ("get", f"/indicatoren/{indicator.id}/bewerken"),
        ("post", f"/indicatoren/{indicator.id}/bewerken"),
        ("post", f"/indicatoren/{indicator.id}/archiveren"),
        ("post", f"/indicatoren/{indicator.id}/terugzetten"),
        ("post", f"/indicatoren/{indicator.id}/waarden/nieuw"),
        ("post", f"/indicatoren/waarden/{value_id}/bewerken"),
        ("post", f"/indicatoren/waarden/{value_id}/archiveren"),
        ("post", f"/indicatoren/waarden/{value_id}/terugzetten"),
    ]:
        assert getattr(client, method)(url, data={"name": "x"}).status_code == 403, url
    assert not indicator.archived and indicator.values[0].value == 45.0


def test_another_programmes_coordinator_gets_not_found(client, login, world):
    indicator = make_indicator(world, values=[(2020, 45.0, "")])
    login("anderregisseur")
    assert client.get(f"/indicatoren/{indicator.id}").status_code == 404
    assert client.post(f"/indicatoren/{indicator.id}/archiveren").status_code == 404
    value_id = indicator.values[0].id
    assert client.post(f"/indicatoren/waarden/{value_id}/bewerken").status_code == 404
    assert "Wekelijkse sportdeelname" not in client.get("/indicatoren/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"value": "achttien"}, "Vul een getal in, bijvoorbeeld 18,4."),
        ({"value": "", "value_text": ""}, "Vul een getal in, of een tekst zoals"),
        ({"year": "20x4"}, "Vul een jaartal in, bijvoorbeeld 2024."),
        ({"source": ""}, "Vul de bron in."),
        ({"area": "maan"}, None),  # only a tampered form sends this
    ],
)
def test_bad_value_input_is_a_400_next_to_the_field_keeping_what_was_typed(
    client, login, world, overrides, message
):
    indicator = make_indicator(world)
    login("regisseur")
    response = client.post(
        f"/indicatoren/{indicator.id}/waarden/nieuw",
        data=value_form(note="mijn notitie", **overrides),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message is None or message in html
    assert "mijn notitie" in html
    assert indicator.values == []


def test_bad_indicator_input_keeps_the_form(client, login, world):
    login("regisseur")
    response = client.post(
        "/indicatoren/nieuw", data={"name": "", "target_value": "60", "unit": "%"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul de naam van de indicator in." in html and "Vul ook het doeljaar in." in html
    assert 'value="60"' in html


def test_two_coordinators_editing_the_same_value_get_a_conflict(client, login, world):
    indicator = make_indicator(world, values=[(2020, 45.0, "")])
    value = indicator.values[0]
    stale = value.version
    login("regisseur")
    first = client.post(
        f"/indicatoren/waarden/{value.id}/bewerken", data=value_form(value="46", version=stale)
    )
    assert first.status_code == 302
    second = client.post(
        f"/indicatoren/waarden/{value.id}/bewerken", data=value_form(value="47,5", version=stale)
    )
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert 'value="47,5"' in html  # the second person's input is still in the form
    assert value.value == 46.0


def test_indicator_edit_conflict(client, login, world):
    indicator = make_indicator(world)
    login("admin")
    data = {"name": "Nieuwe naam", "unit": "%", "category": "outcome", "version": "0"}
    response = client.post(f"/indicatoren/{indicator.id}/bewerken", data=data)
    assert response.status_code == 409
    assert indicator.name == "Wekelijkse sportdeelname"


def test_indicator_pages_use_a_fixed_number_of_queries(client, login, world, count_queries):
    login("trekker1")
    sizes = []
    for count in (2, 12):
        for index in range(count):
            make_indicator(
                world,
                name=f"Indicator {count}-{index}",
                values=[(2018 + y, 40.0 + y, "") for y in range(3)],
            )
        target = make_indicator(world, name=f"Doel {count}", values=[(2020, 1.0, "")] * 3)
        counted = []
        for url in ("/indicatoren/", f"/indicatoren/{target.id}"):
            db.session.expunge_all()  # load the user and programme as a real request does
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counted.append(counter.count)
        sizes.append(counted)
    assert sizes[0] == sizes[1]
    assert max(sizes[0]) <= 6
