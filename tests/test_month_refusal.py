"""A month that is malformed or still to come answers the same way everywhere, in Dutch, for
every role (issue 11): never an English "Bad Request", never today's figures for 2031."""

from __future__ import annotations

import pytest

REFUSED = "Deze maand kunnen we niet tonen"


@pytest.mark.parametrize("month", ["2026-99", "2031-01", "2026-12", "oktober", "1999-12"])
@pytest.mark.parametrize("user", ["regisseur", "bestuur", "trekker1"])
def test_dashboard_refuses_a_bad_or_future_month_in_dutch(world, login, user, month):
    response = login(user).get(f"/dashboard/?maand={month}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert REFUSED in html and "Bad Request" not in html and "achterstallig" not in html


@pytest.mark.parametrize("user", ["regisseur", "bestuur", "trekker1", "lid1"])
def test_a_report_for_month_13_is_not_found_for_every_role(world, login, user):
    response = login(user).get("/rapportage/2026-13")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert REFUSED in html and "Geen toegang" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/mijn-maand?maand=2027-01",
        "/mijn-maand?maand=2026-13",
        "/themas/{theme}?maand=2999-01",
    ],
)
def test_other_pages_refuse_the_same_way(world, login, url):
    response = login("trekker1").get(url.format(theme=world.theme1_id))
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)


def test_report_index_offers_no_month_after_this_one(world, login):
    html = login("bestuur").get("/rapportage/").get_data(as_text=True)
    assert "Mei 2027" not in html  # November 2026: the May 2027 roll-up is not due yet
    assert "November 2026" in html
