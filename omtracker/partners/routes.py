"""Registry pages: list, partner page, create, edit, archive, relations and merge."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.context import current_programme
from omtracker.editing import stored_values, submit_versioned
from omtracker.extensions import db
from omtracker.labels import PARTNER_TYPE
from omtracker.localpath import safe_local_path, with_query
from omtracker.models import Partner, PartnerRelation, PartnerType
from omtracker.partners import bp, export, merge, queries, services
from omtracker.partners.forms import (
    EDITABLE_FIELDS,
    MergeConfirmForm,
    MergeForm,
    PartnerForm,
    RelationForm,
)
from omtracker.partners.import_routes import may_import_engagements, may_import_partners
from omtracker.periods import current_period
from omtracker.permissions import can_edit_registry, is_coordinator
from omtracker.query_args import page_number, record_id


def load_partner(partner_id: int) -> Partner:
    """The partner of the current programme with this id, or 404."""
    partner = db.session.get(Partner, partner_id)
    if partner is None or partner.programme_id != current_programme().id:
        abort(404)
    return partner


def require_registry_editor() -> None:
    if not can_edit_registry(current_user, current_programme().id):
        abort(403)


def registry_filters() -> queries.RegistryFilters:
    """The list's filters from the query string; values that do not exist are ignored."""
    args = request.args
    kind = args.get("type", "")
    activity = args.get("activiteit", "")
    return queries.RegistryFilters(
        q=args.get("q", "").strip()[:100],
        type=kind if kind in PartnerType.__members__ else "",
        wijk=args.get("wijk", "").strip()[:120],
        theme_id=record_id(args.get("thema")),
        activity=activity if activity in queries.ACTIVITY_CHOICES else "",
        archived=args.get("archief") == "1",
        page=page_number(args.get("page")),
    )


@bp.get("/")
@login_required
def index():
    programme = current_programme()
    filters = registry_filters()
    data = queries.registry_page(programme.id, filters, current_period())
    return render_template(
        "partners/index.html",
        data=data,
        filters=filters,
        can_edit=can_edit_registry(current_user, programme.id),
        can_import=may_import_partners(current_user) or may_import_engagements(current_user),
    )


@bp.get("/register.<any(csv,xlsx):fmt>")
@login_required
def export_registry(fmt: str):
    """The register for Dutch Excel; whoever reads the registry page may download it."""
    programme = current_programme()
    if fmt == "csv":
        body, mimetype = export.registry_csv(programme.id), "text/csv; charset=utf-8"
    else:
        body = export.registry_xlsx(programme.id)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="partners-{programme.slug}.{fmt}"'},
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def create():
    programme = current_programme()
    require_registry_editor()
    form = PartnerForm()
    similar: list[Partner] = []
    status = 200
    # Came from another form (the outcome challenge form): go back there with this partner chosen.
    back = safe_local_path(request.args.get("next"))
    if form.validate_on_submit():
        values = form.values()
        partners = services.programme_partners(programme.id)
        existing = services.same_name_partner(programme.id, values["name"], partners=partners)
        if existing is None:
            similar = services.similar_partners(programme.id, values["name"], partners=partners)
        if existing is not None:  # an exact match is an error, not a question
            form.name.errors.append(_duplicate_message(existing))
            status = 400
        elif similar and not form.confirm_similar.data:
            form.confirm_similar.errors.append(
                _("Deze naam lijkt op een bestaande partner. Vink aan dat je toch wilt aanmaken.")
            )
            status = 400
        else:
            partner = services.create_partner(programme.id, values)
            db.session.commit()
            flash(_("Partner %(name)s is toegevoegd aan het register.", name=partner.name))
            if back:
                return redirect(with_query(back, partner=partner.id))
            return redirect(url_for("partners.partner", partner_id=partner.id))
    elif request.method == "POST":
        status = 400
    return render_template(
        "partners/form.html", form=form, partner=None, similar=similar, back=back
    ), status


def _duplicate_message(existing: Partner) -> str:
    if existing.archived:
        return _(
            "Er staat al een gearchiveerde partner met deze naam in het register: %(name)s. "
            "Herstel die in plaats van een nieuwe aan te maken.",
            name=existing.name,
        )
    return _("Er staat al een partner met deze naam in het register: %(name)s.", name=existing.name)


@bp.get("/<int:partner_id>")
@login_required
def partner(partner_id: int):
    partner = load_partner(partner_id)
    return _render_partner(partner)


def _render_partner(partner: Partner, relation_form: RelationForm | None = None, status=200):
    programme = current_programme()
    can_edit = can_edit_registry(current_user, programme.id)
    page = page_number(request.args.get("page"))
    detail = queries.partner_detail(partner, current_period(), journal_page=page)
    if can_edit and relation_form is None and not partner.archived:
        relation_form = RelationForm(formdata=None)
    if relation_form is not None:
        relation_form.other_partner_id.choices = _other_partner_choices(partner)
    return render_template(
        "partners/partner.html",
        d=detail,
        can_edit=can_edit,
        can_merge=is_coordinator(current_user),
        relation_form=relation_form,
    ), status


def _other_partner_choices(partner: Partner) -> dict[int, str]:
    choices = services.partner_choices(partner.programme_id, exclude_id=partner.id)
    return {0: _("— kies een partner —"), **choices}


@bp.route("/<int:partner_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(partner_id: int):
    partner = load_partner(partner_id)
    require_registry_editor()
    form = PartnerForm(obj=partner) if request.method == "GET" else PartnerForm()
    done = submit_versioned(
        form,
        lambda: services.update_partner(partner, form.values(), form.version.data),
        lambda stored: _conflict_rows(stored, form),
        refused={
            services.DuplicateName: lambda exc: form.name.errors.append(
                _duplicate_message(exc.existing)
            )
        },
    )
    if done.saved:
        db.session.commit()
        flash(_("De gegevens van %(name)s zijn opgeslagen.", name=partner.name), "success")
        return redirect(url_for("partners.partner", partner_id=partner.id))
    return render_template(
        "partners/form.html", form=form, partner=partner, similar=[], conflict=done.conflict
    ), done.status


def _type_label(value: object) -> str:
    try:
        return str(PARTNER_TYPE[PartnerType(value)])
    except ValueError:
        return str(value or "")


def _conflict_rows(current: Partner, form: PartnerForm) -> list[tuple]:
    """The conflict panel's rows, with the organisation type shown by its Dutch label."""
    type_label = str(form.type.label.text)
    rows = []
    for label, stored, yours in stored_values(current, form, EDITABLE_FIELDS):
        if label == type_label:
            stored, yours = _type_label(stored), _type_label(yours)
        rows.append((label, stored, yours))
    return rows


@bp.post("/<int:partner_id>/archiveren")
@login_required
def archive(partner_id: int):
    partner = load_partner(partner_id)
    require_registry_editor()
    try:
        services.archive_partner(partner)
    except services.StillEngaged as exc:
        flash(
            _(
                "%(name)s is nog betrokken bij lopende uitkomstuitdagingen (%(opgaven)s). "
                "Beëindig of archiveer die eerst.",
                name=partner.name,
                opgaven=", ".join(o.title for o in exc.opgaven),
            ),
            "danger",
        )
    else:
        db.session.commit()
        flash(_("%(name)s is gearchiveerd.", name=partner.name), "success")
    return redirect(url_for("partners.partner", partner_id=partner.id))


@bp.post("/<int:partner_id>/herstellen")
@login_required
def restore(partner_id: int):
    partner = load_partner(partner_id)
    require_registry_editor()
    try:
        services.restore_partner(partner)
    except services.CannotRestore:
        flash(_("Een samengevoegde partner kan niet worden hersteld."), "danger")
    else:
        db.session.commit()
        flash(_("%(name)s is hersteld.", name=partner.name), "success")
    return redirect(url_for("partners.partner", partner_id=partner.id))


@bp.post("/<int:partner_id>/relaties")
@login_required
def add_relation(partner_id: int):
    partner = load_partner(partner_id)
    require_registry_editor()
    if partner.archived:
        abort(400)
    form = RelationForm()
    form.other_partner_id.choices = _other_partner_choices(partner)
    if not form.validate_on_submit():
        return _render_partner(partner, form, status=400)
    other = load_partner(form.other_partner_id.data)
    try:
        services.add_relation(
            partner, other, form.type.data, form.direction.data == "out", form.note.data or ""
        )
    except services.RelationExists:
        form.other_partner_id.errors.append(_("Deze relatie staat al geregistreerd."))
        return _render_partner(partner, form, status=400)
    db.session.commit()
    flash(_("De relatie met %(name)s is vastgelegd.", name=other.name), "success")
    return redirect(url_for("partners.partner", partner_id=partner.id, _anchor="relaties"))


def _load_relation(partner: Partner, relation_id: int) -> PartnerRelation:
    relation = db.session.get(PartnerRelation, relation_id)
    if relation is None or partner.id not in (
        relation.source_partner_id,
        relation.target_partner_id,
    ):
        abort(404)
    return relation


@bp.post("/<int:partner_id>/relaties/<int:relation_id>/<any(archiveren,herstellen):action>")
@login_required
def relation_state(partner_id: int, relation_id: int, action: str):
    partner = load_partner(partner_id)
    require_registry_editor()
    relation = _load_relation(partner, relation_id)
    try:
        services.set_relation_archived(relation, archived=action == "archiveren")
    except services.RelationExists:
        flash(_("Deze relatie staat al in de andere richting geregistreerd."), "danger")
    else:
        db.session.commit()
        if action == "archiveren":
            flash(_("De relatie is gearchiveerd."), "success")
        else:
            flash(_("De relatie is hersteld."), "success")
    return redirect(url_for("partners.partner", partner_id=partner.id, _anchor="relaties"))


@bp.route("/<int:partner_id>/samenvoegen", methods=["GET", "POST"])
@login_required
def merge_partner(partner_id: int):
    source = load_partner(partner_id)
    if not is_coordinator(current_user):
        abort(403)
    if source.merged_into_id is not None:
        flash(_("Deze partner is al samengevoegd."), "warning")
        return redirect(url_for("partners.partner", partner_id=source.id))
    choices = services.partner_choices(current_programme().id, exclude_id=source.id)
    if request.method == "POST":
        form = MergeConfirmForm()
        valid = form.validate_on_submit()
        target = _merge_target(form.target_id.data, choices)
        if not valid:
            return _render_merge(source, choices, merge.plan_merge(source, target), form, 400)
        try:
            merge.merge_partners(source, target)
        except merge.MergeRefused as exc:
            return _render_merge(source, choices, exc.plan, form, 409)
        db.session.commit()
        flash(
            _("%(source)s is samengevoegd met %(target)s.", source=source.name, target=target.name),
            "success",
        )
        return redirect(url_for("partners.partner", partner_id=target.id))
    plan = None
    target_arg = record_id(request.args.get("doel"))
    if target_arg:
        plan = merge.plan_merge(source, _merge_target(target_arg, choices))
    return _render_merge(source, choices, plan, MergeConfirmForm(formdata=None), 200)


def _merge_target(raw: object, choices: dict[int, str]) -> Partner:
    try:
        target_id = int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        abort(400)
    if target_id not in choices:
        abort(404)
    return load_partner(target_id)


def _render_merge(source, choices, plan, confirm_form, status):  # noqa: ANN001, ANN202
    choose_form = MergeForm(formdata=None, meta={"csrf": False})
    choose_form.target_id.choices = {0: _("— kies een partner —"), **choices}
    if plan is not None:
        choose_form.target_id.data = plan.target.id
        confirm_form.target_id.data = plan.target.id
    return render_template(
        "partners/merge.html",
        source=source,
        choose_form=choose_form,
        plan=plan,
        form=confirm_form,
    ), status
