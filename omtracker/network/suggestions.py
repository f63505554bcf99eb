"""Suggested links for the coordinator: "waar kunnen we elkaar vinden?" (issue 16, item 5).

Three kinds of suggestion for a programme seen in month M, each with the facts that led to it.
Journals count over `WINDOW` months ending at M (the network map's default window).

Words used below:

- A partner is **engaged in** a theme when it has an engagement on an opgave of that theme that
  counts in M (active or paused under the state valid in M, as on every other screen).
- A journal entry **belongs to** the theme of its engagement's opgave.
- The **partners of a journal entry** are the engagement's own partner and the partners named
  in it as contributing actors (`JournalContributor`).

The kinds:

1. **Partner between themes** (`partner`): a partner engaged in two or more themes, with at
   least one pair A–B of them that never **meets** around it in the window. A–B meet around
   partner P in a journal entry that belongs to A (or B), has P among its partners, and has
   another of its partners (not P) engaged in B (or A): "the journal of Jong geleerd on the
   club names the school, with which Sportparken works". P's own other themes do not count, or
   every partner of two themes would bring them together by itself. Ranked by the number of
   pairs that never met, then by the partner's journals in the window (more work, more to gain).
2. **Themes with the same partners** (`themes`): two themes that share one or more engaged
   partners, while no journal entry of the one names as contributing actor a partner engaged in
   the other, either way, in the window. Ranked by the number of shared partners.
3. **Dormant, once central** (`dormant`): a dormant partner (`metrics.dormant_partners`: no
   journal in the last three months) that was among the network map's most central partners
   (the map's own ranking: betweenness, then degree) in the network of `EARLIER` months before M,
   and lay on a shortest path between others there (betweenness above zero: in a programme of a
   dozen partners every partner makes the list, but a leaf was never a crossroads). Ranked by
   that place.

Cost: three statements of our own (`suggestion_queries.py`: the engaged partners with their
journal counts, the partner–theme–theme meetings, the theme–theme contributor links),
`dormant_partners`, and the cached network view of the earlier month
(`services.cached_network_view`), whatever the programme's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from flask_babel import gettext as _
from flask_babel import ngettext

from omtracker.metrics import dormant_partners
from omtracker.network import services
from omtracker.network.graph import NetworkFilter
from omtracker.network.suggestion_queries import (
    Engaged,
    Ref,
    engaged_in,
    partner_meetings,
    theme_links,
)
from omtracker.periods import add_months, format_period

WINDOW = 12
EARLIER = 6
DORMANT_MONTHS = 3
SHOWN = 10
NAMES_IN_REASON = 5

PARTNER_KIND, THEMES_KIND, DORMANT_KIND = "partner", "themes", "dormant"
KINDS = (PARTNER_KIND, THEMES_KIND, DORMANT_KIND)


@dataclass
class Suggestion:
    """Why it is suggested (`reason`), the figures behind it (`facts`, may be empty) and the
    partners and themes it is about, for the links."""

    kind: str
    reason: str
    partners: list[Ref] = field(default_factory=list)
    themes: list[Ref] = field(default_factory=list)
    facts: str = ""


@dataclass
class Suggestions:
    period: str
    window_start: str
    earlier: str
    by_kind: dict[str, list[Suggestion]]
    engaged_partners: int = 0
    journals: int = 0
    # Per kind, how many were looked at (for the empty state: why there is nothing to suggest):
    # partners in two or more themes, theme pairs sharing a partner, dormant partners.
    candidates: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.by_kind.values())


def suggest(programme_id: int, period: str) -> Suggestions:
    """All suggestions of the programme in `period`, ranked per kind (the page caps them)."""
    start = add_months(period, -(WINDOW - 1))
    engaged = engaged_in(programme_id, period, start)
    met_by_partner: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for partner_id, a, b in partner_meetings(programme_id, period, start):
        met_by_partner[partner_id].add((a, b))
    earlier = add_months(period, -EARLIER)
    dormant = dormant_partners(programme_id, period, DORMANT_MONTHS)
    shared_pairs = {
        pair for themes in engaged.themes_of.values() for pair in combinations(sorted(themes), 2)
    }
    return Suggestions(
        period=period,
        window_start=start,
        earlier=earlier,
        by_kind={
            PARTNER_KIND: _partners_between_themes(engaged, met_by_partner, start, period),
            THEMES_KIND: _themes_sharing_without_links(
                engaged, theme_links(programme_id, period, start)
            ),
            DORMANT_KIND: _dormant_once_central(programme_id, earlier, dormant, engaged),
        },
        engaged_partners=len(engaged.partner_name),
        journals=sum(engaged.entries.values()),
        candidates={
            PARTNER_KIND: sum(1 for themes in engaged.themes_of.values() if len(themes) >= 2),
            THEMES_KIND: len(shared_pairs),
            DORMANT_KIND: len(dormant),
        },
    )


def _partners_between_themes(
    engaged: Engaged, met: dict[int, set[tuple[int, int]]], start: str, period: str
) -> list[Suggestion]:
    ranked = []
    for pid, themes in engaged.themes_of.items():
        if len(themes) < 2:
            continue
        ordered = sorted(themes, key=engaged.theme_number.__getitem__)
        apart = [
            (a, b) for a, b in combinations(ordered, 2) if (min(a, b), max(a, b)) not in met[pid]
        ]
        if not apart:
            continue
        work = sum(engaged.entries[(pid, t)] for t in themes)
        ranked.append((-len(apart), -work, engaged.partner_name[pid].lower(), pid, ordered, apart))
    ranked.sort()
    out = []
    for _n, _work, _name, pid, ordered, apart in ranked:
        name = engaged.partner_name[pid]
        tname = {t: quoted(engaged.theme[t].name) for t in ordered}
        if len(ordered) == 2:
            first = _(
                "%(partner)s werkt met de thema’s %(a)s en %(b)s, maar komt in geen logboek van "
                "beide samen voor.",
                partner=name,
                a=tname[ordered[0]],
                b=tname[ordered[1]],
            )
        elif len(apart) == len(ordered) * (len(ordered) - 1) // 2:
            first = _(
                "%(partner)s werkt met %(num)s thema’s (%(themes)s), maar komt in geen logboek "
                "voor met twee van deze thema’s samen.",
                partner=name,
                num=len(ordered),
                themes=and_list([tname[t] for t in ordered]),
            )
        else:
            first = _(
                "%(partner)s werkt met %(num)s thema’s (%(themes)s), maar komt in geen logboek "
                "voor met deze thema’s samen: %(pairs)s.",
                partner=name,
                num=len(ordered),
                themes=and_list([tname[t] for t in ordered]),
                pairs="; ".join(and_list([tname[a], tname[b]]) for a, b in apart),
            )
        counts = ", ".join(f"{tname[t]} {engaged.entries[(pid, t)]}" for t in ordered)
        facts = _(
            "Logboeken over deze partner van %(start)s tot en met %(end)s, per thema: %(counts)s.",
            start=format_period(start),
            end=format_period(period),
            counts=counts,
        )
        out.append(
            Suggestion(
                PARTNER_KIND,
                first,
                partners=[Ref(pid, name)],
                themes=[engaged.theme[t] for t in ordered],
                facts=facts,
            )
        )
    return out


def _themes_sharing_without_links(engaged: Engaged, met: set[tuple[int, int]]) -> list[Suggestion]:
    shared: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pid, themes in engaged.themes_of.items():
        for a, b in combinations(sorted(themes), 2):
            shared[(a, b)].append(pid)
    number = engaged.theme_number
    ranked = sorted(
        (
            (-len(pids), *sorted((number[a], number[b])), a, b, pids)
            for (a, b), pids in shared.items()
            if (a, b) not in met
        ),
    )
    out = []
    for _n, _na, _nb, a, b, pids in ranked:
        first, second = sorted((a, b), key=number.__getitem__)
        pids = sorted(pids, key=lambda p: engaged.partner_name[p].lower())
        names = [engaged.partner_name[p] for p in pids]
        shown = names[:NAMES_IN_REASON]
        if len(names) > len(shown):
            shown.append(ngettext("%(num)s andere", "%(num)s andere", len(names) - len(shown)))
        reason = ngettext(
            "De thema’s %(a)s en %(b)s werken allebei met %(names)s, maar geen logboek van het "
            "ene thema noemt een partner van het andere als bijdrager.",
            "De thema’s %(a)s en %(b)s werken allebei met %(num)s partners (%(names)s), maar "
            "geen logboek van het ene thema noemt een partner van het andere als bijdrager.",
            len(names),
            a=quoted(engaged.theme[first].name),
            b=quoted(engaged.theme[second].name),
            names=and_list(shown),
        )
        out.append(
            Suggestion(
                THEMES_KIND,
                reason,
                partners=[Ref(p, engaged.partner_name[p]) for p in pids],
                themes=[engaged.theme[first], engaged.theme[second]],
            )
        )
    return out


def _dormant_once_central(
    programme_id: int, earlier: str, dormant: set[int], engaged: Engaged
) -> list[Suggestion]:
    # Built even when nobody is dormant, so the statement count never depends on the data.
    view = services.cached_network_view(programme_id, NetworkFilter(period=earlier))
    out = []
    for place, row in enumerate(view.central.rows, start=1):
        pid = row.partner_id
        if pid not in dormant or pid not in engaged.partner_name or row.betweenness <= 0:
            continue
        last = engaged.last_period.get(pid)
        central = ngettext(
            "%(partner)s stond in %(month)s op plaats %(place)s van de meest centrale partners "
            "van het netwerk (%(num)s verbinding),",
            "%(partner)s stond in %(month)s op plaats %(place)s van de meest centrale partners "
            "van het netwerk (%(num)s verbindingen),",
            row.degree,
            partner=row.label,
            month=format_period(earlier),
            place=place,
        )
        if last:
            quiet = _(
                "maar heeft sinds %(last)s geen logboek meer.",
                last=format_period(last),
            )
        else:
            quiet = ngettext(
                "maar heeft in de laatste %(num)s maand geen logboek.",
                "maar heeft in de laatste %(num)s maanden geen logboek.",
                DORMANT_MONTHS,
            )
        themes = sorted(engaged.themes_of[pid], key=engaged.theme_number.__getitem__)
        out.append(
            Suggestion(
                DORMANT_KIND,
                f"{central} {quiet}",
                partners=[Ref(pid, row.label)],
                themes=[engaged.theme[t] for t in themes],
            )
        )
    return out


def quoted(name: str) -> str:
    """A theme's name in a sentence: names such as "Assen, gezonde sportstad" or "Vitale
    aanbieders en positief sportklimaat" would otherwise run into the list around them."""
    return f"“{name}”"


def and_list(names: list[str]) -> str:
    """ "A, B en C" in the interface's language."""
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s en %(last)s", first=", ".join(names[:-1]), last=names[-1])
