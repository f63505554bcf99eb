"""E-mail delivery: stored with its change, sent after the commit over real SMTP (a test
server the suite starts), kept and retried when the server is down, written to
instance/outbox/ without SMTP settings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from omtracker import mailing
from omtracker.extensions import db
from omtracker.models import OutgoingMail, User
from tests.mail_support import body, free_port, link_in


def _invite(client, email: str, **extra) -> object:  # noqa: ANN001, ANN003
    data = {"email": email, "role": "user", "theme_id": "0", "theme_role": "", "locale": "nl"}
    data.update(extra)
    return client.post("/beheer/uitnodigingen", data=data)


def test_an_invitation_arrives_at_the_smtp_server_in_text_and_html(login, client, world, smtp):
    login("regisseur")
    response = _invite(client, "nieuw@voorbeeld.nl", display_name="Nieuwe Trekker")
    assert response.status_code == 302
    [message] = smtp.wait_for("nieuw@voorbeeld.nl")
    assert message["Subject"] == "Uitnodiging voor Testakkoord"
    text, html = body(message, "plain"), body(message, "html")
    assert "Hallo Nieuwe Trekker" in text and "7 dagen geldig" in text
    assert link_in(message, "/uitnodiging/").startswith("/uitnodiging/")
    assert "<img" not in html and "Uitnodiging accepteren" in html
    stored = db.session.scalar(
        select(OutgoingMail).where(OutgoingMail.recipient == "nieuw@voorbeeld.nl")
    )
    assert stored.status == "sent" and stored.attempts == 1 and stored.sent_at is not None


def test_a_mail_goes_out_in_the_recipients_language(login, client, world, smtp):
    login("regisseur")
    _invite(client, "english@example.org", locale="en")
    [message] = smtp.wait_for("english@example.org")
    assert message["Subject"] == "Invitation to Testakkoord"
    assert "valid for 7 days" in body(message)


def test_when_the_smtp_server_is_down_nothing_is_lost_and_send_mail_delivers_later(
    app, login, client, world, smtp, runner
):
    login("regisseur")
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nobody listens there: connection refused
    response = _invite(client, "later@voorbeeld.nl")
    assert response.status_code == 302  # the page answers; the mail waits
    stored = db.session.scalar(
        select(OutgoingMail).where(OutgoingMail.recipient == "later@voorbeeld.nl")
    )
    assert stored.status == "failed" and stored.attempts == 1 and stored.last_error
    login("admin")
    page = client.get("/beheer/e-mail").get_data(as_text=True)
    assert "later@voorbeeld.nl" in page and "Nu opnieuw proberen" in page
    app.config["MAIL_PORT"] = port
    first = runner.invoke(args=["send-mail"])
    assert "1 verstuurd" in first.output
    smtp.wait_for("later@voorbeeld.nl")
    again = runner.invoke(args=["send-mail"])  # idempotent: nothing is sent twice
    assert "0 verstuurd" in again.output and len(smtp.to("later@voorbeeld.nl")) == 1
    assert "later@voorbeeld.nl" not in client.get("/beheer/e-mail").get_data(as_text=True)


def test_the_beheer_retry_button_sends_what_waits(app, login, client, world, smtp):
    login("admin")
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()
    _invite(client, "knop@voorbeeld.nl")
    app.config["MAIL_PORT"] = port
    response = client.post("/beheer/e-mail/versturen", follow_redirects=True)
    assert "1 e-mail(s) verstuurd" in response.get_data(as_text=True)
    assert smtp.wait_for("knop@voorbeeld.nl")


def test_without_smtp_settings_mails_go_to_the_outbox_folder_with_their_link_logged(
    app, world, tmp_path, caplog
):
    app.config["MAIL_SERVER"] = ""
    outbox = app.config["MAIL_OUTBOX_DIR"]
    app.config["MAIL_OUTBOX_DIR"] = str(tmp_path / "outbox")
    try:
        with app.test_request_context("/"):
            mail = mailing.queue_mail(
                "demo@voorbeeld.nl",
                "password_reset",
                "Nieuw wachtwoord voor omtracker",
                user=db.session.get(User, 1),
                link="http://127.0.0.1:5000/wachtwoord-herstellen/abc",
                hours=2,
            )
            db.session.commit()
            counts = mailing.deliver([mail.id])
    finally:
        app.config["MAIL_OUTBOX_DIR"] = outbox
    assert counts["sent"] == 1
    [eml] = list(Path(tmp_path, "outbox").glob("*.eml"))
    assert b"demo@voorbeeld.nl" in eml.read_bytes()
    assert "http://127.0.0.1:5000/wachtwoord-herstellen/abc" in caplog.text


def test_a_mail_claimed_by_one_sender_is_not_sent_by_another(app, world, smtp):
    with app.test_request_context("/"):
        mail = mailing.queue_mail(
            "eenmaal@voorbeeld.nl",
            "password_reset",
            "Test",
            user=db.session.get(User, 1),
            link="x",
            hours=2,
        )
    db.session.commit()
    assert mailing.deliver([mail.id])["sent"] == 1
    assert mailing.deliver([mail.id])["skipped"] == 1
    assert len(smtp.wait_for("eenmaal@voorbeeld.nl")) == 1


def test_a_mail_exists_only_when_its_change_was_committed(app, world, smtp):
    with app.test_request_context("/"):
        mailing.queue_mail(
            "teruggedraaid@voorbeeld.nl",
            "password_reset",
            "Test",
            user=db.session.get(User, 1),
            link="x",
            hours=2,
        )
    db.session.rollback()
    assert (
        db.session.query(OutgoingMail).filter_by(recipient="teruggedraaid@voorbeeld.nl").count()
        == 0
    )
    assert mailing.deliver_due()["sent"] == 0 and smtp.to("teruggedraaid@voorbeeld.nl") == []


def test_a_mail_server_that_never_answers_costs_at_most_the_timeout(
    app, login, client, world, smtp
):
    """A server that takes the connection but says nothing: the SMTP timeout ends the wait."""
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    port, timeout = app.config["MAIL_PORT"], app.config["MAIL_TIMEOUT"]
    app.config.update(MAIL_PORT=silent.getsockname()[1], MAIL_TIMEOUT=1)
    try:
        login("regisseur")
        started = time.perf_counter()
        response = client.post(
            "/beheer/uitnodigingen",
            data={
                "email": "stil@voorbeeld.nl",
                "role": "user",
                "theme_id": "0",
                "theme_role": "",
                "locale": "nl",
            },
        )
        elapsed = time.perf_counter() - started
    finally:
        app.config.update(MAIL_PORT=port, MAIL_TIMEOUT=timeout)
        silent.close()
    assert response.status_code == 302 and elapsed < 4
    stored = db.session.scalar(
        select(OutgoingMail).where(OutgoingMail.recipient == "stil@voorbeeld.nl")
    )
    assert stored.status == "failed" and "timed out" in stored.last_error


def test_send_mail_retries_a_mail_whose_sender_died_mid_way(app, world, smtp, runner, time_machine):
    from datetime import timedelta

    from omtracker import clock

    with app.test_request_context("/"):
        mail = mailing.queue_mail(
            "verweesd@voorbeeld.nl",
            "password_reset",
            "Test",
            user=db.session.get(User, 1),
            link="x",
            hours=2,
        )
    mail.status, mail.claimed_at, mail.attempts = "sending", clock.utcnow(), 1
    db.session.commit()
    assert "0 verstuurd" in runner.invoke(args=["send-mail"]).output  # still someone else's
    time_machine.move_to(clock.now() + timedelta(minutes=11), tick=False)
    assert "1 verstuurd" in runner.invoke(args=["send-mail"]).output
    assert smtp.wait_for("verweesd@voorbeeld.nl") and mail.attempts == 2


def test_send_mail_exits_non_zero_while_mails_fail_so_cron_reports_it(app, world, smtp, runner):
    with app.test_request_context("/"):
        mailing.queue_mail(
            "mislukt@voorbeeld.nl",
            "password_reset",
            "Test",
            user=db.session.get(User, 1),
            link="x",
            hours=2,
        )
    db.session.commit()
    app.config["MAIL_PORT"], port = free_port(), app.config["MAIL_PORT"]
    try:
        result = runner.invoke(args=["send-mail"])
    finally:
        app.config["MAIL_PORT"] = port
    assert result.exit_code == 1 and "1 mislukt" in result.output
