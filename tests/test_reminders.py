"""Reminders by e-mail: `flask send-reminders` mails each person with open journals in their
themes one digest per slot (through the suite's real SMTP server), with links that work; the
unsubscribe link works without logging in; the board hears of a published report."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from omtracker.extensions import db
from omtracker.models import JournalEntry, OutgoingMail, ReminderLog, User
from tests.mail_support import body, link_in

AMS = ZoneInfo("Europe/Amsterdam")
# In the test world trekker1 (lead) and lid1 (member) share theme 1, whose one engagement
# (VV Testclub) has its October journal but not yet November's; trekker2's theme 2 has nothing.


def _addresses(**people: str) -> None:
    for username, choice in people.items():
        user = db.session.scalar(select(User).where(User.username == username))
        user.email = f"{username}@example.org"
        user.reminder_frequency = choice
    db.session.commit()


def _last_week_of_november(time_machine) -> None:  # noqa: ANN001
    time_machine.move_to(datetime(2026, 11, 25, 7, 0, tzinfo=AMS), tick=False)


def test_send_reminders_twice_sends_each_due_person_one_mail_with_working_links(
    runner, smtp, world, client, login, time_machine
):
    _addresses(trekker1="due", lid1="due", trekker2="due", regisseur="due")
    _last_week_of_november(time_machine)

    first = runner.invoke(args=["send-reminders"])
    second = runner.invoke(args=["send-reminders"])

    assert first.exit_code == 0, first.output
    assert "2 nieuw" in first.output
    assert "0 nieuw" in second.output and "2 al eerder verstuurd" in second.output
    [mail] = smtp.wait_for("trekker1@example.org")
    assert len(smtp.wait_for("lid1@example.org")) == 1
    assert smtp.to("trekker2@example.org") == []  # nothing due in theme 2
    assert smtp.to("regisseur@example.org") == []  # not a member of a theme group
    assert mail["Subject"] == "Logboeken om in te vullen"
    text = body(mail)
    assert "november 2026" in text and "VV Testclub (Jong geleerd, Beweegdiploma)" in text
    form = link_in(mail, "/uitkomstuitdagingen/")
    assert form == f"/uitkomstuitdagingen/{world.engagement1_id}/logboek/2026-11"
    login("trekker1")
    assert client.get(form).status_code == 200
    assert "/mijn-maand" in text and client.get("/mijn-maand").status_code == 200


def test_the_coordinator_sees_who_was_reminded_when(
    runner, smtp, world, client, login, time_machine
):
    _addresses(trekker1="due")
    _last_week_of_november(time_machine)
    runner.invoke(args=["send-reminders"])

    login("regisseur")
    page = client.get("/beheer/herinneringen").get_data(as_text=True)
    assert "Trekker1" in page and "trekker1@example.org" in page and "2026-11" in page
    assert "25-11-2026" in page or "25 nov" in page
    login("trekker1")
    assert client.get("/beheer/herinneringen").status_code == 403


def test_due_reminder_waits_for_the_last_week_of_the_month(runner, smtp, world, time_machine):
    _addresses(trekker1="due")
    time_machine.move_to(datetime(2026, 11, 16, 7, 0, tzinfo=AMS), tick=False)
    result = runner.invoke(args=["send-reminders"])
    assert "0 nieuw" in result.output
    assert smtp.to("trekker1@example.org") == []


def test_a_person_with_nothing_due_gets_no_mail(runner, smtp, world, time_machine):
    _addresses(trekker1="weekly", lid1="weekly")
    db.session.add(
        JournalEntry(
            engagement_id=world.engagement1_id, period="2026-11", change_description="Gedaan."
        )
    )
    db.session.commit()
    _last_week_of_november(time_machine)
    result = runner.invoke(args=["send-reminders"])
    assert "0 nieuw" in result.output
    assert smtp.to("trekker1@example.org") == [] and smtp.to("lid1@example.org") == []
    assert db.session.scalars(select(ReminderLog)).all() == []


def test_weekly_sends_once_a_week_while_something_is_due(runner, smtp, world, time_machine):
    _addresses(trekker1="weekly")
    time_machine.move_to(datetime(2026, 11, 16, 7, 0, tzinfo=AMS), tick=False)  # Monday, week 47
    runner.invoke(args=["send-reminders"])
    time_machine.move_to(datetime(2026, 11, 19, 7, 0, tzinfo=AMS), tick=False)  # same week
    runner.invoke(args=["send-reminders"])
    assert len(smtp.wait_for("trekker1@example.org")) == 1
    time_machine.move_to(datetime(2026, 11, 23, 7, 0, tzinfo=AMS), tick=False)  # week 48
    runner.invoke(args=["send-reminders"])
    assert len(smtp.wait_for("trekker1@example.org", count=2)) == 2
    slots = db.session.scalars(select(ReminderLog.slot).order_by(ReminderLog.slot)).all()
    assert slots == ["2026-W47", "2026-W48"]


def test_an_overdue_journal_is_reminded_at_once_and_marked_late(runner, smtp, world, time_machine):
    _addresses(trekker1="due")
    # November unwritten; overdue 14 days after the month it was due ends.
    time_machine.move_to(datetime(2026, 12, 16, 7, 0, tzinfo=AMS), tick=False)
    runner.invoke(args=["send-reminders"])
    [mail] = smtp.wait_for("trekker1@example.org")
    assert "Te laat:" in body(mail)


def test_unsubscribe_works_without_logging_in(runner, smtp, world, client, time_machine):
    _addresses(trekker1="weekly")
    runner.invoke(args=["send-reminders"])
    [mail] = smtp.wait_for("trekker1@example.org")
    link = link_in(mail, "/herinneringen/afmelden/")

    page = client.get(link)
    assert page.status_code == 200 and "Geen herinneringen meer" in page.get_data(as_text=True)
    done = client.post(link)
    assert done.status_code == 200
    assert "Je krijgt geen herinneringen meer" in done.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.username == "trekker1"))
    db.session.refresh(user)
    assert user.reminder_frequency == "off"

    time_machine.move_to(datetime(2026, 11, 23, 7, 0, tzinfo=AMS), tick=False)
    runner.invoke(args=["send-reminders"])
    assert len(smtp.to("trekker1@example.org")) == 1  # nothing new after unsubscribing


def test_a_tampered_unsubscribe_link_is_not_found(client, world):
    assert client.get("/herinneringen/afmelden/1.abc").status_code == 404
    assert client.post("/herinneringen/afmelden/nonsense").status_code == 404


def test_a_person_chooses_weekly_or_off_on_the_profile_page(client, login, world):
    login("lid1")
    page = client.get("/profiel").get_data(as_text=True)
    assert "Herinneringen per e-mail" in page and 'value="due" checked' in page
    assert client.post("/profiel/herinneringen", data={"frequency": "weekly"}).status_code == 302
    assert 'value="weekly" checked' in client.get("/profiel").get_data(as_text=True)
    bad = client.post("/profiel/herinneringen", data={"frequency": "hourly"})
    assert bad.status_code == 400
    assert "Kies wanneer je een herinnering wilt krijgen." in bad.get_data(as_text=True)


def test_the_board_gets_a_mail_when_a_monthly_report_is_published(client, login, world, smtp):
    _addresses(bestuur="due")
    login("regisseur")
    response = client.post("/rapportage/2026-10/publiceren", data={"confirm": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    [mail] = smtp.wait_for("bestuur@example.org")
    assert mail["Subject"] == "Maandrapportage gepubliceerd"
    assert "oktober 2026" in body(mail)
    login("bestuur")
    assert client.get(link_in(mail, "/rapportage/")).status_code == 200
    stored = db.session.scalar(
        select(OutgoingMail).where(OutgoingMail.recipient == "bestuur@example.org")
    )
    assert stored.status == "sent"
