"""The strategy map of an opgave and the monthly strategy journal, kept by the theme leader."""

from __future__ import annotations

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import AuditEvent, Strategy, StrategyJournalEntry, StrategyType
from omtracker.periods import add_months, current_period
from tests.themes_support import add_strategy, add_strategy_entry

ENTRY = {
    "resources": "Twintig uur buurtsportcoach.",
    "activities": "Drie clinics op schoolpleinen.",
    "effectiveness": "Veel kinderen deden mee.",
    "outputs": "Verslag gedeeld.",
    "requirements": "Meer vrijwilligers.",
    "next_review_date": "",
}


def _strategy(strategy_id: int) -> Strategy:
    db.session.expire_all()
    return db.session.get(Strategy, strategy_id)


def _entries(strategy_id: int) -> list[StrategyJournalEntry]:
    db.session.expire_all()
    return db.session.scalars(
        select(StrategyJournalEntry).where(StrategyJournalEntry.strategy_id == strategy_id)
    ).all()


def test_add_strategy_from_a_cell_of_the_map(login, world):
    client = login("trekker1")
    html = client.get(f"/opgaven/{world.opgave1_id}/strategieen").get_data(as_text=True)
    assert f"/opgaven/{world.opgave1_id}/strategieen/nieuw?soort=E-3" in html
    form = client.get(f"/opgaven/{world.opgave1_id}/strategieen/nieuw?soort=E-3")
    assert '<option selected value="E-3">' in form.get_data(as_text=True)
    response = client.post(
        f"/opgaven/{world.opgave1_id}/strategieen/nieuw",
        data={"type": "E-3", "title": "Wijknetwerk", "description": "Partners ontmoeten elkaar."},
    )
    assert response.headers["Location"] == f"/opgaven/{world.opgave1_id}/strategieen"
    strategy = db.session.scalar(select(Strategy).where(Strategy.title == "Wijknetwerk"))
    assert strategy.type == StrategyType.e3 and strategy.opgave_id == world.opgave1_id
    grid = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wijknetwerk" in grid


def test_strategy_needs_a_title_and_a_known_type(login, world):
    client = login("trekker1")
    url = f"/opgaven/{world.opgave1_id}/strategieen/nieuw"
    missing = client.post(url, data={"type": "I-1", "title": "", "description": "Behouden."})
    assert missing.status_code == 400
    html = missing.get_data(as_text=True)
    assert "Geef de strategie een titel." in html and "Behouden." in html
    assert client.post(url, data={"type": "X-9", "title": "T"}).status_code == 400
    assert (
        db.session.scalar(select(Strategy.id).where(Strategy.opgave_id == world.opgave1_id)) is None
    )


def test_edit_strategy_and_conflict_keeps_both_versions(login, world):
    strategy_id = add_strategy(world.opgave1_id, "Oude titel")
    client = login("trekker1")
    ok = client.post(
        f"/strategieen/{strategy_id}/bewerken",
        data={"type": "I-3", "title": "Nieuwe titel", "version": "1"},
    )
    assert ok.headers["Location"] == f"/strategieen/{strategy_id}"
    assert _strategy(strategy_id).type == StrategyType.i3
    stale = client.post(
        f"/strategieen/{strategy_id}/bewerken",
        data={"type": "I-1", "title": "Te laat", "version": "1"},
    )
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    assert "Nieuwe titel" in html and "Te laat" in html
    assert _strategy(strategy_id).title == "Nieuwe titel"


def test_archived_strategy_leaves_the_grid_but_stays_readable(login, world):
    strategy_id = add_strategy(world.opgave1_id, "Oude aanpak")
    add_strategy_entry(strategy_id, "2026-09", "Wat we deden.")
    client = login("regisseur")
    client.post(f"/strategieen/{strategy_id}/archiveren")
    assert _strategy(strategy_id).archived is True
    grid = client.get(f"/opgaven/{world.opgave1_id}/strategieen").get_data(as_text=True)
    assert "Gearchiveerd (1)" in grid
    assert grid.index("Oude aanpak") > grid.index("<details")
    page = client.get(f"/strategieen/{strategy_id}").get_data(as_text=True)
    assert "Wat we deden." in page and "Uit archief terugzetten" in page
    # no new journal entries on an archived strategy
    response = client.post(f"/strategieen/{strategy_id}/logboek/{current_period()}", data=ENTRY)
    assert response.status_code == 302 and len(_entries(strategy_id)) == 1
    client.post(f"/strategieen/{strategy_id}/terugzetten")
    assert _strategy(strategy_id).archived is False


def test_theme_leader_writes_the_months_strategy_journal(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    period = current_period()
    client = login("trekker1")
    page = client.get(f"/strategieen/{strategy_id}").get_data(as_text=True)
    assert f"/strategieen/{strategy_id}/logboek/{period}" in page
    data = dict(ENTRY, next_review_date="2099-01-15")
    response = client.post(f"/strategieen/{strategy_id}/logboek/{period}", data=data)
    assert response.headers["Location"] == f"/strategieen/{strategy_id}"
    [entry] = _entries(strategy_id)
    assert entry.period == period and entry.activities == "Drie clinics op schoolpleinen."
    assert entry.next_review_date.isoformat() == "2099-01-15"
    assert entry.requirements == "Meer vrijwilligers."
    audit = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_type == "StrategyJournalEntry", AuditEvent.entity_id == entry.id
        )
    )
    assert audit.action == "create"
    shown = client.get(f"/strategieen/{strategy_id}").get_data(as_text=True)
    assert "Drie clinics op schoolpleinen." in shown and "15 januari 2099" in shown


def test_one_entry_per_strategy_and_month_edited_with_its_version(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    period = add_months(current_period(), -1)
    add_strategy_entry(strategy_id, period, "Eerste tekst.")
    client = login("trekker1")
    form = client.get(f"/strategieen/{strategy_id}/logboek/{period}").get_data(as_text=True)
    assert "Eerste tekst." in form and 'name="version" type="hidden" value="1"' in form
    saved = client.post(
        f"/strategieen/{strategy_id}/logboek/{period}",
        data=dict(ENTRY, activities="Tweede tekst.", version="1"),
    )
    assert saved.status_code == 302
    [entry] = _entries(strategy_id)
    assert entry.activities == "Tweede tekst." and entry.version == 2
    stale = client.post(
        f"/strategieen/{strategy_id}/logboek/{period}",
        data=dict(ENTRY, activities="Derde tekst.", version="1"),
    )
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    assert "Tweede tekst." in html and "Derde tekst." in html
    assert _entries(strategy_id)[0].activities == "Tweede tekst."


def test_a_new_entry_when_someone_just_wrote_that_month_is_a_conflict(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    period = current_period()
    client = login("trekker1")
    client.get(f"/strategieen/{strategy_id}/logboek/{period}")
    add_strategy_entry(strategy_id, period, "Van de regisseur.")
    response = client.post(f"/strategieen/{strategy_id}/logboek/{period}", data=ENTRY)
    assert response.status_code == 409
    assert [e.activities for e in _entries(strategy_id)] == ["Van de regisseur."]


def test_strategy_journal_validation(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    url = f"/strategieen/{strategy_id}/logboek/{current_period()}"
    client = login("trekker1")
    empty = client.post(url, data={k: "" for k in ENTRY})
    assert empty.status_code == 400
    assert "Vul minstens één tekstveld in" in empty.get_data(as_text=True)
    bad_date = client.post(url, data=dict(ENTRY, next_review_date="31-02-2026"))
    assert bad_date.status_code == 400
    html = bad_date.get_data(as_text=True)
    assert "Ongeldige datum" in html and "Drie clinics op schoolpleinen." in html
    before = client.post(url, data=dict(ENTRY, next_review_date="2001-01-01"))
    assert before.status_code == 400
    assert "Kies een datum vanaf het begin van deze maand." in before.get_data(as_text=True)
    assert _entries(strategy_id) == []


def test_wrong_or_future_month_in_the_journal_link_is_a_404(login, world):
    strategy_id = add_strategy(world.opgave1_id)
    client = login("trekker1")
    for month in ("2026-13", "2026-1", "later", add_months(current_period(), 1)):
        assert client.get(f"/strategieen/{strategy_id}/logboek/{month}").status_code == 404
        assert (
            client.post(f"/strategieen/{strategy_id}/logboek/{month}", data=ENTRY).status_code
            == 404
        )
    assert client.get(f"/strategieen/{strategy_id}/logboek?maand=2026-13").status_code == 400
    picked = client.get(f"/strategieen/{strategy_id}/logboek?maand=2026-02")
    assert picked.headers["Location"] == f"/strategieen/{strategy_id}/logboek/2026-02"


def test_another_programmes_strategy_is_not_found(login, world):
    strategy_id = add_strategy(world.other_opgave_id)
    client = login("regisseur")
    assert client.get(f"/strategieen/{strategy_id}").status_code == 404
    assert client.get(f"/opgaven/{world.other_opgave_id}/strategieen").status_code == 404


def test_no_new_strategies_on_an_archived_opgave(login, world):
    client = login("trekker1")
    client.post(f"/opgaven/{world.opgave1_id}/archiveren")
    grid = client.get(f"/opgaven/{world.opgave1_id}/strategieen").get_data(as_text=True)
    assert "strategieen/nieuw" not in grid
    response = client.post(
        f"/opgaven/{world.opgave1_id}/strategieen/nieuw", data={"type": "I-1", "title": "Te laat"}
    )
    assert response.headers["Location"] == f"/opgaven/{world.opgave1_id}/strategieen"
    assert db.session.scalar(select(Strategy.id).where(Strategy.title == "Te laat")) is None
