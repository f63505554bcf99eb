"""Adding a missing partner from the outcome challenge form and coming back with it chosen."""

from __future__ import annotations

import re

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import Partner


def test_theme_leader_adds_a_missing_partner_and_returns_with_it_selected(world, login):
    client = login("trekker1")
    create = f"/opgaven/{world.opgave1_id}/uitkomstuitdagingen/nieuw"
    html = client.get(create).get_data(as_text=True)
    link = re.search(r'href="(/partners/nieuw\?next=[^"]+)"', html).group(1)
    response = client.post(
        link.replace("&amp;", "&"), data={"name": "Atletiekvereniging Nieuw", "type": "club"}
    )
    assert response.status_code == 302
    partner = db.session.scalar(select(Partner).where(Partner.name == "Atletiekvereniging Nieuw"))
    assert response.headers["Location"] == f"{create}?partner={partner.id}"
    back = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(
        rf'<option[^>]*selected[^>]*value="{partner.id}"|'
        rf'<option[^>]*value="{partner.id}"[^>]*selected',
        back,
    )


def test_next_to_another_site_is_ignored(world, login):
    client = login("trekker1")
    response = client.post(
        "/partners/nieuw?next=//evil.example/x", data={"name": "Club Elders Nieuw", "type": "club"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
    assert response.headers["Location"].startswith("/partners/")
