"""Composing and storing mails; scheduling their delivery once their transaction commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    after_this_request,
    current_app,
    g,
    has_request_context,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from omtracker.extensions import db
from omtracker.models import OutgoingMail

_PENDING = "omtracker_new_mails"  # mails added in the open transaction (session.info)
_COMMITTED = "omtracker_committed_mails"  # committed, not yet handed to delivery


def mail_link(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail: BASE_URL when set, else the request's own host."""
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    if has_request_context():
        return (
            base + url_for(endpoint, **values)
            if base
            else url_for(endpoint, _external=True, **values)
        )
    path = current_app.url_map.bind("127.0.0.1:5000").build(endpoint, values)
    # After a response (`after_response`): the host of the request that asked for the work.
    return (base or g.get("mail_base_url") or "http://127.0.0.1:5000") + path


def queue_mail(
    recipient: str,
    template: str,
    subject: Any,
    locale: str | None = None,
    programme_id: int | None = None,
    **context: Any,
) -> OutgoingMail:
    """Store a mail rendered from templates/mail/<template>.txt and .html; the caller commits.

    `subject` is a lazy string (`_l(...)`) so it is translated in the recipient's language.
    """
    languages = current_app.config["LANGUAGES"]
    locale = locale if locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject_text = str(subject)
        context.update(subject=subject_text, locale=locale)
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", **context)
    mail = OutgoingMail(
        recipient=recipient,
        subject=subject_text[:300],
        text=text,
        html=html,
        programme_id=programme_id,
    )
    db.session.add(mail)
    db.session.flush()
    db.session.info.setdefault(_PENDING, []).append(mail.id)
    return mail


def take_committed(session: Session | None = None) -> list[int]:
    """The ids of mails committed since the last call (and forget them)."""
    session = session or db.session()
    return session.info.pop(_COMMITTED, [])


def _after_commit(session: Session) -> None:
    ids = session.info.pop(_PENDING, [])
    if not ids:
        return
    session.info.setdefault(_COMMITTED, []).extend(ids)
    if has_request_context() and not g.get("_in_after_response"):
        _send_after_response()


def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(_PENDING, None)


def _run_after(response, work: Callable[[], Any]):  # noqa: ANN001, ANN202
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    base_url = request.url_root.rstrip("/")
    if app.testing:  # the test client never closes a response: run it now, in this session
        g._in_after_response = True
        try:
            work()
        finally:
            g._in_after_response = False
        return response

    def run() -> None:
        with app.app_context():
            g.mail_base_url = base_url
            try:
                work()
            finally:
                db.session.remove()

    response.call_on_close(run)
    return response


def after_response(work: Callable[[], Any]) -> None:
    """Run `work` once this request's answer has gone out, in its own app context and session.

    For work the user should not wait for, or whose duration must not show in the answer's
    timing (a password-reset request for an address that may or may not exist). `work` commits
    itself and calls `deliver_committed()` for the mails it queued.
    """
    after_this_request(lambda response: _run_after(response, work))


def _send_after_response() -> None:
    """Once per request: hand the committed mails to delivery when the answer has gone out."""
    if g.get("_mail_delivery_scheduled"):
        return
    g._mail_delivery_scheduled = True

    @after_this_request
    def schedule(response):  # noqa: ANN001, ANN202
        from omtracker.mailing.delivery import deliver

        ids = take_committed()
        return _run_after(response, lambda: deliver(ids)) if ids else response


_installed = False


def install_hooks() -> None:
    global _installed
    if _installed:
        return
    from flask_sqlalchemy.session import Session as FlaskSession

    event.listen(FlaskSession, "after_commit", _after_commit)
    event.listen(FlaskSession, "after_soft_rollback", lambda s, _t: _after_rollback(s))
    _installed = True
