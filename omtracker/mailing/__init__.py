"""E-mail, one floor down: any area queues a mail with the change that causes it.

`queue_mail` renders a mail in the recipient's language (plain text and HTML, no images) and
stores it as an `OutgoingMail` in the caller's transaction, so a mail exists exactly when its
change was committed. After the commit it is sent (after the response, with a short SMTP
timeout); a mail the SMTP server refused or could not take stays stored and `flask send-mail`
(cron) retries it. Without SMTP settings mails go to instance/outbox/ as .eml files.
"""

from __future__ import annotations

from flask import Flask

from omtracker.mailing.delivery import deliver, deliver_committed, deliver_due, undelivered
from omtracker.mailing.outbox import after_response, install_hooks, mail_link, queue_mail

__all__ = [
    "after_response",
    "deliver",
    "deliver_committed",
    "deliver_due",
    "install",
    "mail_link",
    "queue_mail",
    "undelivered",
]


def install(app: Flask) -> None:
    """Bind Flask-Mailman and the after-commit hook that sends new mails."""
    from flask_mailman import Mail

    app.config.setdefault("MAIL_BACKEND", "smtp")
    Mail(app)
    install_hooks()
