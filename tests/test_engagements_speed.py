"""The engagement and marker pages cost a fixed number of queries, whatever the ladder's size."""

from __future__ import annotations

from flask import g
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import ProgressMarker
from tests.engagements_support import ladder

MAX_QUERIES = 15


def _queries(client, count_queries, url: str) -> int:  # noqa: ANN001
    # As in production, where every request starts empty: the test client shares one app
    # context (and so `g` and the session) between requests, so clear what they cached.
    db.session.expunge_all()
    g.pop("_login_user", None)
    g.pop("programme", None)
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_engagement_page_queries_do_not_grow_with_markers_and_months(world, login, count_queries):
    small = ladder(world, markers=4, months=2, partner="welzijn")
    large = ladder(world, markers=20, months=24, partner="school")
    client = login("trekker1")
    small_count = _queries(client, count_queries, f"/uitkomstuitdagingen/{small}")
    large_count = _queries(client, count_queries, f"/uitkomstuitdagingen/{large}")
    assert small_count == large_count <= MAX_QUERIES
    html = client.get(f"/uitkomstuitdagingen/{large}").get_data(as_text=True)
    assert html.count('class="grid-cell') == 16 * 12  # 20 markers, 4 of them retired
    assert "Ingetrokken markeringen" in html


def test_marker_page_queries_do_not_grow_with_its_history(world, login, count_queries):
    small = ladder(world, markers=2, months=2, partner="welzijn")
    large = ladder(world, markers=2, months=36, partner="school")
    first = {
        engagement_id: db.session.scalar(
            select(ProgressMarker.id)
            .where(ProgressMarker.engagement_id == engagement_id)
            .order_by(ProgressMarker.id)
        )
        for engagement_id in (small, large)
    }
    client = login("regisseur")
    small_count = _queries(client, count_queries, f"/markeringen/{first[small]}")
    large_count = _queries(client, count_queries, f"/markeringen/{first[large]}")
    assert small_count == large_count <= MAX_QUERIES
    html = client.get(f"/markeringen/{first[large]}").get_data(as_text=True)
    assert html.count("Toelichting 36") == 1  # the newest note of 36 months is on the page
