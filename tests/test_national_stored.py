"""`flask national-warm` keeps the counts behind the national pages in the database, so a web
worker that starts later (a restart, a deploy, the second worker) reads them instead of
recomputing every sharing programme; a programme whose data changed since is recomputed alone,
and the figures are the same either way."""

from __future__ import annotations

from sqlalchemy import func, select

from omtracker.extensions import db
from omtracker.metrics import cache
from omtracker.models import NationalTheme, StoredCounts, Tier
from omtracker.national import counts, figures, rollup, rollup_movement
from omtracker.national.warm import national_warm_command, warm
from tests.national_support import MONTH, engagement, municipality

VITAL = NationalTheme.vital_providers
E, L = Tier.expect, Tier.like


def _three() -> list:
    made = [municipality(name) for name in ("Aadorp", "Beedorp", "Ceedorp")]
    for n, programme in enumerate(made):
        engagement(programme, VITAL, {E: [2, n], L: [n]}, before={E: [1, 1], L: [1]})
    db.session.flush()
    return made


def _recorded(monkeypatch) -> tuple[list, list]:  # noqa: ANN001
    """Record which programmes the two grouped statements are asked to count."""
    months, half_years = [], []
    theme_rows, movement_rows = counts.theme_rows, rollup_movement.movement_rows
    monkeypatch.setattr(
        counts, "theme_rows", lambda ids, m: months.append(sorted(ids)) or theme_rows(ids, m)
    )
    monkeypatch.setattr(
        rollup_movement,
        "movement_rows",
        lambda ids, e, s: half_years.append(sorted(ids)) or movement_rows(ids, e, s),
    )
    return months, half_years


def test_a_new_worker_reads_the_stored_counts_instead_of_recomputing(app, world, monkeypatch):
    made = _three()
    ids = sorted(p.id for p in made)
    expected = figures.network_figures(ids, MONTH)
    expected_rollup = rollup.rollup_json(rollup.build_rollup(ids, MONTH))
    assert warm(MONTH) == {"programmes": 3, "month": 6, "half_year": 3}
    stored = db.session.scalar(select(func.count()).select_from(StoredCounts))
    assert stored == 3 * 2 + 3  # November and October per programme, and the half year

    figures.clear_cache()  # a new worker: nothing in this process
    months, half_years = _recorded(monkeypatch)
    again = figures.network_figures(ids, MONTH)
    assert months == [] and again.themes[VITAL] == expected.themes[VITAL]
    assert again.rows == expected.rows
    assert rollup.rollup_json(rollup.build_rollup(ids, MONTH)) == expected_rollup
    assert half_years == []


def test_only_a_programme_that_changed_since_is_recomputed_and_stored_again(
    app, world, monkeypatch
):
    a, b, c = _three()
    ids = sorted(p.id for p in (a, b, c))
    warm(MONTH)
    engagement(b, VITAL, {E: [3]})  # a journal saved in Beedorp after the warm-up
    cache.invalidate([b.id])
    db.session.flush()
    figures.clear_cache()
    months, _ = _recorded(monkeypatch)
    result = figures.network_figures(ids, MONTH)
    assert months == [[b.id]]
    assert result.rows[b.id][VITAL].engagements == 2
    # The next run writes Beedorp's counts again (November and October: a recent month's
    # version is the programme's whole data version) and its half year, nothing else.
    assert warm(MONTH) == {"programmes": 3, "month": 2, "half_year": 1}
    assert warm(MONTH) == {"programmes": 3, "month": 0, "half_year": 0}


def test_the_command_stores_and_says_what_it_wrote(app, world):
    _three()
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(national_warm_command, ["--month", MONTH])
    assert first.exit_code == 0, first.output
    assert "3 delende programma's; 6 maandtellingen en 3 halfjaartellingen" in first.output
    second = runner.invoke(national_warm_command, ["--month", MONTH])
    assert "0 maandtellingen en 0 halfjaartellingen" in second.output


def test_without_sharing_programmes_the_command_stores_nothing(app, world):
    municipality("Deedorp", shares=False)
    assert warm(MONTH) == {"programmes": 0, "month": 0, "half_year": 0}
    assert db.session.scalar(select(func.count()).select_from(StoredCounts)) == 0
