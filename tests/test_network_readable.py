"""A readable network map (issue 14): names that stay, groups in colour, measures explained."""

from __future__ import annotations

from tests.test_network_pages import known, map_data  # noqa: F401 - the fixture is used


def test_most_central_partners_are_marked_to_keep_their_names_at_every_zoom(login, known):  # noqa: F811
    data = map_data(login("regisseur").get("/netwerk?maand=2026-10").get_data(as_text=True))
    partners = [n for n in data["nodes"] if n["k"] == "p"]
    marked = [n for n in partners if n.get("tp")]
    assert marked, "the most central partners keep their names"
    assert min(n["c"] for n in marked) >= max(
        (n["c"] for n in partners if not n.get("tp")), default=0
    )
    assert all(n["c"] > 0 for n in marked)


def test_groups_that_often_work_together_are_named_after_their_most_central_partner(
    login,
    known,  # noqa: F811
):
    data = map_data(login("regisseur").get("/netwerk?maand=2026-10").get_data(as_text=True))
    assert data["groups"], "the map colours the largest groups"
    for group in data["groups"]:
        members = [n for n in data["nodes"] if n["k"] == "p" and n["g"] == group["g"]]
        assert group["n"] == len(members)
        assert group["name"] == max(members, key=lambda n: n["c"])["l"]
    assert data["text"]["community"] == "Groep"


def test_every_measure_is_explained_in_plain_dutch(login, known):  # noqa: F811
    html = login("bestuur").get("/netwerk?maand=2026-10").get_data(as_text=True)
    assert "groepen partners die vaak samen optrekken" in html
    assert "Hoe vaak een partner op de kortste weg tussen twee anderen ligt" in html
    assert "betweenness" not in html.split('id="network-data"')[0]
    assert "Gemeenschap" not in html
