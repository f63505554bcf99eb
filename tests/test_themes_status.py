"""The theme leader's monthly status: one per theme and month, edited in place, never lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from omtracker.editing import EditConflict
from omtracker.extensions import db
from omtracker.models import Rag, Theme, ThemeStatus, User
from omtracker.periods import add_months, current_period
from omtracker.themes import services
from tests.themes_support import add_status, month_nl


def _statuses(theme_id: int) -> list[ThemeStatus]:
    db.session.expire_all()
    return db.session.scalars(
        select(ThemeStatus).where(ThemeStatus.theme_id == theme_id).order_by(ThemeStatus.period)
    ).all()


def test_form_defaults_to_this_month(login, world):
    html = login("trekker1").get(f"/themas/{world.theme1_id}/status").get_data(as_text=True)
    assert f'value="{current_period()}"' in html
    assert "Op koers" in html and "Aandacht nodig" in html and "Niet op koers" in html


def test_theme_leader_sets_this_months_status(login, world):
    client = login("trekker1")
    response = client.post(
        f"/themas/{world.theme1_id}/status",
        data={"period": current_period(), "rag": "attention", "text": "Twee partners haken af."},
    )
    assert response.headers["Location"] == f"/themas/{world.theme1_id}"
    [status] = _statuses(world.theme1_id)
    assert status.rag == Rag.attention and status.text == "Twee partners haken af."
    assert status.author_id == db.session.scalar(select(User.id).where(User.username == "trekker1"))
    page = client.get(f"/themas/{world.theme1_id}").get_data(as_text=True)
    assert "Twee partners haken af." in page and "Maandstatus wijzigen" in page


def test_status_for_an_earlier_month(login, world):
    earlier = add_months(current_period(), -3)
    login("trekker1").post(
        f"/themas/{world.theme1_id}/status",
        data={"period": earlier, "rag": "off_track", "text": ""},
    )
    [status] = _statuses(world.theme1_id)
    assert status.period == earlier and status.rag == Rag.off_track


def test_opening_an_existing_month_fills_the_form_and_saving_updates_it(login, world):
    period = current_period()
    add_status(world.theme1_id, period, Rag.on_track, "Eerste versie.")
    client = login("trekker1")
    html = client.get(f"/themas/{world.theme1_id}/status?maand={period}").get_data(as_text=True)
    assert "Eerste versie." in html and 'name="version" type="hidden" value="1"' in html
    response = client.post(
        f"/themas/{world.theme1_id}/status",
        data={"period": period, "rag": "attention", "text": "Tweede versie.", "version": "1"},
    )
    assert response.status_code == 302
    [status] = _statuses(world.theme1_id)
    assert status.text == "Tweede versie." and status.version == 2


def test_second_new_status_for_the_same_month_is_a_conflict_with_both_versions(login, world):
    period = current_period()
    client = login("trekker1")
    # Both opened the empty form; the coordinator saved first.
    add_status(world.theme1_id, period, Rag.off_track, "Van de regisseur.")
    response = client.post(
        f"/themas/{world.theme1_id}/status",
        data={"period": period, "rag": "on_track", "text": "Van de trekker."},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Van de regisseur." in html and "Van de trekker." in html
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    [status] = _statuses(world.theme1_id)
    assert status.text == "Van de regisseur."


def test_stale_version_of_an_existing_status_is_a_conflict(login, world):
    period = current_period()
    add_status(world.theme1_id, period, Rag.on_track, "Versie 1.")
    theme = db.session.get(Theme, world.theme1_id)
    trekker = db.session.scalar(select(User).where(User.username == "regisseur"))
    services.save_theme_status(theme, period, "attention", "Versie 2.", trekker, "1")
    db.session.commit()
    response = login("trekker1").post(
        f"/themas/{world.theme1_id}/status",
        data={"period": period, "rag": "off_track", "text": "Mijn versie.", "version": "1"},
    )
    assert response.status_code == 409
    assert "Mijn versie." in response.get_data(as_text=True)
    assert _statuses(world.theme1_id)[0].text == "Versie 2."


def test_losing_the_insert_race_becomes_a_conflict(app, world, monkeypatch):
    """Two first saves at the same instant: the unique constraint decides, not a 500."""
    period = current_period()
    theme = db.session.get(Theme, world.theme1_id)
    author = db.session.scalar(select(User).where(User.username == "trekker1"))
    add_status(world.theme1_id, period, Rag.on_track, "Net eerder opgeslagen.")
    real = services.theme_status_for
    calls = []

    def blind_first(theme, period):  # noqa: ANN001, ANN202
        calls.append(period)
        return None if len(calls) == 1 else real(theme, period)

    monkeypatch.setattr(services, "theme_status_for", blind_first)
    with pytest.raises(EditConflict) as caught:
        services.save_theme_status(theme, period, "off_track", "Te laat.", author, "")
    assert caught.value.current.text == "Net eerder opgeslagen."
    assert [s.text for s in _statuses(world.theme1_id)] == ["Net eerder opgeslagen."]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"period": "2026-13", "rag": "on_track"}, "Geef de maand als JJJJ-MM"),
        ({"period": "", "rag": "on_track"}, "Kies een maand."),
        ({"period": "2999-01", "rag": "on_track"}, "toekomstige maand"),
        ({"period": "2026-05"}, "Kies hoe het thema ervoor staat."),
        ({"period": "2026-05", "rag": "prima"}, "Ongeldige keuze."),
        ({"period": "2026-05", "rag": "on_track", "text": "x" * 2001}, "korter dan 2000"),
    ],
)
def test_bad_input_is_a_400_with_a_dutch_message_and_the_input_kept(login, world, data, message):
    data = {"text": "Mijn toelichting.", **data}
    response = login("trekker1").post(f"/themas/{world.theme1_id}/status", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    if len(data["text"]) < 100:
        assert "Mijn toelichting." in html
    assert _statuses(world.theme1_id) == []


def test_a_wrong_month_in_the_link_is_a_400(login, world):
    response = login("trekker1").get(f"/themas/{world.theme1_id}/status?maand=2026-00")
    assert response.status_code == 400


def test_status_shows_on_the_index_and_in_the_history(login, world):
    period = current_period()
    add_status(world.theme2_id, add_months(period, -1), Rag.off_track, "Vorige maand.")
    client = login("regisseur")
    index = client.get("/themas").get_data(as_text=True)
    assert "Niet op koers" in index
    assert month_nl(add_months(period, -1)) in index
    page = client.get(f"/themas/{world.theme2_id}").get_data(as_text=True)
    assert "Vorige maand." in page and "Nog niet gezet voor deze maand." in page
