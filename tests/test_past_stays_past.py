"""The past stays the past (issue 11, DESIGN.md §3a).

A coordinator who shows the board October's figures in December must see the same figures in
January. Random sequences of everyday writes are applied to generated programmes; for every month
before this one, attainment per tier, stages, coverage, overdue, movement (and the dormant
partners of the network) must be what they were before the writes — read through the roll-up
cache and straight from the database.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from omtracker.engagements import services as engagements
from omtracker.extensions import db
from omtracker.journals import services as journals
from omtracker.models import (
    Engagement,
    JournalEntry,
    Opgave,
    OpgaveStatus,
    Partner,
    ProgressMarker,
    Theme,
    Tier,
    User,
)
from omtracker.partners import services as partners
from omtracker.partners.merge import MergeRefused, merge_partners
from omtracker.themes import services as themes
from tests.past_support import THIS_MONTH, build_programme, differences, past_figures

PREVIOUS_MONTH = "2026-10"


def _pick(items: list, index: int):  # noqa: ANN202
    return items[index % len(items)] if items else None


def _markers(built) -> list[ProgressMarker]:  # noqa: ANN001
    return list(
        db.session.scalars(
            select(ProgressMarker)
            .where(ProgressMarker.engagement_id.in_(built.engagement_ids))
            .order_by(ProgressMarker.id)
        )
    )


def _engagement(built, i):  # noqa: ANN001, ANN202
    return db.session.get(Engagement, _pick(built.engagement_ids, i))


def _stop(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.set_engagement_active(e, e.version, False)


def _pause(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.set_engagement_paused(e, e.version, True)


def _resume(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.set_engagement_active(e, e.version, True)


def _archive(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.set_engagement_archived(e, e.version, True)


def _restore(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.set_engagement_archived(e, e.version, False)


def _frequency(built, i, j):  # noqa: ANN001, ANN202
    e = _engagement(built, i)
    engagements.update_engagement(
        e,
        e.version,
        outcome_challenge=e.outcome_challenge,
        monitoring_frequency_months=(1, 2, 3, 6)[j % 4],
        start_date=e.start_date,
    )


def _add_marker(built, i, j):  # noqa: ANN001, ANN202
    engagements.add_marker(
        _engagement(built, i), tier=list(Tier)[j % 3], text="Nieuw", first_period=THIS_MONTH
    )


def _edit_marker(built, i, j):  # noqa: ANN001, ANN202
    marker = _pick(_markers(built), i)
    engagements.update_marker_text(marker, marker.version, f"Herschreven {j}")


def _reorder(built, i, j):  # noqa: ANN001, ANN202
    engagements.move_marker(_pick(_markers(built), i), 1 if j % 2 else -1)


def _retire(built, i, j):  # noqa: ANN001, ANN202
    """Retired from this month on: its last counting month is the previous one (or its first)."""
    marker = _pick(_markers(built), i)
    if marker.retired_period is None:
        last = max(marker.first_period, PREVIOUS_MONTH)
        engagements.retire_marker(marker, marker.version, last)


def _promote(built, i, j):  # noqa: ANN001, ANN202
    entry = db.session.scalars(
        select(JournalEntry).where(
            JournalEntry.engagement_id == _pick(built.engagement_ids, i),
            JournalEntry.period == THIS_MONTH,
        )
    ).first()
    if entry is not None:
        journals.promote_to_marker(entry, list(Tier)[j % 3], f"Onverwacht {j}", level=j % 4)


def _journal(built, i, j):  # noqa: ANN001, ANN202
    """This month's journal saved with new levels for every marker that counts."""
    engagement = _engagement(built, i)
    author = db.session.scalars(select(User).order_by(User.id)).first()
    markers = [m for m in engagement.markers if m.counts_in(THIS_MONTH)]
    data = journals.JournalInput(
        texts={"change_description": f"Gezien {j}"},
        highlight=False,
        ratings={m.id: ((j + m.id) % 4, "") for m in markers},
        marker_ids=[m.id for m in markers],
    )
    entry = journals.find_entry(engagement.id, THIS_MONTH)
    journals.save_journal(
        engagement, THIS_MONTH, entry, data, author, entry.version if entry else None
    )


def _partner_edit(built, i, j):  # noqa: ANN001, ANN202
    partner = db.session.get(Partner, _pick(built.partner_ids, i))
    if partner.merged_into_id is None:
        partners.update_partner(
            partner, {"name": f"{partner.name} (nieuw {j})", "type": partner.type}, partner.version
        )


def _merge(built, i, j):  # noqa: ANN001, ANN202
    source = db.session.get(Partner, _pick(built.partner_ids, i))
    target = db.session.get(Partner, _pick(built.partner_ids, j))
    try:
        with db.session.begin_nested():
            merge_partners(source, target)
    except MergeRefused:
        pass


def _opgave_close(built, i, j):  # noqa: ANN001, ANN202
    opgave = db.session.get(Opgave, _pick(built.opgave_ids, i))
    themes.set_opgave_status(opgave, OpgaveStatus.closed)


def _opgave_archive(built, i, j):  # noqa: ANN001, ANN202
    opgave = db.session.get(Opgave, _pick(built.opgave_ids, i))
    themes.set_archived(opgave, not opgave.archived)


def _theme_archive(built, i, j):  # noqa: ANN001, ANN202
    theme = db.session.get(Theme, _pick(built.theme_ids, i))
    theme.archived = not theme.archived
    db.session.flush()


WRITES = {
    "stop": _stop,
    "pause": _pause,
    "resume": _resume,
    "archive": _archive,
    "restore": _restore,
    "frequency": _frequency,
    "add_marker": _add_marker,
    "edit_marker": _edit_marker,
    "reorder": _reorder,
    "retire": _retire,
    "promote": _promote,
    "journal": _journal,
    "partner_edit": _partner_edit,
    "merge": _merge,
    "opgave_close": _opgave_close,
    "opgave_archive": _opgave_archive,
    "theme_archive": _theme_archive,
}

write = st.tuples(st.sampled_from(sorted(WRITES)), st.integers(0, 99), st.integers(0, 99))


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 10_000), writes=st.lists(write, min_size=1, max_size=6))
def test_no_later_write_changes_a_past_month(app, world, seed, writes):
    savepoint = db.session.begin_nested()
    try:
        built = build_programme(seed)
        merges = any(name == "merge" for name, _i, _j in writes)
        # A merge moves a partner's engagements to another partner: who is dormant changes
        # name, the figures do not.
        before = past_figures(built, with_partners=not merges, fresh=True)
        for name, i, j in writes:
            WRITES[name](built, i, j)
        db.session.flush()
        cached = past_figures(built, with_partners=not merges)
        assert differences(before, cached) == [], writes
        fresh = past_figures(built, with_partners=not merges, fresh=True)
        assert differences(before, fresh) == [], writes
    finally:
        savepoint.rollback()
