"""Import pages: upload, preview, confirm, and the template files to start from.

Upload → the file is checked and stored under a random token → preview of what will be created,
or the list of row errors → confirm re-reads the stored file, checks every row again against the
registry as it is now, and imports everything in one transaction or nothing at all.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.labels import PARTNER_TYPE
from omtracker.models import MembershipRole, Opgave
from omtracker.partners import bp, import_engagements, import_rows, importing, services
from omtracker.partners.forms import ImportConfirmForm, ImportUploadForm
from omtracker.permissions import can_edit_theme, is_board, is_coordinator

KINDS = ("partners", "uitkomstuitdagingen")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_ROWS = 2000


def may_import_partners(user) -> bool:  # noqa: ANN001
    return is_coordinator(user)


def may_import_engagements(user) -> bool:  # noqa: ANN001
    """Coordinators, and theme leaders (into the opgaven of their own themes only)."""
    if is_coordinator(user):
        return True
    if not user.is_authenticated or is_board(user):
        return False
    return any(m.role == MembershipRole.lead for m in user.memberships)


def may_import(user, kind: str) -> bool:  # noqa: ANN001
    return may_import_partners(user) if kind == "partners" else may_import_engagements(user)


def import_dir() -> Path:
    configured = current_app.config.get("IMPORT_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "imports"


def _explanations(kind: str) -> list[tuple[str, str]]:
    if kind == "partners":
        types = ", ".join(str(label) for label in PARTNER_TYPE.values())
        return [
            ("naam", _("Verplicht. De naam van de organisatie, uniek in het register.")),
            ("type", _("Soort organisatie: %(types)s. Leeg betekent Overig.", types=types)),
            ("wijk", _("De wijk waar de organisatie vooral actief is.")),
            ("website", _("Bijvoorbeeld www.voorbeeld.nl.")),
            ("contactpersoon", _("Naam van de contactpersoon.")),
            ("e-mail", _("E-mailadres van de contactpersoon.")),
            ("telefoon", _("Telefoonnummer van de contactpersoon.")),
            ("omschrijving", _("Korte omschrijving van de organisatie.")),
        ]
    return [
        ("partner", _("Verplicht. Naam van een partner die al in het register staat.")),
        ("opgave", _("Verplicht. Titel of nummer van de opgave.")),
        (
            "uitkomstuitdaging",
            _("Verplicht op de eerste rij van een partner en opgave: het gedrag dat je wilt zien."),
        ),
        ("frequentie", _("Aantal maanden tussen logboeken (1 tot 12). Leeg betekent maandelijks.")),
        ("startdatum", _("Verplicht op de eerste rij, bijvoorbeeld 15-01-2026.")),
        ("niveau", _("Bij een markering: verwacht, graag of prachtig (te zien).")),
        ("markering", _("Eén voortgangsmarkering per rij; herhaal partner en opgave.")),
    ]


def _megabytes(size: int) -> str:
    """A size in MB the Dutch way: "2", "1,5"."""
    return format_decimal(round(size / 1024 / 1024, 1))


def _too_big_message(limit: int) -> str:
    return _(
        "Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.",
        mb=_megabytes(limit),
    )


def _page(forms: dict[str, ImportUploadForm], status: int = 200):  # noqa: ANN202
    limit = current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    for form in forms.values():
        # static/js/app.js refuses a larger file before it is sent.
        form.file.render_kw = {"data-max-bytes": limit, "data-too-big": _too_big_message(limit)}
    return render_template(
        "partners/import.html",
        forms=forms,
        explanations={kind: _explanations(kind) for kind in KINDS},
        may_partners=may_import_partners(current_user),
        may_engagements=may_import_engagements(current_user),
        max_mb=_megabytes(limit),
    ), status


@bp.get("/importeren")
@login_required
def import_start():
    current_programme()
    if not (may_import_partners(current_user) or may_import_engagements(current_user)):
        abort(403)
    return _page({kind: ImportUploadForm(formdata=None, prefix=kind) for kind in KINDS})


def _check(kind: str, data: bytes, filename: str) -> import_rows.ImportPreview:
    """Read and check a file for this user and programme; ImportFileError when unreadable."""
    programme = current_programme()
    max_rows = current_app.config.get("IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)
    table = importing.read_table(data, filename, kind, max_rows)
    registry = services.programme_partners(programme.id)
    if kind == "partners":
        return import_rows.check_partner_rows(table, registry)

    def may_use(opgave: Opgave) -> bool:
        return can_edit_theme(current_user, opgave.theme)

    return import_engagements.check_engagement_rows(
        table,
        registry,
        import_engagements.programme_opgaven(programme.id),
        import_engagements.existing_pairs(programme.id),
        may_use,
    )


@bp.post("/importeren/<any(partners,uitkomstuitdagingen):kind>")
@login_required
def import_upload(kind: str):
    programme = current_programme()
    if not may_import(current_user, kind):
        abort(403)
    forms = {k: ImportUploadForm(formdata=None, prefix=k) for k in KINDS}
    form = forms[kind] = ImportUploadForm(prefix=kind)
    if not form.validate_on_submit():
        return _page(forms, 400)
    upload = form.file.data
    limit = current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        form.file.errors.append(_too_big_message(limit))
        return _page(forms, 400)
    try:
        preview = _check(kind, data, upload.filename or "")
    except importing.ImportFileError as exc:
        form.file.errors.append(str(exc))
        return _page(forms, 400)
    token = None
    if preview.ok:
        token = importing.store_upload(
            import_dir(), data, upload.filename or "", kind, current_user.id, programme.id
        )
    return _preview(kind, preview, upload.filename or "", token)


def _preview(kind: str, preview, filename: str, token: str | None, status: int | None = None):  # noqa: ANN001, ANN202
    confirm = ImportConfirmForm(formdata=None)
    confirm.token.data = token
    return render_template(
        "partners/import_preview.html",
        kind=kind,
        preview=preview,
        filename=filename,
        form=confirm,
        upload_form=ImportUploadForm(formdata=None, prefix=kind),
    ), status or (200 if preview.ok else 400)


@bp.post("/importeren/<any(partners,uitkomstuitdagingen):kind>/bevestigen")
@login_required
def import_confirm(kind: str):
    programme = current_programme()
    if not may_import(current_user, kind):
        abort(403)
    form = ImportConfirmForm()
    stored = None
    if form.validate_on_submit():
        stored = importing.load_upload(
            import_dir(), form.token.data, kind, current_user.id, programme.id
        )
    if stored is None:
        flash(_("Dit importbestand is niet meer beschikbaar. Upload het opnieuw."), "warning")
        return redirect(url_for("partners.import_start"))
    data, filename = stored
    try:
        preview = _check(kind, data, filename)
    except importing.ImportFileError as exc:
        flash(str(exc), "danger")
        return redirect(url_for("partners.import_start"))
    if not preview.ok:
        # The registry changed since the preview: show what is wrong now; nothing is imported.
        return _preview(kind, preview, filename, None, 409)
    try:
        if kind == "partners":
            created = len(import_rows.apply_partners(programme.id, preview))
        else:
            created = len(import_engagements.apply_engagements(preview))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(
            _(
                "Iemand anders wijzigde het register tijdens het importeren; er is niets "
                "geïmporteerd. Probeer het opnieuw."
            ),
            "danger",
        )
        return redirect(url_for("partners.import_start"))
    importing.discard_upload(import_dir(), form.token.data)
    if kind == "partners":
        flash(
            ngettext("%(num)s partner geïmporteerd.", "%(num)s partners geïmporteerd.", created),
            "success",
        )
    else:
        flash(
            ngettext(
                "%(num)s uitkomstuitdaging met %(markers)s voortgangsmarkeringen geïmporteerd.",
                "%(num)s uitkomstuitdagingen met %(markers)s voortgangsmarkeringen geïmporteerd.",
                created,
                markers=sum(len(d.markers) for d in preview.engagements),
            ),
            "success",
        )
    return redirect(url_for("partners.index"))


@bp.get("/importeren/sjabloon/<any(partners,uitkomstuitdagingen):kind>.<any(csv,xlsx):fmt>")
@login_required
def import_template(kind: str, fmt: str):
    current_programme()
    if fmt == "csv":
        body, mimetype = importing.template_csv(kind), "text/csv; charset=utf-8"
    else:
        body = importing.template_xlsx(kind, _explanations(kind))
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="sjabloon-{kind}.{fmt}"'},
    )
