"""Forms of the themes area: opgaven, the monthly theme status, strategies and their journal.

Choices are filled in the route (`fill_choices`) so labels follow the request's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from omtracker.editing import VersionedForm
from omtracker.labels import OPGAVE_STATUS, RAG, STRATEGY_TYPE, TIER_SHORT
from omtracker.models import OpgaveStatus, Rag, StrategyType
from omtracker.periods import current_period, is_period
from omtracker.textlimit import MaxLength
from omtracker.themes.services import OPGAVE_FIELDS, STRATEGY_ENTRY_FIELDS, STRATEGY_FIELDS

LONG_TEXT = 20_000


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _long_text(label: Any) -> TextAreaField:
    """An optional free-text area of up to LONG_TEXT characters, trimmed, four rows high."""
    return TextAreaField(
        label, validators=[MaxLength(LONG_TEXT)], filters=[_stripped], render_kw={"rows": 4}
    )


class _RecordForm(VersionedForm):
    """An edit form whose FIELDS are the record's columns the user changes."""

    FIELDS: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name).data for name in self.FIELDS}


class OpgaveForm(_RecordForm):
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(_l("Geef de opgave een titel.")), Length(max=200)],
        filters=[_stripped],
    )
    description = _long_text(_l("Omschrijving"))
    vision = _long_text(_l("Visie"))
    work_agreements = _long_text(_l("Werkafspraken"))
    targets = _long_text(_l("Doelstellingen"))
    target_year = IntegerField(
        _l("Doeljaar"),
        validators=[
            Optional(),
            NumberRange(2000, 2100, _l("Kies een jaar tussen 2000 en 2100.")),
        ],
    )
    status = SelectField(_l("Status"), validators=[InputRequired()])

    FIELDS = OPGAVE_FIELDS

    def fill_choices(self) -> None:
        self.status.choices = {s.value: str(OPGAVE_STATUS[s]) for s in OpgaveStatus}


class ThemeStatusForm(VersionedForm):
    period = StringField(
        _l("Maand"),
        validators=[DataRequired(_l("Kies een maand."))],
        filters=[_stripped],
        render_kw={"type": "month", "placeholder": "JJJJ-MM"},
    )
    rag = RadioField(
        _l("Status"), validators=[InputRequired(_l("Kies hoe het thema ervoor staat."))]
    )
    text = TextAreaField(
        _l("Toelichting"),
        validators=[Length(max=2000, message=_l("Houd de toelichting korter dan 2000 tekens."))],
        filters=[_stripped],
        render_kw={"rows": 3},
    )

    FIELDS = ("rag", "text")

    def validate_period(self, field: StringField) -> None:
        if not is_period(field.data):
            raise ValidationError(_l("Geef de maand als JJJJ-MM, bijvoorbeeld 2026-11."))
        if field.data > current_period():
            raise ValidationError(_l("Een maandstatus kan niet voor een toekomstige maand."))

    def fill_choices(self) -> None:
        self.rag.choices = {r.value: str(RAG[r]) for r in Rag}
        self.period.render_kw = {**(self.period.render_kw or {}), "max": current_period()}


class StrategyForm(_RecordForm):
    type = SelectField(_l("Soort strategie"), validators=[InputRequired()])
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(_l("Geef de strategie een titel.")), Length(max=200)],
        filters=[_stripped],
    )
    description = _long_text(_l("Omschrijving"))
    # Only for a strategy aimed at one partner: the progress markers of its ladder it aims at.
    marker_ids = SelectMultipleField(_l("Gericht op de voortgangsmarkeringen"), coerce=int)

    FIELDS = STRATEGY_FIELDS

    def fill_choices(self, markers: list[Any] | None = None) -> None:
        self.type.choices = {t.value: str(STRATEGY_TYPE[t]) for t in StrategyType}
        self.marker_ids.choices = [
            (m.id, f"{TIER_SHORT[m.tier]}: {m.text[:140]}") for m in markers or []
        ]


class StrategyJournalForm(_RecordForm):
    resources = _long_text(_l("Ingezette middelen"))
    activities = _long_text(_l("Uitgevoerde activiteiten"))
    effectiveness = _long_text(_l("Effectiviteit"))
    outputs = _long_text(_l("Resultaten (outputs)"))
    requirements = _long_text(_l("Wat is nodig"))
    next_review_date = DateField(
        _l("Volgende evaluatie"),
        validators=[Optional()],
        render_kw={"type": "date"},
    )

    FIELDS = STRATEGY_ENTRY_FIELDS

    # The first day of the month the entry is written for; set by the route.
    period_start: date | None = None

    def validate_next_review_date(self, field: DateField) -> None:
        if field.data and self.period_start and field.data < self.period_start:
            raise ValidationError(_l("Kies een datum vanaf het begin van deze maand."))

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not any((getattr(self, name).data or "") for name in self.FIELDS[:5]):
            self.activities.errors.append(
                _l("Vul minstens één tekstveld in, bijvoorbeeld de uitgevoerde activiteiten.")
            )
            return False
        return ok
