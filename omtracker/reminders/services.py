"""Reminder mails: who gets one today, what it lists, and the log that keeps it to one.

What is due or overdue comes from "Mijn maand" (`omtracker.journals.mymonth`, which uses the
rules in `omtracker.metrics`), limited to the themes the person is a member of; this module
only decides *when* to mail. A person's choice:

- "due": one mail a month, from the last week of the month in which journals are due (or as
  soon as one is overdue);
- "weekly": one mail per ISO week (the first run of the week) while something is due;
- "off": none.

The slot (the month or the week) is logged per person with a unique key before the mail is
queued, in the same transaction, so running `flask send-reminders` twice sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from omtracker import mailing
from omtracker.extensions import db
from omtracker.journals.mymonth import MonthItem, my_month
from omtracker.metrics.rules import last_day
from omtracker.models import REMINDER_CHOICES, ReminderLog, Role, User
from omtracker.periods import current_period

# "due": the mail goes out from this many days before the end of the month.
DUE_WINDOW_DAYS = 7
_SALT = "omtracker-reminders-unsubscribe"


@dataclass
class Digest:
    user: User
    period: str
    due: list[MonthItem]
    overdue: list[MonthItem]

    @property
    def empty(self) -> bool:
        return not (self.due or self.overdue)


def digest_for(user: User, today: date) -> Digest:
    """The journals the person still has to write this month, in their own themes only."""
    period = current_period(today)
    month = my_month(user, user.programme_id, period, None, today)
    own = {m.theme_id for m in user.memberships}
    todo = [item for item in month.todo if item.theme_id in own]
    overdue = [item for item in todo if item.overdue_since is not None]
    due = [item for item in todo if item.overdue_since is None]
    return Digest(user=user, period=period, due=due, overdue=overdue)


def slot_for(frequency: str, digest: Digest, today: date) -> str | None:
    """The month or week this reminder belongs to, or None when today is not its day."""
    if digest.empty or frequency not in ("due", "weekly"):
        return None
    if frequency == "weekly":
        year, week, _day = today.isocalendar()
        return f"{year}-W{week:02d}"
    in_window = today >= last_day(digest.period) - timedelta(days=DUE_WINDOW_DAYS - 1)
    return digest.period if (in_window or digest.overdue) else None


def unsubscribe_token(user: User) -> str:
    """A signed (not secret-stored) token naming the person: the link works without logging in."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT).dumps(user.id)


def user_for_token(token: str) -> User | None:
    try:
        user_id = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT).loads(token)
    except BadSignature:
        return None
    return db.session.get(User, user_id) if isinstance(user_id, int) else None


def set_frequency(user: User, frequency: str) -> None:
    if frequency not in REMINDER_CHOICES:
        raise ValueError(frequency)
    user.reminder_frequency = frequency
    db.session.flush()


def _recipients() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.is_active_account.is_(True),
                User.email.is_not(None),
                User.email != "",
                User.programme_id.is_not(None),
                User.reminder_frequency != "off",
                User.role != Role.board,
            )
            .order_by(User.id)
        )
    )


def _queue(digest: Digest, slot: str) -> bool:
    """Log the slot and queue the mail together; False when this slot was already sent."""
    user = digest.user
    log = ReminderLog(
        user_id=user.id,
        programme_id=user.programme_id,
        slot=slot,
        frequency=user.reminder_frequency,
        due_count=len(digest.due),
        overdue_count=len(digest.overdue),
        recipient=user.email,
    )
    try:
        with db.session.begin_nested():
            db.session.add(log)
            db.session.flush()
    except IntegrityError:
        return False  # sent earlier today (or by a run at the same moment)

    def form_link(item: MonthItem) -> str:
        return mailing.mail_link(
            "journals.form", engagement_id=item.engagement_id, period=digest.period
        )

    mailing.queue_mail(
        user.email,
        "reminder",
        _l("Logboeken om in te vullen"),
        locale=user.locale,
        programme_id=user.programme_id,
        user=user,
        period=digest.period,
        due=[(item, form_link(item)) for item in digest.due],
        overdue=[(item, form_link(item)) for item in digest.overdue],
        my_month_link=mailing.mail_link("journals.my_month"),
        profile_link=mailing.mail_link("auth.profile"),
        unsubscribe_link=mailing.mail_link("reminders.unsubscribe", token=unsubscribe_token(user)),
    )
    return True


def send_reminders(today: date) -> dict[str, int]:
    """Queue today's reminders, committing per person; returns counts. Idempotent."""
    counts = {"queued": 0, "already": 0, "nothing": 0}
    for user in _recipients():
        digest = digest_for(user, today)
        slot = slot_for(user.reminder_frequency, digest, today)
        if slot is None:
            counts["nothing"] += 1
            continue
        if _queue(digest, slot):
            counts["queued"] += 1
        else:
            counts["already"] += 1
        db.session.commit()
    return counts


def reminder_log(programme_id: int, limit: int = 300) -> list[tuple[ReminderLog, Any]]:
    """Beheer → Herinneringen: who was reminded when, newest first."""
    stmt = (
        select(ReminderLog, User.display_name)
        .join(User, User.id == ReminderLog.user_id)
        .where(ReminderLog.programme_id == programme_id)
        .order_by(ReminderLog.sent_at.desc(), ReminderLog.id.desc())
        .limit(limit)
    )
    return [tuple(row) for row in db.session.execute(stmt)]


def notify_board_of_report(report: Any, programme: Any) -> int:
    """A mail to every board member with an address when a monthly report is published.

    Called by the publish service, so the mails are stored in the publication's transaction.
    """
    board = db.session.scalars(
        select(User).where(
            User.programme_id == programme.id,
            User.role == Role.board,
            User.is_active_account.is_(True),
            User.email.is_not(None),
            User.email != "",
        )
    )
    sent = 0
    for member in board:
        mailing.queue_mail(
            member.email,
            "report_published",
            _l("Maandrapportage gepubliceerd"),
            locale=member.locale,
            programme_id=programme.id,
            user=member,
            programme=programme,
            period=report.period,
            link=mailing.mail_link("reports.published", period=report.period),
        )
        sent += 1
    return sent
