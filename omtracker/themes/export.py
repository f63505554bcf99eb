"""A theme's outcome challenges, markers, journals and ratings as XLSX or CSV.

Theme groups still work in spreadsheets; this gives them their own data back. Every text cell
that a spreadsheet would read as a formula (= + - @, tab, carriage return) is prefixed with a
quote, so a journal text can never run as a formula on someone's machine.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from omtracker import xlsx
from omtracker.extensions import db
from omtracker.labels import LEVEL, TIER
from omtracker.metrics import Scope, current_levels
from omtracker.models import (
    Engagement,
    JournalContributor,
    JournalEntry,
    Level,
    MarkerRating,
    Opgave,
    Partner,
    ProgressMarker,
    Theme,
    Tier,
    User,
)
from omtracker.periods import format_period

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would evaluate gets a leading quote; other values pass as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[Any]]


class _Words:
    """Labels translated once per export, not once per cell (tens of thousands of cells)."""

    def __init__(self) -> None:
        self.yes, self.no = _("ja"), _("nee")
        self.tier = {tier: str(TIER[tier]) for tier in Tier}
        self.level = {int(level): str(LEVEL[level]) for level in Level}

    def yes_no(self, value: bool) -> str:
        return self.yes if value else self.no

    def level_of(self, level: int | None) -> str:
        return "" if level is None else self.level[level]


def theme_sections(theme: Theme, period: str) -> list[Section]:
    """The export's four tables; six queries whatever the size of the theme."""
    engagements = db.session.execute(
        select(Engagement, Partner.name, Opgave.title)
        .join(Partner, Partner.id == Engagement.partner_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .where(Opgave.theme_id == theme.id)
        .order_by(Opgave.title, Partner.name)
    ).all()
    names = {e.id: (title, name) for e, name, title in engagements}
    levels = current_levels(Scope(theme.programme_id, theme_id=theme.id), period)
    words = _Words()
    markers = db.session.scalars(
        select(ProgressMarker)
        .join(Engagement, Engagement.id == ProgressMarker.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(Opgave.theme_id == theme.id)
        # Tiers sort alphabetically in ladder order: expect, like, love.
        .order_by(Opgave.title, Partner.name, ProgressMarker.tier, ProgressMarker.position)
    ).all()

    return [
        Section(
            _("Uitkomstuitdagingen"),
            [
                _("Opgave"),
                _("Grenspartner"),
                _("Uitkomstuitdaging"),
                _("Monitoringfrequentie (maanden)"),
                _("Startdatum"),
                _("Actief"),
                _("Gearchiveerd"),
                _("Voorbeelddata"),
            ],
            [
                [
                    title,
                    name,
                    e.outcome_challenge,
                    e.monitoring_frequency_months,
                    e.start_date,
                    words.yes_no(e.active),
                    words.yes_no(e.archived),
                    words.yes_no(e.is_example),
                ]
                for e, name, title in engagements
            ],
        ),
        _marker_section(markers, names, levels, period, words),
        _entry_section(theme, names, words),
        _rating_section(theme, names, markers, words),
    ]


def _marker_section(
    markers: list[ProgressMarker],
    names: dict[int, tuple[str, str]],
    levels: dict[int, int | None],
    period: str,
    words: _Words,
) -> Section:
    return Section(
        _("Voortgangsmarkeringen"),
        [
            _("Opgave"),
            _("Grenspartner"),
            _("Niveau"),
            _("Volgorde"),
            _("Voortgangsmarkering"),
            _("Telt vanaf"),
            _("Telt tot en met"),
            _("Huidige stand (%(month)s)", month=format_period(period)),
            _("Huidige stand (0–3)"),
        ],
        [
            [
                *names[m.engagement_id],
                words.tier[Tier(m.tier)],
                m.position + 1,
                m.text,
                m.first_period,
                m.retired_period or "",
                # Counting but never rated: said in words, never "0 · Geen" (rule 1).
                _("nog niet beoordeeld")
                if m.id in levels and levels[m.id] is None
                else words.level_of(levels.get(m.id)),
                "" if levels.get(m.id) is None else levels[m.id],
            ]
            for m in markers
        ],
    )


def _entry_section(theme: Theme, names: dict[int, tuple[str, str]], words: _Words) -> Section:
    entries = db.session.execute(
        select(JournalEntry, User.display_name)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .outerjoin(User, User.id == JournalEntry.author_id)
        .where(Opgave.theme_id == theme.id)
        .order_by(Opgave.title, Partner.name, JournalEntry.period)
    ).all()
    contributors: dict[int, list[str]] = defaultdict(list)
    for entry_id, partner in db.session.execute(
        select(JournalContributor.entry_id, Partner.name)
        .join(Partner, Partner.id == JournalContributor.partner_id)
        .join(JournalEntry, JournalEntry.id == JournalContributor.entry_id)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .where(Opgave.theme_id == theme.id)
        .order_by(Partner.name)
    ):
        contributors[entry_id].append(partner)
    return Section(
        _("Logboeken"),
        [
            _("Opgave"),
            _("Grenspartner"),
            _("Maand"),
            _("Beschrijving van de verandering"),
            _("Bijdragende factoren en actoren"),
            _("Bijdragende partners"),
            _("Bronnen van bewijs"),
            _("Onverwachte verandering"),
            _("Lessen en nodige aanpassingen"),
            _("Uitgelicht"),
            _("Auteur"),
            _("Laatst gewijzigd"),
        ],
        [
            [
                *names[e.engagement_id],
                e.period,
                e.change_description,
                e.contributing_factors,
                ", ".join(contributors.get(e.id, [])),
                e.evidence,
                e.unanticipated_change,
                e.lessons,
                words.yes_no(e.highlight),
                author or "",
                e.updated_at.replace(microsecond=0),
            ]
            for e, author in entries
        ],
    )


def _rating_section(
    theme: Theme,
    names: dict[int, tuple[str, str]],
    markers: list[ProgressMarker],
    words: _Words,
) -> Section:
    # The marker's level and text come from the markers already loaded: tens of thousands of
    # ratings then carry ids and numbers only.
    ladder = {m.id: (words.tier[Tier(m.tier)], m.text) for m in markers}
    ratings = db.session.execute(
        select(
            JournalEntry.engagement_id,
            JournalEntry.period,
            MarkerRating.marker_id,
            MarkerRating.level,
            MarkerRating.note,
        )
        .join(JournalEntry, JournalEntry.id == MarkerRating.entry_id)
        .join(ProgressMarker, ProgressMarker.id == MarkerRating.marker_id)
        .join(Engagement, Engagement.id == JournalEntry.engagement_id)
        .join(Opgave, Opgave.id == Engagement.opgave_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(Opgave.theme_id == theme.id)
        .order_by(
            Opgave.title,
            Partner.name,
            JournalEntry.period,
            ProgressMarker.tier,
            ProgressMarker.position,
        )
    ).all()
    return Section(
        _("Beoordelingen"),
        [
            _("Opgave"),
            _("Grenspartner"),
            _("Maand"),
            _("Niveau"),
            _("Voortgangsmarkering"),
            _("Beoordeling"),
            _("Beoordeling (0–3)"),
            _("Toelichting"),
        ],
        [
            [*names[eid], period, *ladder[marker_id], words.level_of(level), level, note]
            for eid, period, marker_id, level, note in ratings
        ],
    )


def theme_xlsx(theme: Theme, period: str) -> bytes:
    """The theme's workbook: the download of the theme page, with the Outcome Mapping sheets
    (strategies per opgave and per partner, harvested outcomes) after the journal tables."""
    from omtracker.themes import export_om

    yes_no = _Words().yes_no
    return to_xlsx(
        [
            *theme_sections(theme, period),
            export_om.strategy_section(theme, yes_no),
            export_om.outcome_section(theme, yes_no),
        ]
    )


def theme_csv(theme: Theme, period: str) -> str:
    """The theme's tables in one CSV file."""
    return to_csv(theme_sections(theme, period))


def to_xlsx(sections: Iterable[Section]) -> bytes:
    """One sheet per section, headers in bold and frozen; dates as dates.

    Written by omtracker.xlsx: openpyxl needed three seconds for a big theme. Every text passes
    through `neutralise`, once per distinct text.
    """
    book = xlsx.Workbook(text_filter=neutralise)
    for section in sections:
        sheet = book.add_sheet(section.title)
        sheet.append(section.headers, bold=True)
        for row in section.rows:
            sheet.append(row)
    return book.save()


def to_csv(sections: Iterable[Section]) -> str:
    """All sections in one file: a title line, the header, the rows and an empty line each.

    Semicolon-separated with a byte-order mark, which Excel with Dutch settings opens directly.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for section in sections:
        writer.writerow([neutralise(section.title)])
        writer.writerow([neutralise(h) for h in section.headers])
        for row in section.rows:
            writer.writerow([_csv_value(value) for value in row])
        writer.writerow([])
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return neutralise(value)
