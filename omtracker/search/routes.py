"""The results page (/zoeken): the words from the navigation box, filters, grouped results."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required
from sqlalchemy import select

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import Theme
from omtracker.search import bp
from omtracker.search.forms import SearchForm
from omtracker.search.queries import KIND_LABEL, PER_GROUP, PER_PAGE, Filters, search

MAX_PAGE = 10_000


@bp.get("/zoeken")
@login_required
def index():
    programme = current_programme()
    themes = db.session.scalars(
        select(Theme).where(Theme.programme_id == programme.id).order_by(Theme.number)
    ).all()
    form = SearchForm(formdata=request.args)
    form.fill_choices(themes)
    valid = form.validate()
    results = None
    if valid and (form.q.data or "").strip():
        page = min(max(request.args.get("pagina", 1, type=int) or 1, 1), MAX_PAGE)
        filters = Filters(
            query=form.q.data,
            kind=form.soort.data or None,
            theme_id=int(form.thema.data) if form.thema.data else None,
            period_from=form.van.data or None,
            period_to=form.tot.data or None,
            page=page,
        )
        results = search(programme.id, filters)
    page = render_template(
        "search/index.html",
        form=form,
        results=results,
        kind_label=KIND_LABEL,
        per_group=PER_GROUP,
        per_page=PER_PAGE,
    )
    return page, 200 if valid else 400
