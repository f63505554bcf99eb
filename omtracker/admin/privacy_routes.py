"""Personal data of a contact person: search, export as JSON, erase."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from omtracker.admin import bp, privacy
from omtracker.admin.forms import ContactSearchForm
from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Role
from omtracker.permissions import role_required


@bp.get("/privacy")
@role_required(Role.coordinator)
def privacy_search():
    form = ContactSearchForm(request.args)
    findings = None
    status = 200
    if request.args:
        if form.validate():
            findings = privacy.find_contact(current_programme(), form.q.data)
        else:
            status = 400
    return render_template("admin/privacy.html", form=form, findings=findings), status


@bp.post("/privacy/export")
@role_required(Role.coordinator)
def privacy_export():
    form = ContactSearchForm(request.form)
    if not form.validate():
        return redirect(url_for("admin.privacy_search")), 303
    data = privacy.export(privacy.find_contact(current_programme(), form.q.data))
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="persoonsgegevens.json"'},
    )


@bp.post("/privacy/wissen")
@role_required(Role.coordinator)
def privacy_erase():
    form = ContactSearchForm(request.form)
    if not form.validate():
        return redirect(url_for("admin.privacy_search")), 303
    findings = privacy.find_contact(current_programme(), form.q.data)
    if not findings.partners:
        flash(_("Niets gevonden om te wissen."), "warning")
        return redirect(url_for("admin.privacy_search", q=form.q.data))
    changed = privacy.erase(findings, current_user.id)
    db.session.commit()
    flash(_("Persoonsgegevens gewist uit %(n)s records.", n=changed), "success")
    return redirect(url_for("admin.privacy_search"))
