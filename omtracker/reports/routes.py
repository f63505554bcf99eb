"""Report pages: the index, a month live and as published, publishing, print, exports,
comparing two months and the half-year roll-ups. Coordinators, administrators and the board
read them; only a coordinator or administrator publishes.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from omtracker.context import current_programme
from omtracker.extensions import db
from omtracker.models import MonthlyReport, Programme, Role
from omtracker.periods import add_months, current_period, format_period, requested_month
from omtracker.permissions import is_coordinator, role_required
from omtracker.reports import bp, can_read_reports, exports, halfyear, pdf, services
from omtracker.reports.forms import CompareForm, OpenMonthForm, PublishForm
from omtracker.reports.snapshot import build_report
from omtracker.reports.theme_part import led_theme_ids, theme_part

reader_required = role_required(Role.coordinator, Role.board)


def _reader_or_leader() -> set[int] | None:
    """None for a full reader (board, coordinator); a theme leader gets their themes' ids."""
    if can_read_reports(current_user):
        return None
    led = led_theme_ids(current_user)
    if not led:
        abort(403)
    return led


def _as_read(report: dict[str, Any], led: set[int] | None) -> dict[str, Any]:
    return report if led is None else theme_part(report, led)


@bp.before_request
def _refuse_unknown_months() -> None:
    """A malformed or future month in the address is "not found" for everyone, before any
    question of who may read reports (not "Geen toegang" for one role and 404 for another)."""
    period = (request.view_args or {}).get("period")
    if period is not None:
        requested_month(period, in_path=True)


def _month_or_404(period: str) -> str:
    if not services.reportable_period(period):
        abort(404)
    return period


def _official(programme: Programme, period: str) -> tuple[dict[str, Any], MonthlyReport | None]:
    """What print and downloads show: the published snapshot, or the live concept if none."""
    published = services.published_report(programme.id, period)
    if published is not None:
        return published.snapshot, published
    return build_report(programme, period), None


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(programme: Programme, label: str, ext: str) -> str:
    return f"maandrapportage-{programme.slug}-{label}.{ext}"


@bp.get("/")
@login_required
@reader_required
def index():
    return _render_index(OpenMonthForm(data={"maand": add_months(current_period(), -1)}))


def _render_index(open_form: OpenMonthForm, status: int = 200) -> tuple[str, int]:
    programme = current_programme()
    this_month = current_period()
    form = CompareForm(data={"van": add_months(this_month, -1), "tot": this_month})
    return (
        render_template(
            "reports/index.html",
            published=services.published_reports(programme.id),
            this_month=this_month,
            last_month=add_months(this_month, -1),
            halves=halfyear.recent_halves(),
            form=form,
            open_form=open_form,
        ),
        status,
    )


@bp.get("/maand")
@login_required
@reader_required
def open_month():
    """The month picker on the index: a GET form, answered with the month's own address."""
    form = OpenMonthForm(request.args)
    if not form.validate():
        return _render_index(form, 400)
    return redirect(url_for("reports.month", period=form.maand.data.strip()))


@bp.get("/<period>")
@login_required
def month(period: str):
    """The live view; when the month is published it also says what changed since.

    Theme leaders read their own themes' part of it (read-only)."""
    led = _reader_or_leader()
    return _render_month(current_programme(), _month_or_404(period), led=led)


def _render_month(
    programme: Programme,
    period: str,
    form: PublishForm | None = None,
    status: int = 200,
    led: set[int] | None = None,
) -> tuple[str, int]:
    published = services.published_report(programme.id, period)
    report = build_report(programme, period)
    changes = services.changes_since(published.snapshot, report) if published else []
    if led is not None:
        report = theme_part(report, led)
        changes = [c for c in changes if c.subject in report["theme_part"]]
    if form is None and published is None and is_coordinator(current_user):
        form = PublishForm()
    return (
        render_template(
            "reports/month.html",
            report=report,
            published=published,
            changes=changes,
            form=form if published is None else None,
            previous=add_months(period, -1),
            next=add_months(period, 1) if period < current_period() else None,
        ),
        status,
    )


@bp.post("/<period>/publiceren")
@login_required
@role_required(Role.coordinator)
def publish(period: str):
    programme = current_programme()
    period = _month_or_404(period)
    form = PublishForm()
    if not form.validate_on_submit():
        return _render_month(programme, period, form, 400)
    try:
        services.publish_report(programme, period, current_user)
    except services.AlreadyPublished as refused:
        flash(
            _(
                "%(month)s is al gepubliceerd op %(when)s. Een gepubliceerd rapport wordt nooit "
                "overschreven; wijzigingen sindsdien staan in de actuele stand.",
                month=format_period(period),
                when=format_datetime(refused.report.published_at, "d MMMM yyyy HH:mm"),
            ),
            "danger",
        )
        return _render_month(programme, period, None, 409)
    db.session.commit()
    flash(_("Het rapport van %(month)s is gepubliceerd.", month=format_period(period)), "success")
    return redirect(url_for("reports.published", period=period))


@bp.get("/<period>/gepubliceerd")
@login_required
def published(period: str):
    """The frozen report, rendered from its snapshot only (a theme leader: their part)."""
    led = _reader_or_leader()
    report = services.published_report(current_programme().id, _month_or_404(period))
    if report is None:
        abort(404)
    return render_template(
        "reports/published.html",
        report=_as_read(report.snapshot, led),
        published=report,
        intact=services.snapshot_intact(report),
    )


@bp.get("/<period>/afdrukken")
@login_required
@reader_required
def print_month(period: str):
    report, published = _official(current_programme(), _month_or_404(period))
    return render_template("reports/print.html", report=report, published=published)


@bp.get("/<period>.pdf")
@login_required
@reader_required
def month_pdf(period: str):
    programme = current_programme()
    report, published = _official(programme, _month_or_404(period))
    data = pdf.month_pdf(report, published.published_at if published else None)
    return _download(data, "application/pdf", _filename(programme, period, "pdf"))


@bp.get("/<period>.xlsx")
@login_required
@reader_required
def month_xlsx(period: str):
    programme = current_programme()
    report, published = _official(programme, _month_or_404(period))
    data = exports.month_xlsx(report, published.published_at if published else None)
    return _download(data, exports.XLSX_MIMETYPE, _filename(programme, period, "xlsx"))


@bp.get("/vergelijk")
@login_required
@reader_required
def compare():
    programme = current_programme()
    form = CompareForm(request.args)
    if not request.args:
        return render_template("reports/compare.html", form=form, comparison=None)
    if not form.validate():
        return render_template("reports/compare.html", form=form, comparison=None), 400
    first, first_published = _official(programme, form.van.data.strip())
    second, second_published = _official(programme, form.tot.data.strip())
    return render_template(
        "reports/compare.html",
        form=form,
        comparison=services.side_by_side(first, second),
        first=first,
        second=second,
        first_published=first_published,
        second_published=second_published,
    )


def _half_or_404(year: int, half: str) -> halfyear.HalfYear:
    try:
        window = halfyear.HalfYear(year, half)
    except ValueError:
        abort(404)
    if not window.has_started():
        abort(404)
    return window


@bp.get("/halfjaar/<int:year>/<half>")
@login_required
@reader_required
def half_year(year: int, half: str):
    window = _half_or_404(year, half)
    return render_template(
        "reports/halfyear.html", data=halfyear.build_halfyear(current_programme(), window)
    )


@bp.get("/halfjaar/<int:year>/<half>.xlsx")
@login_required
@reader_required
def half_year_xlsx(year: int, half: str):
    programme = current_programme()
    window = _half_or_404(year, half)
    data = exports.halfyear_xlsx(halfyear.build_halfyear(programme, window))
    return _download(data, exports.XLSX_MIMETYPE, _filename(programme, window.slug, "xlsx"))


@bp.get("/halfjaar/<int:year>/<half>.pdf")
@login_required
@reader_required
def half_year_pdf(year: int, half: str):
    programme = current_programme()
    window = _half_or_404(year, half)
    data = pdf.halfyear_pdf(halfyear.build_halfyear(programme, window))
    return _download(data, "application/pdf", _filename(programme, window.slug, "pdf"))
