"""Dashboard pages: the programme, one theme, one opgave — for a chosen month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, render_template, request
from flask_login import current_user, login_required

from omtracker import clock
from omtracker.context import current_programme
from omtracker.dashboard import bp, can_read_dashboard, leads_theme, services, visuals
from omtracker.evidence import strength_shares
from omtracker.labels import BUILDING_BLOCK_ORDER
from omtracker.metrics import Scope
from omtracker.models.enums import TIER_ORDER
from omtracker.periods import current_period, requested_month

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def today() -> date:
    """The day overdue journals are judged on: the app's clock."""
    return clock.today()


@bp.before_request
def _refuse_unknown_months() -> None:
    """A malformed or future ?maand= is refused the same way for everyone, before any
    question of who may read the dashboard."""
    requested_month(request.args.get("maand"))


def require_reader() -> None:
    if not can_read_dashboard(current_user):
        abort(403)


def chosen_window() -> services.Window:
    """?maand=YYYY-MM (default this month) and ?periode=12|24 months of trend; else 400."""
    period = requested_month(request.args.get("maand"))
    span = request.args.get("periode") or str(services.SPANS[0])
    if not span.isdigit() or int(span) not in services.SPANS:
        abort(400, description="periode")
    return services.Window(period, int(span))


def page_context(window: services.Window) -> dict:
    return {
        "window": window,
        "spans": services.SPANS,
        "tiers": TIER_ORDER,
        "block_order": BUILDING_BLOCK_ORDER,
        "this_month": current_period(),
        "today": today(),
        "programme_reader": can_read_dashboard(current_user),
    }


@bp.get("/")
@login_required
def index():
    require_reader()
    window = chosen_window()
    programme = current_programme()
    data = services.programme_dashboard(programme, window, today())
    return render_template(
        "dashboard/index.html",
        d=data,
        evidence=strength_shares(Scope(programme.id), window.period),
        charts=visuals.programme_charts(data),
        **page_context(window),
    )


def require_part_reader(theme_id: int) -> None:
    if not (can_read_dashboard(current_user) or leads_theme(current_user, theme_id)):
        abort(403)


def _part_page(
    template: str,
    found: Any,
    build: Callable[..., Any],
    charts: Callable[[Any], Any],
    theme_id: Callable[[Any], int],
) -> str:
    """One theme's or opgave's dashboard: 404 unless it is this programme's; the board,
    coordinators and that theme's leaders read it."""
    if found is None:
        abort(404)
    require_part_reader(theme_id(found))
    window = chosen_window()
    data = build(found, window, today())
    return render_template(template, d=data, charts=charts(data), **page_context(window))


@bp.get("/thema/<int:theme_id>")
@login_required
def theme(theme_id: int):
    return _part_page(
        "dashboard/theme.html",
        services.load_theme(theme_id, current_programme().id),
        services.theme_dashboard,
        visuals.theme_charts,
        lambda theme: theme.id,
    )


@bp.get("/opgave/<int:opgave_id>")
@login_required
def opgave(opgave_id: int):
    return _part_page(
        "dashboard/opgave.html",
        services.load_opgave(opgave_id, current_programme().id),
        services.opgave_dashboard,
        visuals.opgave_charts,
        lambda opgave: opgave.theme_id,
    )
