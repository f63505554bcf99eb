"""Reminder mails: a digest of the journals due and overdue, sent by `flask send-reminders`.

Cron (or a systemd timer) runs the command daily; no scheduler lives in the web workers, which
would send once per worker. Each person chooses on their profile page when they get one, and
every mail carries a link to stop them without logging in.
"""

from __future__ import annotations

import click
from flask import Blueprint, Flask

bp = Blueprint("reminders", __name__)


@click.command("send-reminders")
def send_reminders_command() -> None:
    """Queue and send today's reminder mails (for cron; running it twice sends nothing twice)."""
    from omtracker import clock, mailing
    from omtracker.reminders.services import send_reminders

    counts = send_reminders(clock.today())
    delivered = mailing.deliver_due()
    click.echo(
        f"Herinneringen: {counts['queued']} nieuw, {counts['already']} al eerder verstuurd, "
        f"{counts['nothing']} zonder herinnering vandaag. "
        f"E-mail: {delivered['sent']} verstuurd, {delivered['failed']} mislukt."
    )
    if delivered["failed"]:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(send_reminders_command)


from omtracker.reminders import routes  # noqa: E402,F401
