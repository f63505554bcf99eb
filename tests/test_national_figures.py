"""Pooled figures across municipalities that share (issue 17): pooled counts, never averages;
a figure from fewer than three municipalities is withheld; a programme that does not share
never counts; the statements do not grow with the number of programmes."""

from __future__ import annotations

from omtracker.models import NationalTheme, NetworkKind, Tier
from omtracker.national import counts, figures
from omtracker.national.figures import MIN_PROGRAMMES, network_figures, sharing_programme_ids
from tests.national_support import MONTH, engagement, municipality, network, theme_of

VITAL = NationalTheme.vital_providers
E, L, V = Tier.expect, Tier.like, Tier.love


def _three_sharing():
    a, b, c = municipality("Aadorp"), municipality("Beedorp"), municipality("Ceedorp")
    # Aadorp: expect 1 of 2 reached, like 1 of 1; rose once since October (1 -> 2).
    engagement(a, VITAL, {E: [2, 1], L: [3]}, before={E: [1, 1], L: [3]})
    # Beedorp: expect 3 of 4 (one never rated), like 0 of 2; fell once (3 -> 2).
    engagement(b, VITAL, {E: [2, 2, 3, None], L: [1, 0]}, before={E: [3, 2, 3]})
    # Ceedorp: two engagements; the second has no journal this month (due, not written);
    # rose once (like 1 -> 2).
    engagement(c, VITAL, {E: [3], L: [2], V: [0]}, before={E: [3], L: [1]})
    engagement(c, VITAL, {E: [0, 0]}, written=False)
    return a, b, c


def test_pooled_numbers_match_a_hand_calculation(app, world):
    a, b, c = _three_sharing()
    result = network_figures(sharing_programme_ids(), MONTH)
    vital = result.themes[VITAL]
    assert not vital.withheld and vital.programmes == 3 and vital.engagements == 4
    # Pooled: expect (1 + 3 + 1 + 0) of (2 + 4 + 1 + 2) = 5 of 9, not the mean of 50/75/100/0.
    assert (vital.tiers[E].reached, vital.tiers[E].total) == (5, 9)
    assert vital.tiers[E].pct == 56
    assert (vital.tiers[L].reached, vital.tiers[L].total) == (2, 4)
    # Only Ceedorp has love markers: a figure from one municipality, withheld on its own.
    assert vital.tiers[V] is None and vital.attainment(V) is None
    # Stages: Aadorp like (expect 50 %, like 100 %), Beedorp expect (like 0 %), Ceedorp's first
    # like (love 0 % stops it), its second not started.
    assert vital.stages == {"not_started": 1, "expect": 1, "like": 2, "love": 0}
    assert (vital.coverage.written, vital.coverage.due) == (3, 4)
    # Ceedorp: one up (like 1 -> 2), one same. Together: 2 up, 1 down, 5 same.
    assert (vital.movement.up, vital.movement.down, vital.movement.same) == (2, 1, 5)
    block = theme_of(a, VITAL).building_block
    assert result.cell(VITAL, block) == vital
    assert result.rows[a.id][VITAL].tiers[E].pct == 50
    assert result.rows[c.id][VITAL].engagements == 2


def test_a_part_that_only_two_municipalities_have_is_withheld_inside_a_shown_cell(app, world):
    a, b, c = municipality("Aadorp"), municipality("Beedorp"), municipality("Ceedorp")
    engagement(a, VITAL, {E: [2]}, before={E: [1]})
    engagement(b, VITAL, {E: [3]}, before={E: [3]})
    engagement(c, VITAL, {E: [0]}, written=False)
    vital = network_figures([a.id, b.id, c.id], MONTH).themes[VITAL]
    assert vital.programmes == 3 and vital.tiers[E] is not None
    assert vital.coverage is not None  # three have a journal due (two written)
    assert vital.movement is None  # rated in both months at two municipalities only
    assert vital.tiers[L].total == 0  # nobody has like markers: an honest zero


def test_a_figure_from_fewer_than_three_municipalities_is_withheld_without_numbers(app, world):
    a, b, _c = _three_sharing()
    result = network_figures([a.id, b.id], MONTH)
    withheld = result.themes[VITAL]
    assert MIN_PROGRAMMES == 3 and withheld.withheld
    assert withheld.programmes is None and withheld.tiers is None
    assert withheld.coverage is None and withheld.movement is None
    # A municipality's own row is its own aggregate, shown because it shares.
    assert result.rows[a.id][VITAL].programmes == 1
    assert result.themes[NationalTheme.inclusion].withheld  # nobody works there


def test_a_programme_that_does_not_share_never_counts(app, world):
    a, b, c = _three_sharing()
    quiet = municipality("Stildorp", shares=False)
    engagement(quiet, VITAL, {E: [3, 3, 3]})
    archived = municipality("Oud")
    archived.archived = True
    ids = sharing_programme_ids()
    assert ids == sorted([a.id, b.id, c.id])
    result = network_figures(ids, MONTH)
    assert quiet.id not in result.rows
    assert result.themes[VITAL].tiers[E].total == 9
    national = network("Mulier", NetworkKind.national)
    assert sharing_programme_ids(national) == ids


def test_a_regional_network_reads_only_the_sharing_programmes_it_lists(app, world):
    a, b, c = _three_sharing()
    quiet = municipality("Stildorp", shares=False)
    region = network("Sportbureau Noord", NetworkKind.regional, [a, b, quiet])
    assert sharing_programme_ids(region) == sorted([a.id, b.id])


def test_a_theme_mapped_to_two_national_themes_counts_in_both(app, world):
    from omtracker.extensions import db
    from omtracker.models import ThemeNationalTheme

    programmes = _three_sharing()
    for programme in programmes:
        db.session.add(
            ThemeNationalTheme(
                theme=theme_of(programme, VITAL), national_theme=NationalTheme.inclusion
            )
        )
    db.session.flush()
    result = network_figures([p.id for p in programmes], MONTH)
    assert result.double_mapped
    assert result.themes[NationalTheme.inclusion] == result.themes[VITAL]


def test_a_saved_journal_recomputes_only_its_own_programme(app, world, monkeypatch):
    from omtracker.extensions import db

    a, b, c = _three_sharing()
    ids = [a.id, b.id, c.id]
    first = network_figures(ids, MONTH)
    engagement(b, VITAL, {E: [3]})
    db.session.flush()
    asked = []
    rows = counts.theme_rows
    monkeypatch.setattr(counts, "theme_rows", lambda pids, m: asked.append(pids) or rows(pids, m))
    again = network_figures(ids, MONTH)
    assert again.themes[VITAL].tiers[E].total == first.themes[VITAL].tiers[E].total + 1
    assert asked == [[b.id]]  # Beedorp's counts only


def test_statements_do_not_grow_with_the_number_of_programmes(app, world, count_queries):
    from omtracker.extensions import db

    few = list(_three_sharing())
    many = few + [municipality(f"Extra{n}") for n in range(3)]
    for programme in many[3:]:
        engagement(programme, VITAL, {E: [2, 3], L: [1]})
    counts = []
    for ids in ([p.id for p in few], [p.id for p in many]):
        figures.clear_cache()
        db.session.expire_all()
        with count_queries() as counter:
            result = network_figures(ids, MONTH)
        assert len(result.rows) == len(ids)
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 5, counts
    with count_queries() as counter:  # warm: generations, mappings and names only
        network_figures(ids, MONTH)
    assert counter.count == 3


def test_a_withheld_building_block_cannot_be_read_as_total_minus_the_others(app, world):
    from omtracker.extensions import db
    from omtracker.models import ThemeNationalTheme

    programmes = _three_sharing()
    # Aadorp's inclusion theme (another building block) also counts for vital providers.
    a = programmes[0]
    db.session.add(
        ThemeNationalTheme(theme=theme_of(a, NationalTheme.inclusion), national_theme=VITAL)
    )
    engagement(a, NationalTheme.inclusion, {E: [3, 3]})
    result = network_figures([p.id for p in programmes], MONTH)
    blocks = result.blocks(VITAL)
    assert len(blocks) == 2 and not result.themes[VITAL].withheld
    assert all(result.cell(VITAL, block).withheld for block in blocks)
