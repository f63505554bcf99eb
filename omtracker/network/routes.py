"""The network pages: the map, its text version, the comparison of two months and the exports."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Programme, Theme
from omtracker.network import bp, exports, mapdata, pagecache, services, suggestions
from omtracker.network.forms import CompareForm, NetworkFilterForm
from omtracker.periods import add_months, current_period, requested_month

KIND_LABEL = {"partner": _l("Grenspartner"), "opgave": _l("Opgave"), "theme": _l("Thema")}
LINK_KIND = {
    "engagement": _l("Uitkomstuitdaging"),
    "partners": _l("Tussen partners"),
    "theme": _l("Opgave van thema"),
}
EXPORTS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "knopen.csv": ("text/csv; charset=utf-8", "knopen.csv"),
    "verbindingen.csv": ("text/csv; charset=utf-8", "verbindingen.csv"),
}


def readable_programme() -> Programme:
    programme = current_programme()
    if not services.can_read_network(current_user, programme.id):
        abort(403)
    return programme


def theme_choices(programme_id: int) -> list[tuple[int, str]]:
    return [
        (tid, f"{number}. {name}")
        for tid, number, name in db.session.execute(
            select(Theme.id, Theme.number, Theme.name)
            .where(Theme.programme_id == programme_id, Theme.archived.is_(False))
            .order_by(Theme.number)
        )
    ]


def filter_form(programme: Programme, form_class: type = NetworkFilterForm):
    """The form from the query string, and whether it holds a usable filter."""
    form = form_class(formdata=request.args or None)
    form.fill_choices(theme_choices(programme.id))
    return form, (not request.args or form.validate())


def query_args(form: NetworkFilterForm) -> dict[str, str]:
    """The filter as query arguments, to carry it to the exports and the other views."""
    names = ("thema", "bouwsteen", "type", "maand", "venster")
    return {name: form[name].data for name in names if form[name].data}


@bp.get("")
@login_required
def index():
    programme = readable_programme()
    form, valid = filter_form(programme)
    if not valid:
        return render_template("network/index.html", form=form, view=None), 400
    flt = form.to_filter(current_period())
    view = services.cached_network_view(programme.id, flt)
    data_json = pagecache.cached(
        programme.id, ("json", flt, pagecache.locale()), lambda: mapdata.map_json(view)
    )
    tables_html = pagecache.cached(
        programme.id,
        ("tables", flt, pagecache.locale()),
        lambda: Markup(render_template("network/_tables.html", view=view)),
    )
    return render_template(
        "network/index.html",
        form=form,
        view=view,
        data_json=data_json,
        tables_html=tables_html,
        args=query_args(form),
    )


@bp.get("/tekst")
@login_required
def text():
    programme = readable_programme()
    form, valid = filter_form(programme)
    if not valid:
        return render_template("network/text.html", form=form, view=None), 400
    flt = form.to_filter(current_period())
    view = services.cached_network_view(programme.id, flt)
    nodes, links = pagecache.cached(
        programme.id, ("text", flt, pagecache.locale()), lambda: services.text_tables(view)
    )
    return render_template(
        "network/text.html",
        form=form,
        view=view,
        nodes=nodes,
        links=links,
        args=query_args(form),
        kind_label=KIND_LABEL,
        block_label=mapdata.block_labels(),
    )


@bp.get("/vergelijk")
@login_required
def compare():
    programme = readable_programme()
    form, valid = filter_form(programme, CompareForm)
    if not request.args:
        form.tot.data = current_period()
        form.van.data = add_months(form.tot.data, -6)
    if not valid:
        return render_template("network/compare.html", form=form, comparison=None), 400
    flt = form.to_filter(current_period(), period=form.tot.data)
    van, tot = form.van.data, form.tot.data
    comparison, data_json = pagecache.cached(
        programme.id,
        ("compare", van, flt, pagecache.locale()),
        lambda: comparison_page(programme.id, van, tot, flt),
    )
    return render_template(
        "network/compare.html",
        form=form,
        comparison=comparison,
        view=comparison.view,
        data_json=data_json,
        link_kind=LINK_KIND,
    )


def comparison_page(programme_id: int, van: str, tot: str, flt) -> tuple:  # noqa: ANN001
    """The comparison and its map data, with the changes marked for the map."""
    comparison = services.compare(programme_id, van, tot, flt)
    marks: dict = {}
    for row in comparison.new_links:
        marks[(row.a, row.b)] = "new"
    for row in comparison.lost_links:
        marks[(row.a, row.b)] = "lost"
    for row in comparison.became_dormant:
        marks[row.node] = "dormant"
    for row in comparison.became_active:
        marks[row.node] = "active"
    return comparison, mapdata.map_json(comparison.view, marks)


@bp.get("/suggesties")
@login_required
def suggested_links():
    """Waar kunnen we elkaar vinden? Read by whoever reads the map (same facts, other angle)."""
    programme = readable_programme()
    period = requested_month(request.args.get("maand"))
    show_all = request.args.get("alle", "")
    unknown_kind = bool(show_all) and show_all not in suggestions.KINDS
    found = pagecache.cached(
        programme.id,
        ("suggestions", period, pagecache.locale()),
        lambda: suggestions.suggest(programme.id, period),
    )
    return render_template(
        "network/suggestions.html",
        found=found,
        show_all="" if unknown_kind else show_all,
        unknown_kind=unknown_kind,
        shown=suggestions.SHOWN,
        central_limit=services.CENTRAL_LIMIT,
        maand=request.args.get("maand") or "",
    ), (400 if unknown_kind else 200)


@bp.get("/export/<name>")
@login_required
def export(name: str):
    if name not in EXPORTS:
        abort(404)
    programme = readable_programme()
    form, valid = filter_form(programme)
    if not valid:
        abort(400)
    view = services.cached_network_view(programme.id, form.to_filter(current_period()))
    if name == "graphml":
        body: bytes | str = exports.graphml(view)
    elif name == "gexf":
        body = exports.gexf(view)
    elif name == "knopen.csv":
        body = exports.nodes_csv(view)
    else:
        body = exports.edges_csv(view)
    content_type, suffix = EXPORTS[name]
    filename = f"netwerk-{programme.slug}-{view.filter.period}.{suffix}"
    return Response(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
