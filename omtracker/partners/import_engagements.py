"""Importing outcome challenges (engagements) with their progress markers, one marker a row.

Rows with the same partner and opgave form one engagement; its outcome challenge, frequency
and start date come from the first such row and may be left empty on the following rows. Theme
leaders may import only into the opgaven of a theme they lead: the caller passes that rule in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from omtracker.extensions import db
from omtracker.models import Engagement, Opgave, Partner, ProgressMarker, Theme, Tier
from omtracker.partners.import_rows import (
    TIERS,
    EngagementDraft,
    ImportPreview,
    MarkerDraft,
    parse_date,
    parse_frequency,
    text,
)
from omtracker.partners.importing import Table
from omtracker.partners.similar import names_look_alike
from omtracker.periods import period_of


def programme_opgaven(programme_id: int) -> list[Opgave]:
    return list(
        db.session.scalars(
            select(Opgave)
            .join(Theme, Theme.id == Opgave.theme_id)
            .where(Theme.programme_id == programme_id)
            .options(joinedload(Opgave.theme))
            .order_by(Opgave.id)
        )
    )


def existing_pairs(programme_id: int) -> set[tuple[int, int]]:
    rows = db.session.execute(
        select(Engagement.partner_id, Engagement.opgave_id)
        .join(Partner, Partner.id == Engagement.partner_id)
        .where(Partner.programme_id == programme_id)
    )
    return {(p, o) for p, o in rows}


class _Lookup:
    """Finds partners and opgaven by what a person types in a spreadsheet cell."""

    def __init__(self, registry: list[Partner], opgaven: list[Opgave]) -> None:
        self.registry = registry
        self.partners = {p.name.strip().casefold(): p for p in registry}
        self.by_id = {p.id: p for p in registry}
        self.opgaven = opgaven
        self.opgave_ids = {o.id: o for o in opgaven}

    def partner(self, name: str) -> tuple[Partner | None, str | None]:
        partner = self.partners.get(name.casefold())
        if partner is None:
            similar = [
                p.name for p in self.registry if not p.archived and names_look_alike(name, p.name)
            ]
            hint = _(" Bedoel je: %(names)s?", names=", ".join(similar[:3])) if similar else ""
            return None, _(
                "Partner ‘%(name)s’ staat niet in het register; importeer of maak die eerst aan.",
                name=name,
            ) + hint
        if partner.merged_into_id:
            target = self.by_id.get(partner.merged_into_id)
            return None, _(
                "Partner ‘%(name)s’ is samengevoegd met ‘%(target)s’; gebruik die naam.",
                name=partner.name,
                target=target.name if target else "?",
            )
        if partner.archived:
            return None, _("Partner ‘%(name)s’ is gearchiveerd.", name=partner.name)
        return partner, None

    def opgave(self, value: str) -> tuple[Opgave | None, str | None]:
        if value.isdigit() and int(value) in self.opgave_ids:
            found = [self.opgave_ids[int(value)]]
        else:
            found = [o for o in self.opgaven if o.title.strip().casefold() == value.casefold()]
        if not found:
            return None, _("Opgave ‘%(value)s’ bestaat niet in dit programma.", value=value)
        if len(found) > 1:
            return None, _(
                "Er zijn meerdere opgaven ‘%(value)s’ (nummers %(ids)s); vul het nummer in.",
                value=value,
                ids=", ".join(str(o.id) for o in found),
            )
        opgave = found[0]
        if opgave.archived or opgave.theme.archived:
            return None, _("Opgave ‘%(title)s’ is gearchiveerd.", title=opgave.title)
        return opgave, None


def check_engagement_rows(
    table: Table,
    registry: list[Partner],
    opgaven: list[Opgave],
    taken: set[tuple[int, int]],
    may_use: Callable[[Opgave], bool],
) -> ImportPreview:
    """Validate engagement rows; `may_use(opgave)` says whether this user may import into it."""
    preview = ImportPreview("uitkomstuitdagingen", ignored_columns=table.ignored_columns)
    lookup = _Lookup(registry, opgaven)
    drafts: dict[tuple[int, int], EngagementDraft] = {}
    for number, cells in table.rows:
        values = {key: text(cells.get(key)) for key in cells}
        before = len(preview.errors)
        partner, problem = (None, _("De partner ontbreekt."))
        if values.get("partner"):
            partner, problem = lookup.partner(values["partner"])
        if problem:
            preview.error(number, problem)
        opgave, problem = (None, _("De opgave ontbreekt."))
        if values.get("opgave"):
            opgave, problem = lookup.opgave(values["opgave"])
        if problem:
            preview.error(number, problem)
        elif not may_use(opgave):
            preview.error(
                number,
                _(
                    "Je mag alleen importeren in opgaven van een thema dat je trekt; "
                    "‘%(title)s’ hoort bij thema %(theme)s.",
                    title=opgave.title,
                    theme=opgave.theme.name,
                ),
            )
        marker = _marker(preview, number, values)
        if len(preview.errors) > before:
            continue
        key = (partner.id, opgave.id)
        draft = drafts.get(key)
        if draft is None:
            draft = _new_engagement(preview, number, partner, opgave, cells, values, taken)
            if draft is None:
                continue
            drafts[key] = draft
            preview.engagements.append(draft)
        else:
            _check_repeated(preview, number, draft, cells, values)
        if marker is not None:
            if any(m.tier == marker.tier and m.text == marker.text for m in draft.markers):
                preview.error(number, _("Deze markering staat al in rij %(row)s.", row=draft.row))
            else:
                draft.markers.append(marker)
    return preview


def _marker(preview: ImportPreview, number: int, values: dict[str, str]) -> MarkerDraft | None:
    marker_text, tier_text = values.get("markering", ""), values.get("niveau", "")
    if not marker_text and not tier_text:
        return None
    tier = TIERS.get(tier_text.lower())
    if not marker_text:
        preview.error(number, _("Het niveau is ingevuld maar de markering ontbreekt."))
    elif tier is None:
        preview.error(
            number,
            _(
                "Onbekend niveau ‘%(value)s’; gebruik verwacht, graag of prachtig.",
                value=tier_text,
            ),
        )
    elif len(marker_text) > 1000:
        preview.error(number, _("De markering is langer dan 1000 tekens."))
    else:
        return MarkerDraft(row=number, tier=tier, text=marker_text)
    return None


def _new_engagement(
    preview: ImportPreview,
    number: int,
    partner: Partner,
    opgave: Opgave,
    cells: dict[str, Any],
    values: dict[str, str],
    taken: set[tuple[int, int]],
) -> EngagementDraft | None:
    before = len(preview.errors)
    if (partner.id, opgave.id) in taken:
        preview.error(
            number,
            _(
                "%(partner)s heeft al een uitkomstuitdaging bij opgave ‘%(opgave)s’.",
                partner=partner.name,
                opgave=opgave.title,
            ),
        )
    challenge = values.get("uitkomstuitdaging", "")
    if not challenge:
        preview.error(number, _("De uitkomstuitdaging ontbreekt."))
    elif len(challenge) > 5000:
        preview.error(number, _("De uitkomstuitdaging is langer dan 5000 tekens."))
    frequency = parse_frequency(cells.get("frequentie"))
    if frequency is None:
        preview.error(
            number,
            _(
                "Onbekende frequentie ‘%(value)s’; vul een aantal maanden in (1 tot 12) "
                "of bijvoorbeeld ‘maandelijks’ of ‘per kwartaal’.",
                value=values.get("frequentie"),
            ),
        )
    start = parse_date(cells.get("startdatum"))
    if start is None:
        preview.error(
            number,
            _(
                "De startdatum ‘%(value)s’ is geen geldige datum; gebruik bijvoorbeeld "
                "15-01-2026 of 2026-01-15.",
                value=values.get("startdatum", ""),
            )
            if values.get("startdatum")
            else _("De startdatum ontbreekt."),
        )
    if len(preview.errors) > before:
        return None
    return EngagementDraft(
        row=number,
        partner=partner,
        opgave=opgave,
        outcome_challenge=challenge,
        frequency=frequency,
        start_date=start,
    )


def _check_repeated(
    preview: ImportPreview,
    number: int,
    draft: EngagementDraft,
    cells: dict[str, Any],
    values: dict[str, str],
) -> None:
    """A later row of the same engagement may leave the shared columns empty, not contradict."""
    clashes = []
    if values.get("uitkomstuitdaging") and values["uitkomstuitdaging"] != draft.outcome_challenge:
        clashes.append("uitkomstuitdaging")
    if values.get("frequentie") and parse_frequency(cells.get("frequentie")) != draft.frequency:
        clashes.append("frequentie")
    if values.get("startdatum") and parse_date(cells.get("startdatum")) != draft.start_date:
        clashes.append("startdatum")
    if clashes:
        preview.error(
            number,
            _(
                "%(columns)s wijkt af van rij %(row)s voor dezelfde partner en opgave; "
                "laat het leeg of vul hetzelfde in.",
                columns=", ".join(clashes),
                row=draft.row,
            ),
        )


def apply_engagements(preview: ImportPreview) -> list[Engagement]:
    """Create the previewed engagements and their markers, ordered as in the file per tier."""
    created = []
    for draft in preview.engagements:
        engagement = Engagement(
            partner_id=draft.partner.id,
            opgave_id=draft.opgave.id,
            outcome_challenge=draft.outcome_challenge,
            monitoring_frequency_months=draft.frequency,
            start_date=draft.start_date,
        )
        first = period_of(draft.start_date)
        positions: dict[Tier, int] = {}
        for marker in draft.markers:
            position = positions.get(marker.tier, 0)
            positions[marker.tier] = position + 1
            engagement.markers.append(
                ProgressMarker(
                    tier=marker.tier, position=position, text=marker.text, first_period=first
                )
            )
        db.session.add(engagement)
        created.append(engagement)
    db.session.flush()
    return created
