"""The network page (readers of a monitoring network, administrators) and the benchmark
(a programme's coordinator and board). Both only read; neither shows a text, a person or a
partner: only pooled counts of the programmes that share."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import MonitoringNetwork, NationalTheme, Role
from omtracker.models.enums import TIER_ORDER
from omtracker.national import bp, may_compare
from omtracker.national.access import network_of
from omtracker.national.benchmark import benchmark as compute_benchmark
from omtracker.national.figures import (
    MIN_PROGRAMMES,
    network_figures,
    sharing_programme_ids,
)
from omtracker.national.sizes import SIZE_CLASS_LABEL, size_class
from omtracker.periods import add_months, current_period, requested_month


@dataclass(frozen=True)
class MonthWindow:
    """What the month toolbar needs: the month and the one before it (no trend span here)."""

    period: str

    @property
    def previous(self) -> str:
        return add_months(self.period, -1)

    months = None


@bp.before_request
def _refuse_unknown_months() -> None:
    """A malformed or future ?maand= is refused the same way for everyone (as on the
    dashboard), before any question of who may read the page."""
    requested_month(request.args.get("maand"))


def _requested_network() -> int | None:
    value = request.args.get("netwerk")
    if value in (None, ""):
        return None
    if not value.isdigit():
        abort(400, description="netwerk")
    return int(value)


def reader_network() -> tuple[MonitoringNetwork | None, list[MonitoringNetwork]]:
    """The network the page is about, and (for an administrator) every network to pick from.

    A reader reads their own network only; an administrator any, by ?netwerk=id (default the
    first). Anyone else: 403.
    """
    wanted = _requested_network()
    if current_user.role == Role.admin:
        networks = list(
            db.session.scalars(select(MonitoringNetwork).order_by(MonitoringNetwork.id))
        )
        if wanted is None:
            return (networks[0] if networks else None), networks
        chosen = next((n for n in networks if n.id == wanted), None)
        if chosen is None:
            abort(404)
        return chosen, networks
    network = network_of(current_user)
    if network is None or (wanted is not None and wanted != network.id):
        abort(403)
    return network, []


def _chosen_national_theme() -> NationalTheme:
    value = request.args.get("thema") or NationalTheme.inclusion.value
    try:
        return NationalTheme(value)
    except ValueError:
        abort(400, description="thema")


@bp.get("/landelijk/")
@login_required
def index():
    network, networks = reader_network()
    period = requested_month(request.args.get("maand"))
    chosen = _chosen_national_theme()
    ids = sharing_programme_ids(network) if network is not None else []
    data = network_figures(ids, period)
    return render_template(
        "national/index.html",
        network=network,
        networks=networks,
        window=MonthWindow(period),
        this_month=current_period(),
        d=data,
        chosen=chosen,
        tiers=TIER_ORDER,
        national_themes=tuple(NationalTheme),
        size_class=size_class,
        size_labels=SIZE_CLASS_LABEL,
        minimum=MIN_PROGRAMMES,
        args={"netwerk": network.id} if networks and network is not None else {},
    )


@bp.get("/vergelijken")
@login_required
def benchmark():
    if not may_compare(current_user):
        abort(403)
    period = requested_month(request.args.get("maand"))
    programme = current_programme()
    data = compute_benchmark(programme, period)
    return render_template(
        "national/benchmark.html",
        programme=programme,
        b=data,
        window=MonthWindow(period),
        this_month=current_period(),
        tiers=TIER_ORDER,
        national_themes=tuple(NationalTheme),
        size_labels=SIZE_CLASS_LABEL,
        minimum=MIN_PROGRAMMES,
        settings_url=_settings_url(),
    )


def _settings_url() -> str | None:
    """Where the programme's inhabitants and sharing are set (Beheer → Delen met het netwerk),
    for those who may set them: its coordinator and administrators."""
    from flask import url_for

    if current_user.role in (Role.admin, Role.coordinator):
        return url_for("admin.sharing")
    return None
