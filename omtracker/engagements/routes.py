"""Outcome challenges: create one under an opgave, read its page, edit, stop or archive it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker import labels
from omtracker.context import current_programme
from omtracker.editing import submit_versioned
from omtracker.engagements import bp, contribution, queries, services
from omtracker.engagements.access import (
    engagement_or_404,
    opgave_or_404,
    require_edit,
    versioned_button,
)
from omtracker.engagements.forms import EngagementForm, NewEngagementForm, optional_int
from omtracker.evidence import strengths_of
from omtracker.extensions import db
from omtracker.models import Engagement, Partner
from omtracker.observations.services import open_for_engagement
from omtracker.periods import current_period, format_period, is_period
from omtracker.permissions import can_edit_theme, can_write_journal

ENGAGEMENT_FIELDS = ("outcome_challenge", "monitoring_frequency_months", "start_date")


def _partner_label(partner: Partner) -> str:
    details = [str(labels.PARTNER_TYPE[partner.type])]
    if partner.wijk:
        details.append(partner.wijk)
    return f"{partner.name} ({', '.join(details)})"


@bp.route("/opgaven/<int:opgave_id>/uitkomstuitdagingen/nieuw", methods=["GET", "POST"])
@login_required
def create(opgave_id: int):
    """Engage a partner from the programme's registry in this opgave."""
    opgave = opgave_or_404(opgave_id)
    require_edit(opgave.theme)
    programme = current_programme()
    form = NewEngagementForm()
    partners = queries.available_partners(programme.id, opgave.id)
    choices = {"": _("— Kies een grenspartner —")}
    choices.update({str(p.id): _partner_label(p) for p in partners})
    form.partner_id.choices = choices
    if request.method == "GET":
        try:  # "engage this partner" links from a partner page preselect it
            form.partner_id.data = optional_int(request.args.get("partner"))
        except ValueError:
            form.partner_id.data = None
    existing_id = None
    status = 200
    if opgave.archived:
        status = 409 if request.method == "POST" else 200
    elif form.validate_on_submit():
        partner = db.session.get(Partner, form.partner_id.data)
        if partner is None or partner.programme_id != programme.id or partner.archived:
            form.partner_id.errors.append(_("Kies een grenspartner uit het register."))
        elif partner.merged_into_id is not None:
            form.partner_id.errors.append(
                _("Deze partner is samengevoegd met een andere; kies die partner.")
            )
        else:
            try:
                engagement = services.create_engagement(
                    opgave,
                    partner,
                    outcome_challenge=form.outcome_challenge.data,
                    monitoring_frequency_months=form.monitoring_frequency_months.data,
                    start_date=form.start_date.data,
                )
            except services.AlreadyEngaged as exc:
                existing_id = exc.engagement_id
                # Keep the choice visible next to its error instead of silently resetting it.
                form.partner_id.choices[str(partner.id)] = _partner_label(partner)
                form.partner_id.errors.append(
                    _(
                        "%(name)s heeft al een uitkomstuitdaging in deze opgave. "
                        "Kies een andere partner of open de bestaande.",
                        name=partner.name,
                    )
                )
            else:
                db.session.commit()
                flash(
                    _(
                        "Uitkomstuitdaging voor %(name)s aangemaakt. "
                        "Voeg nu de voortgangsmarkeringen toe.",
                        name=partner.name,
                    ),
                    "success",
                )
                return redirect(url_for(".engagement", engagement_id=engagement.id))
        status = 400
    elif request.method == "POST":
        status = 400
    return (
        render_template(
            "engagements/create.html",
            form=form,
            opgave=opgave,
            partner_count=len(partners),
            existing_id=existing_id,
        ),
        status,
    )


@bp.get("/uitkomstuitdagingen/<int:engagement_id>")
@login_required
def engagement(engagement_id: int):
    """The stable page of one outcome challenge: its ladder, levels, history and journals."""
    return render_engagement(engagement_or_404(engagement_id))


def render_engagement(engagement: Engagement, status: int = 200, conflict: str | None = None):  # noqa: ANN201
    theme = engagement.opgave.theme
    page = queries.engagement_page(engagement, current_period())
    return (
        render_template(
            "engagements/engagement.html",
            page=page,
            engagement=engagement,
            can_edit=can_edit_theme(current_user, theme),
            can_write=can_write_journal(current_user, theme),
            conflict=conflict,
            months=contribution.month_by_month(engagement, page.period, entries=page.entries),
            evidence=strengths_of([entry.id for entry in page.entries]),
            observations=open_for_engagement(engagement.id),
        ),
        status,
    )


def _conflict_rows(stored: Engagement, form: EngagementForm) -> list[tuple[str, str, str]]:
    def frequency(months: object) -> str:
        return str(labels.MONITORING_FREQUENCY.get(months, months))

    return [
        (
            str(form.outcome_challenge.label.text),
            stored.outcome_challenge,
            form.outcome_challenge.data,
        ),
        (
            str(form.monitoring_frequency_months.label.text),
            frequency(stored.monitoring_frequency_months),
            frequency(form.monitoring_frequency_months.data),
        ),
        (str(form.start_date.label.text), stored.start_date, form.start_date.data),
    ]


@bp.route("/uitkomstuitdagingen/<int:engagement_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(engagement_id: int):
    engagement = engagement_or_404(engagement_id)
    require_edit(engagement.opgave.theme)
    form = EngagementForm(obj=engagement)
    done = submit_versioned(
        form,
        lambda: services.update_engagement(
            engagement,
            form.version.data,
            outcome_challenge=form.outcome_challenge.data,
            monitoring_frequency_months=form.monitoring_frequency_months.data,
            start_date=form.start_date.data,
            effective_from=form.effective_from.data,
        ),
        lambda stored: _conflict_rows(stored, form),
    )
    if done.saved:
        db.session.commit()
        flash(_("Uitkomstuitdaging opgeslagen."), "success")
        return redirect(url_for(".engagement", engagement_id=engagement.id))
    return (
        render_template(
            "engagements/edit.html",
            form=form,
            engagement=done.current or engagement,
            conflict=done.conflict,
        ),
        done.status,
    )


STATE_ACTIONS = {
    "stoppen": (services.set_engagement_active, False),
    "pauzeren": (services.set_engagement_paused, True),
    "hervatten": (services.set_engagement_active, True),
    "archiveren": (services.set_engagement_archived, True),
    "terugzetten": (services.set_engagement_archived, False),
}


def _effective_month() -> tuple[str | None, str | None]:
    """The month a state change takes effect (`vanaf`, default this month) or why not.

    A month before this one rewrites past figures: only with `bevestig` ticked."""
    raw = (request.form.get("vanaf") or "").strip()
    if not raw:
        return None, None
    if not is_period(raw):
        example = current_period()
        return None, _("Kies een maand als JJJJ-MM, bijvoorbeeld %(month)s.", month=example)
    if raw < current_period() and not request.form.get("bevestig"):
        return None, _(
            "Een wijziging vanaf %(month)s verandert de cijfers van voorbije maanden. Vink aan "
            "dat je dat bedoelt, of kies deze maand of een latere.",
            month=format_period(raw),
        )
    return raw, None


@bp.post(
    "/uitkomstuitdagingen/<int:engagement_id>"
    "/<any(stoppen, pauzeren, hervatten, archiveren, terugzetten):action>"
)
@login_required
def set_state(engagement_id: int, action: str):
    """Stop, pause or resume monitoring, archive or restore, from this month (or the month
    the user picked): the record and the figures of earlier months stay as they were."""
    engagement = engagement_or_404(engagement_id)
    require_edit(engagement.opgave.theme)
    change, value = STATE_ACTIONS[action]
    month, problem = _effective_month()
    if problem is not None:
        return render_engagement(engagement, 400, problem)
    refused = versioned_button(
        engagement,
        lambda version: change(engagement, version, value, month),
        render_engagement,
        _(
            "Iemand anders heeft deze uitkomstuitdaging intussen gewijzigd. Er is niets "
            "veranderd; bekijk de huidige stand hieronder en probeer het opnieuw."
        ),
    )
    if refused is not None:
        return refused
    db.session.commit()
    flash(
        {
            "stoppen": _(
                "Monitoring gestopt: vanaf %(month)s telt deze uitkomstuitdaging niet meer mee. "
                "Eerdere maanden houden hun cijfers.",
                month=format_period(month or current_period()),
            ),
            "pauzeren": _(
                "Monitoring gepauzeerd vanaf %(month)s: de markeringen tellen mee, er is geen "
                "logboek nodig.",
                month=format_period(month or current_period()),
            ),
            "hervatten": _("Monitoring hervat."),
            "archiveren": _("Uitkomstuitdaging gearchiveerd. De geschiedenis blijft leesbaar."),
            "terugzetten": _("Uitkomstuitdaging teruggezet uit het archief."),
        }[action],
        "success",
    )
    return redirect(url_for(".engagement", engagement_id=engagement.id))
