"""Routes around a saved journal entry: its page, revisions, evidence files and promotion."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from omtracker import labels
from omtracker.confirmations.services import for_entry as confirmation_requests
from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.journals import bp, queries, services
from omtracker.journals.attachments import attachment_dir
from omtracker.journals.forms import PromoteForm
from omtracker.journals.revisions import revision_history
from omtracker.models import Engagement, JournalAttachment, JournalEntry, Opgave, Tier
from omtracker.observations import services as observation_services
from omtracker.periods import format_period
from omtracker.permissions import can_edit_theme, can_write_journal


@bp.get("/logboeken/<int:entry_id>")
@login_required
def entry(entry_id: int):
    programme = current_programme()
    journal = queries.load_entry(entry_id, programme.id) or abort(404)
    promote_form = PromoteForm(
        data={"tier": Tier.like.value, "text": journal.unanticipated_change}, formdata=None
    )
    return _entry_page(journal, promote_form), 200


def _entry_page(journal: JournalEntry, promote_form: PromoteForm) -> str:
    theme = journal.engagement.opgave.theme
    promote_form.fill_choices()
    return render_template(
        "journals/entry.html",
        page=queries.entry_page(journal),
        entry=journal,
        engagement=journal.engagement,
        theme=theme,
        can_write=can_write_journal(current_user, theme),
        can_promote=can_edit_theme(current_user, theme),
        promote_form=promote_form,
        harvested=queries.harvested_from(journal.id),
        confirmations=confirmation_requests(journal.id),
        observations=observation_services.for_entry(journal.id),
    )


@bp.get("/logboeken/<int:entry_id>/versies")
@login_required
def revisions(entry_id: int):
    programme = current_programme()
    journal = queries.load_entry(entry_id, programme.id) or abort(404)
    return render_template(
        "journals/revisions.html",
        entry=journal,
        engagement=journal.engagement,
        theme=journal.engagement.opgave.theme,
        history=revision_history(journal),
    )


@bp.post("/logboeken/<int:entry_id>/markering")
@login_required
def promote(entry_id: int):
    programme = current_programme()
    journal = queries.load_entry(entry_id, programme.id) or abort(404)
    if not can_edit_theme(current_user, journal.engagement.opgave.theme):
        abort(403)
    promote_form = PromoteForm()
    promote_form.fill_choices()
    if not promote_form.validate_on_submit():
        return _entry_page(journal, promote_form), 400
    marker = services.promote_to_marker(
        journal, Tier(promote_form.tier.data), promote_form.text.data, int(promote_form.level.data)
    )
    db.session.commit()
    flash(
        _(
            "Nieuwe voortgangsmarkering toegevoegd (%(tier)s), telt mee vanaf %(month)s.",
            tier=labels.TIER[Tier(marker.tier)],
            month=format_period(marker.first_period),
        ),
        "success",
    )
    return redirect(url_for("journals.entry", entry_id=journal.id, _anchor="nieuwe-markeringen"))


def _load_attachment(attachment_id: int) -> JournalAttachment:
    programme = current_programme()
    attachment = db.session.scalars(
        select(JournalAttachment)
        .where(JournalAttachment.id == attachment_id)
        .options(
            joinedload(JournalAttachment.entry)
            .joinedload(JournalEntry.engagement)
            .joinedload(Engagement.opgave)
            .joinedload(Opgave.theme)
        )
    ).first()
    if attachment is None or attachment.entry.engagement.opgave.theme.programme_id != programme.id:
        abort(404)
    return attachment


@bp.get("/logboeken/bijlagen/<int:attachment_id>")
@login_required
def attachment(attachment_id: int):
    found = _load_attachment(attachment_id)
    return send_from_directory(
        attachment_dir(),
        found.stored_name,
        as_attachment=True,
        download_name=found.filename,
        mimetype=found.content_type,
        max_age=0,
    )


@bp.post("/logboeken/bijlagen/<int:attachment_id>/archiveren")
@login_required
def archive_attachment(attachment_id: int):
    found = _load_attachment(attachment_id)
    if not can_write_journal(current_user, found.entry.engagement.opgave.theme):
        abort(403)
    services.archive_attachment(found)
    db.session.commit()
    flash(_("Bijlage %(name)s gearchiveerd.", name=found.filename), "info")
    return redirect(url_for("journals.entry", entry_id=found.entry_id, _anchor="bewijs"))
