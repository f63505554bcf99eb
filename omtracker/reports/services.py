"""Publishing a month, finding published reports, and what changed since publication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from omtracker.extensions import db
from omtracker.models import MonthlyReport, Programme, User
from omtracker.periods import current_period, is_period, parse_period
from omtracker.reports.snapshot import build_report, report_sha256

FIRST_YEAR = 2000


class AlreadyPublished(Exception):
    """The month has a published report; a published report is never overwritten."""

    def __init__(self, report: MonthlyReport) -> None:
        super().__init__(f"{report.period} already published")
        self.report = report


def reportable_period(value: str | None, today: date | None = None) -> bool:
    """A month that can have a report: well-formed, not before 2000 and not in the future."""
    if not is_period(value):
        return False
    return parse_period(value)[0] >= FIRST_YEAR and value <= current_period(today)


def published_report(programme_id: int, period: str) -> MonthlyReport | None:
    return db.session.scalars(
        select(MonthlyReport).where(
            MonthlyReport.programme_id == programme_id, MonthlyReport.period == period
        )
    ).one_or_none()


def published_reports(programme_id: int) -> list[tuple[int, str, Any, str | None, str]]:
    """(id, period, published_at, publisher's name, sha256) of every published report, newest first.

    Only these columns are read: the list must not load every snapshot.
    """
    stmt = (
        select(
            MonthlyReport.id,
            MonthlyReport.period,
            MonthlyReport.published_at,
            User.display_name,
            MonthlyReport.snapshot_sha256,
        )
        .outerjoin(User, User.id == MonthlyReport.published_by_id)
        .where(MonthlyReport.programme_id == programme_id)
        .order_by(MonthlyReport.period.desc())
    )
    return [tuple(row) for row in db.session.execute(stmt)]


def publish_report(
    programme: Programme, period: str, publisher: User, today: date | None = None
) -> MonthlyReport:
    """Freeze the month's report as it stands now. Raises AlreadyPublished; never overwrites."""
    existing = published_report(programme.id, period)
    if existing is not None:
        raise AlreadyPublished(existing)
    # Who published is part of the frozen content, so the page never looks the name up again.
    snapshot = {**build_report(programme, period, today), "published_by": publisher.display_name}
    report = MonthlyReport(
        programme_id=programme.id,
        period=period,
        published_by_id=publisher.id,
        snapshot=snapshot,
        snapshot_sha256=report_sha256(snapshot),
    )
    try:
        with db.session.begin_nested():
            db.session.add(report)
            db.session.flush()
    except IntegrityError:
        # Someone published the same month a moment ago: theirs stands.
        raise AlreadyPublished(published_report(programme.id, period)) from None
    from omtracker.reminders.services import notify_board_of_report

    notify_board_of_report(report, programme)  # stored in this transaction, sent after commit
    return report


def snapshot_intact(report: MonthlyReport) -> bool:
    """The stored snapshot still hashes to the checksum recorded at publication."""
    return report_sha256(report.snapshot) == report.snapshot_sha256


@dataclass(frozen=True)
class Change:
    """One difference between the published report and the live one."""

    subject: str  # a theme name, a building block key, "totals", a partner name ...
    aspect: str  # which figure: "status", "attainment.expect", "coverage", "highlight" ...
    before: Any
    after: Any


def _figures(part: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for tier, value in part["attainment"].items():
        out[f"attainment.{tier}"] = (value["reached"], value["total"])
    out["coverage"] = (part["coverage"]["written"], part["coverage"]["due"])
    out["movement"] = (part["movement"]["up"], part["movement"]["down"], part["movement"]["same"])
    return out


def _compare(subject: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return [
        Change(subject, aspect, old.get(aspect), new.get(aspect))
        for aspect in sorted(set(old) | set(new))
        if old.get(aspect) != new.get(aspect)
    ]


def changes_since(published: dict[str, Any], live: dict[str, Any]) -> list[Change]:
    """What differs between a published snapshot and a fresh build of the same month."""
    changes = _compare("totals", _figures(published["totals"]), _figures(live["totals"]))
    old_themes = {t["id"]: t for b in published["blocks"] for t in b["themes"]}
    new_themes = {t["id"]: t for b in live["blocks"] for t in b["themes"]}
    for theme_id in sorted(set(old_themes) | set(new_themes)):
        old, new = old_themes.get(theme_id), new_themes.get(theme_id)
        name = (new or old)["name"]
        if old is None or new is None:
            changes.append(Change(name, "theme", old is not None, new is not None))
            continue
        before, after = _figures(old), _figures(new)
        before["status"] = _status_key(old["status"])
        after["status"] = _status_key(new["status"])
        before["overdue"], after["overdue"] = old["overdue"], new["overdue"]
        changes += _compare(name, before, after)
    changes += _compare_items(
        published["highlights"], live["highlights"], "entry_id", "highlight", "text"
    )
    changes += _compare_items(
        published["indicators"], live["indicators"], "id", "indicator", "value"
    )
    for key in ("dormant_partners", "off_track"):
        ident = "id" if key == "dormant_partners" else "theme_id"
        changes += _compare_items(published["risks"][key], live["risks"][key], ident, key, None)
    old_overdue, new_overdue = len(published["risks"]["overdue"]), len(live["risks"]["overdue"])
    if old_overdue != new_overdue:
        changes.append(Change("totals", "overdue", old_overdue, new_overdue))
    return changes


def _status_key(status: dict[str, Any] | None) -> tuple[str, str] | None:
    return None if status is None else (status["rag"], status["text"])


def _compare_items(
    old: list[dict[str, Any]], new: list[dict[str, Any]], ident: str, aspect: str, field: str | None
) -> list[Change]:
    """Items added, removed or (for `field`) changed between two lists of records."""
    before = {item[ident]: item for item in old}
    after = {item[ident]: item for item in new}
    out = []
    for key in sorted(set(before) | set(after), key=str):
        was, now = before.get(key), after.get(key)
        subject = _item_label(now or was)
        if was is None or now is None:
            out.append(Change(subject, aspect, was is not None, now is not None))
        elif field is not None and _item_value(was, field) != _item_value(now, field):
            out.append(Change(subject, aspect, _item_value(was, field), _item_value(now, field)))
    return out


def _item_label(item: dict[str, Any]) -> str:
    return item.get("partner_name") or item.get("name") or str(item)


def _item_value(item: dict[str, Any], field: str) -> Any:
    if field == "value":
        return (item.get("value"), item.get("value_text"), item.get("year"))
    return item.get(field)


def side_by_side(first: dict[str, Any], second: dict[str, Any]) -> list[dict[str, Any]]:
    """Two months' reports per building block and theme, for the comparison page.

    Themes follow the later report's order; a theme that exists in one month only still gets
    its row, with nothing on the other side.
    """
    out = []
    for block_second in second["blocks"]:
        key = block_second["key"]
        block_first = next((b for b in first["blocks"] if b["key"] == key), None)
        first_themes = {t["id"]: t for t in (block_first or {"themes": []})["themes"]}
        rows = [
            {
                "name": t["name"],
                "number": t["number"],
                "first": first_themes.pop(t["id"], None),
                "second": t,
            }
            for t in block_second["themes"]
        ]
        rows += [
            {"name": t["name"], "number": t["number"], "first": t, "second": None}
            for t in first_themes.values()
        ]
        out.append({"key": key, "first": block_first, "second": block_second, "themes": rows})
    return out
