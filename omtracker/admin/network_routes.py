"""Beheer → Netwerken (administrators): monitoring networks, the municipalities a regional one
covers, and its readers, invited by e-mail."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from omtracker import labels
from omtracker.admin import bp, networks
from omtracker.admin.forms import NetworkForm, NetworkProgrammesForm, NetworkReaderForm
from omtracker.extensions import db
from omtracker.models import MonitoringNetwork, NetworkKind, NetworkReader, Programme
from omtracker.permissions import role_required


def _programmes() -> dict[int, Programme]:
    found = db.session.scalars(
        select(Programme).where(Programme.archived.is_(False)).order_by(Programme.name)
    )
    return {p.id: p for p in found}


def _programme_choices(programmes: dict[int, Programme]) -> dict[int, str]:
    return {pid: p.municipality or p.name for pid, p in programmes.items()}


def _network_or_404(network_id: int) -> MonitoringNetwork:
    network = db.session.get(MonitoringNetwork, network_id)
    if network is None:
        abort(404)
    return network


def _reader_form() -> NetworkReaderForm:
    form = NetworkReaderForm(prefix="r")
    form.locale.choices = dict(current_app.config["LANGUAGES"])
    return form


def _problem(reason: str) -> str:
    return {
        "name_taken": _("Er is al een netwerk met deze naam."),
        "exists": _("Er is al een account met dit e-mailadres."),
        "throttled": _("Er zijn het afgelopen uur al genoeg mails naar dit adres gegaan."),
        "username": _("Deze gebruikersnaam bestaat al."),
    }[reason]


@bp.route("/netwerken", methods=["GET", "POST"])
@role_required()
def networks_page():
    programmes = _programmes()
    form = NetworkForm()
    form.kind.choices = {k.value: str(labels.NETWORK_KIND[k]) for k in NetworkKind}
    form.programme_ids.choices = _programme_choices(programmes)
    status = 200
    if form.validate_on_submit():
        chosen = [programmes[pid] for pid in form.programme_ids.data or []]
        try:
            network = networks.create_network(form.name.data, NetworkKind(form.kind.data), chosen)
        except networks.NetworkError as exc:
            db.session.rollback()
            form.name.errors.append(_problem(exc.reason))
            status = 400
        else:
            db.session.commit()
            flash(_("Netwerk %(name)s aangemaakt.", name=network.name), "success")
            return redirect(url_for("admin.network", network_id=network.id))
    elif request.method == "POST":
        status = 400
    return render_template(
        "admin/networks.html", form=form, networks=networks.all_networks()
    ), status


def _network_page(network: MonitoringNetwork, programmes_form, reader_form, status: int):  # noqa: ANN001, ANN202
    return render_template(
        "admin/network.html",
        network=network,
        programmes_form=programmes_form,
        reader_form=reader_form,
        readers=sorted(network.readers, key=lambda r: r.user.display_name.lower()),
    ), status


@bp.route("/netwerken/<int:network_id>", methods=["GET", "POST"])
@role_required()
def network(network_id: int):
    """A network; for a regional one, the municipalities it covers."""
    found = _network_or_404(network_id)
    programmes = _programmes()
    form = NetworkProgrammesForm(prefix="p")
    form.programme_ids.choices = _programme_choices(programmes)
    if request.method == "GET":
        form.programme_ids.data = [link.programme_id for link in found.programme_links]
    status = 200
    if form.validate_on_submit():
        networks.set_programmes(found, [programmes[pid] for pid in form.programme_ids.data or []])
        db.session.commit()
        flash(_("Gemeenten van %(name)s bijgewerkt.", name=found.name), "success")
        return redirect(url_for("admin.network", network_id=found.id))
    if request.method == "POST":
        status = 400
    return _network_page(found, form, _reader_form(), status)


@bp.post("/netwerken/<int:network_id>/lezers")
@role_required()
def invite_network_reader(network_id: int):
    found = _network_or_404(network_id)
    form = _reader_form()
    if form.validate_on_submit():
        try:
            networks.invite_reader(
                found,
                form.email.data,
                display_name=form.display_name.data or "",
                username=form.username.data or None,
                invited_by=current_user,
                locale=form.locale.data,
            )
        except networks.NetworkError as exc:
            db.session.rollback()
            target = form.username if exc.reason == "username" else form.email
            target.errors.append(_problem(exc.reason))
        else:
            db.session.commit()
            flash(_("Uitnodiging verstuurd naar %(email)s.", email=form.email.data), "success")
            return redirect(url_for("admin.network", network_id=found.id))
    programmes_form = NetworkProgrammesForm(prefix="p", formdata=None)
    programmes_form.programme_ids.choices = _programme_choices(_programmes())
    programmes_form.programme_ids.data = [link.programme_id for link in found.programme_links]
    return _network_page(found, programmes_form, form, 400)


@bp.post("/netwerken/<int:network_id>/lezers/<int:user_id>/verwijderen")
@role_required()
def remove_network_reader(network_id: int, user_id: int):
    found = _network_or_404(network_id)
    reader = db.session.get(NetworkReader, user_id)
    if reader is None or reader.network_id != found.id:
        abort(404)
    name = reader.user.display_name
    networks.remove_reader(reader)
    db.session.commit()
    flash(_("%(name)s leest niet meer mee; het account staat uit.", name=name), "success")
    return redirect(url_for("admin.network", network_id=found.id))
