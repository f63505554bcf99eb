"""The theme workbook's Outcome Mapping sheets: strategies (of the opgave and per boundary
partner, with the markers they aim at) and the theme's harvested outcomes. One query per sheet."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import select

from omtracker.extensions import db
from omtracker.labels import STRATEGY_TYPE
from omtracker.models import (
    Engagement,
    HarvestedOutcome,
    JournalEntry,
    Opgave,
    Partner,
    ProgressMarker,
    Strategy,
    Theme,
)
from omtracker.models.outcome_mapping import harvested_outcome_markers, strategy_markers
from omtracker.themes.export import Section


def _grouped(rows, width: int) -> list[tuple]:  # noqa: ANN001
    """Rows of (record, ..., marker text or None) from an outer join on the marker link, as
    one row per record with its marker texts joined: one query per sheet, not two."""
    out: dict[int, tuple] = {}
    texts: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        record = row[0]
        out.setdefault(record.id, tuple(row[:width]))
        if row[width] is not None:
            texts[record.id].append(row[width])
    return [(*values, " | ".join(texts[record_id])) for record_id, values in out.items()]


def strategy_section(theme: Theme, yes_no) -> Section:  # noqa: ANN001
    rows = _grouped(
        db.session.execute(
            select(Strategy, Opgave.title, Partner.name, ProgressMarker.text)
            .join(Opgave, Opgave.id == Strategy.opgave_id)
            .outerjoin(Engagement, Engagement.id == Strategy.engagement_id)
            .outerjoin(Partner, Partner.id == Engagement.partner_id)
            .outerjoin(strategy_markers, strategy_markers.c.strategy_id == Strategy.id)
            .outerjoin(ProgressMarker, ProgressMarker.id == strategy_markers.c.marker_id)
            .where(Opgave.theme_id == theme.id)
            .order_by(
                Opgave.title,
                Partner.name.is_not(None),
                Partner.name,
                Strategy.type,
                Strategy.id,
                ProgressMarker.tier,
                ProgressMarker.position,
            )
        ),
        3,
    )
    return Section(
        _("Strategieën"),
        [
            _("Opgave"),
            _("Grenspartner"),
            _("Soort strategie"),
            _("Titel"),
            _("Omschrijving"),
            _("Gericht op de voortgangsmarkeringen"),
            _("Gearchiveerd"),
        ],
        [
            [
                title,
                partner or _("hele opgave"),
                str(STRATEGY_TYPE[s.type]),
                s.title,
                s.description,
                aims,
                yes_no(s.archived),
            ]
            for s, title, partner, aims in rows
        ],
    )


def outcome_section(theme: Theme, yes_no) -> Section:  # noqa: ANN001
    link = harvested_outcome_markers
    rows = _grouped(
        db.session.execute(
            select(HarvestedOutcome, Partner.name, Opgave.title, JournalEntry.period)
            .add_columns(ProgressMarker.text)
            .outerjoin(Partner, Partner.id == HarvestedOutcome.partner_id)
            .outerjoin(Opgave, Opgave.id == HarvestedOutcome.opgave_id)
            .outerjoin(JournalEntry, JournalEntry.id == HarvestedOutcome.origin_entry_id)
            .outerjoin(link, link.c.outcome_id == HarvestedOutcome.id)
            .outerjoin(ProgressMarker, ProgressMarker.id == link.c.marker_id)
            .where(HarvestedOutcome.theme_id == theme.id)
            .order_by(
                HarvestedOutcome.period,
                HarvestedOutcome.id,
                ProgressMarker.tier,
                ProgressMarker.position,
            )
        ),
        4,
    )
    return Section(
        _("Geoogste uitkomsten"),
        [
            _("Maand"),
            _("Wie veranderde"),
            _("Grenspartner"),
            _("Wat veranderde"),
            _("Waar"),
            _("Waarom dit belangrijk is"),
            _("Hoe het programma bijdroeg"),
            _("Onderbouwing (bronnen)"),
            _("Opgave"),
            _("Voortgangsmarkeringen"),
            _("Uit het logboek"),
            _("Gearchiveerd"),
        ],
        [
            [
                o.period,
                partner or o.actor_name,
                yes_no(partner is not None),
                o.change,
                o.place,
                o.significance,
                o.contribution,
                o.substantiation,
                opgave or "",
                markers,
                origin or "",
                yes_no(o.archived),
            ]
            for o, partner, opgave, origin, markers in rows
        ],
    )
