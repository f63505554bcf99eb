"""Checking import rows against the registry, and creating what they describe.

Every row is checked before anything is written; one bad row means nothing is imported, and
each problem names its row number in the file. The apply functions flush; the route commits
once, so an import is a single transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from omtracker.extensions import db
from omtracker.labels import PARTNER_TYPE
from omtracker.models import (
    Opgave,
    Partner,
    PartnerType,
    Tier,
)
from omtracker.partners.forms import PHONE_RE
from omtracker.partners.importing import Table
from omtracker.partners.similar import names_look_alike

DUTCH_TYPES = {
    "sportvereniging": PartnerType.club,
    "vereniging": PartnerType.club,
    "sportclub": PartnerType.club,
    "onderwijs": PartnerType.school,
    "school": PartnerType.school,
    "welzijn": PartnerType.welfare,
    "zorg": PartnerType.care,
    "gemeente": PartnerType.municipality,
    "buurtsportcoach": PartnerType.coach,
    "bedrijf": PartnerType.company,
    "landelijke organisatie": PartnerType.national_body,
    "kennisinstituut": PartnerType.knowledge_institute,
    "overig": PartnerType.other,
    "anders": PartnerType.other,
}
TIERS = {
    "verwacht": Tier.expect,
    "verwacht te zien": Tier.expect,
    "graag": Tier.like,
    "graag te zien": Tier.like,
    "prachtig": Tier.love,
    "prachtig om te zien": Tier.love,
    **{t.value: t for t in Tier},
}
FREQUENCIES = {
    "maandelijks": 1,
    "elke maand": 1,
    "tweemaandelijks": 2,
    "per kwartaal": 3,
    "kwartaal": 3,
    "driemaandelijks": 3,
    "halfjaarlijks": 6,
    "jaarlijks": 12,
}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class RowError:
    row: int | None
    message: str


@dataclass
class PartnerDraft:
    row: int
    values: dict[str, Any]
    similar: list[str] = field(default_factory=list)


@dataclass
class MarkerDraft:
    row: int
    tier: Tier
    text: str


@dataclass
class EngagementDraft:
    row: int
    partner: Partner
    opgave: Opgave
    outcome_challenge: str
    frequency: int
    start_date: date
    markers: list[MarkerDraft] = field(default_factory=list)

    def count(self, tier: Tier) -> int:
        return sum(1 for m in self.markers if m.tier == tier)


@dataclass
class ImportPreview:
    kind: str
    partners: list[PartnerDraft] = field(default_factory=list)
    engagements: list[EngagementDraft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.partners or self.engagements)

    def error(self, row: int | None, message: str) -> None:
        self.errors.append(RowError(row, message))


def text(value: Any) -> str:
    """A cell as text; whole numbers from a spreadsheet lose their '.0'; a code Excel was told
    to keep as text (="0592123456", as the registry's CSV export writes it) loses its wrapper."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = str(value).strip()
    kept = re.fullmatch(r'="([^"]*)"', out)
    return kept.group(1) if kept else out


def phone_text(value: Any) -> str:
    """A phone number as text. A spreadsheet that stored 0592123456 as a number dropped the
    leading zero (592123456): a Dutch number has ten digits, so the zero comes back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = text(value)
        return "0" + digits if re.fullmatch(r"[1-9]\d{8}", digits) else digits
    return text(value)


def parse_type(value: str) -> PartnerType | None:
    key = value.strip().lower()
    if not key:
        return PartnerType.other
    if key in DUTCH_TYPES:
        return DUTCH_TYPES[key]
    for kind, label in PARTNER_TYPE.items():
        if key in (kind.value, str(label).lower()):
            return kind
    return None


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for pattern, order in (
        (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "ymd"),
        (r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", "dmy"),
        (r"^(\d{4})-(\d{1,2})$", "ym"),
    ):
        match = re.match(pattern, raw)
        if not match:
            continue
        parts = [int(p) for p in match.groups()]
        try:
            if order == "ymd":
                return date(parts[0], parts[1], parts[2])
            if order == "dmy":
                return date(parts[2], parts[1], parts[0])
            return date(parts[0], parts[1], 1)
        except ValueError:
            return None
    return None


def parse_frequency(value: Any) -> int | None:
    raw = text(value).lower()
    if not raw:
        return 1
    if raw in FREQUENCIES:
        return FREQUENCIES[raw]
    match = re.match(r"^(\d{1,2})(\s*maand(en)?)?$", raw)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    return None


def _too_long(preview: ImportPreview, row: int, label: str, value: str, limit: int) -> bool:
    if len(value) > limit:
        preview.error(row, _("%(column)s is langer dan %(n)s tekens.", column=label, n=limit))
        return True
    return False


def check_partner_rows(table: Table, registry: list[Partner]) -> ImportPreview:
    """Validate partner rows against each other and the programme's registry."""
    preview = ImportPreview("partners", ignored_columns=table.ignored_columns)
    seen: dict[str, int] = {}
    by_name = {p.name.strip().casefold(): p for p in registry}
    for number, cells in table.rows:
        values = {key: text(cells.get(key)) for key in cells}
        values["telefoon"] = phone_text(cells.get("telefoon"))
        name = values.get("naam", "")
        before = len(preview.errors)
        if not name:
            preview.error(number, _("De naam ontbreekt."))
        elif not _too_long(preview, number, _("De naam"), name, 200):
            key = name.casefold()
            if key in seen:
                preview.error(
                    number, _("%(name)s staat ook al in rij %(row)s.", name=name, row=seen[key])
                )
            elif key in by_name:
                preview.error(
                    number, _("%(name)s staat al in het register.", name=by_name[key].name)
                )
            seen.setdefault(key, number)
        kind = parse_type(values.get("type", ""))
        if kind is None:
            preview.error(
                number,
                _(
                    "Onbekende soort organisatie ‘%(value)s’. Kies uit: %(choices)s.",
                    value=values.get("type"),
                    choices=", ".join(str(label) for label in PARTNER_TYPE.values()),
                ),
            )
        website = values.get("website", "")
        if website and (" " in website or "." not in website):
            preview.error(number, _("Het webadres ‘%(value)s’ is ongeldig.", value=website))
        elif website and not re.match(r"^https?://", website, re.I):
            website = "https://" + website
        email = values.get("e-mail", "")
        if email and not EMAIL_RE.match(email):
            preview.error(number, _("Het e-mailadres ‘%(value)s’ is ongeldig.", value=email))
        phone = values.get("telefoon", "")
        if phone and not PHONE_RE.match(phone):
            preview.error(number, _("Het telefoonnummer ‘%(value)s’ is ongeldig.", value=phone))
        for column, limit in (("wijk", 120), ("contactpersoon", 200), ("e-mail", 254)):
            _too_long(preview, number, column, values.get(column, ""), limit)
        _too_long(preview, number, _("De website"), website, 300)
        _too_long(preview, number, _("De omschrijving"), values.get("omschrijving", ""), 5000)
        if len(preview.errors) > before:
            continue
        draft = PartnerDraft(
            row=number,
            values={
                "name": name,
                "type": kind,
                "wijk": values.get("wijk") or None,
                "website": website or None,
                "contact_name": values.get("contactpersoon") or None,
                "contact_email": email or None,
                "contact_phone": phone or None,
                "description": values.get("omschrijving", ""),
            },
        )
        draft.similar = [p.name for p in registry if names_look_alike(name, p.name)]
        preview.partners.append(draft)
    return preview


def apply_partners(programme_id: int, preview: ImportPreview) -> list[Partner]:
    partners = [Partner(programme_id=programme_id, **d.values) for d in preview.partners]
    db.session.add_all(partners)
    db.session.flush()
    return partners
