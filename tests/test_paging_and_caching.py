"""Odd page numbers and ids in the address never give a 500, and pages with personal data or
journals are never kept in a browser's or proxy's cache (issue 13, item 7)."""

from __future__ import annotations

import pytest

from omtracker.query_args import page_number, record_id

ODD_NUMBERS = ["99999999999999999999", "-1", "0", "abc", "", "1e9", "٣", "2147483648"]


def paginated_pages(world) -> list[str]:  # noqa: ANN001
    """Every page that takes ?page= (and the list filters that take an id)."""
    return [
        "/partners/?page={}",
        "/partners/?thema={}",
        f"/partners/{world.partner_ids['school']}?page={{}}",
        "/beheer/logboek?page={}",
        "/mijn-maand?thema={}",
    ]


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_odd_page_numbers_never_give_a_500(client, world, login, number):
    login("regisseur")
    for page in paginated_pages(world):
        response = client.get(page.format(number))
        assert response.status_code == 200, (page.format(number), response.status_code)


def test_a_page_past_the_end_shows_an_empty_page_with_a_way_back(client, world, login):
    login("regisseur")
    html = client.get("/partners/?page=99999999999999999999").get_data(as_text=True)
    assert "Grenspartners" in html


def test_the_shared_parsers():
    assert page_number("3") == 3
    assert page_number(None) == 1
    assert page_number("-4") == 1
    assert page_number("drie") == 1
    assert page_number("99999999999999999999") == page_number("100000000")  # capped, no overflow
    assert record_id("12") == 12
    assert record_id("99999999999999999999") is None
    assert record_id("0") is None
    assert record_id("x") is None


# --- no-store -----------------------------------------------------------------------------------


def test_pages_and_downloads_of_a_logged_in_user_are_not_stored(client, world, login):
    login("regisseur")
    for url in (
        "/mijn-maand",
        f"/partners/{world.partner_ids['school']}",
        f"/themas/{world.theme1_id}/export.csv",
        "/beheer/logboek",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_the_login_page_is_not_stored_but_static_files_stay_cacheable(client, world):
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    with client.get("/static/css/app.css") as static:
        assert static.status_code == 200
        assert "no-store" not in static.headers.get("Cache-Control", "")
