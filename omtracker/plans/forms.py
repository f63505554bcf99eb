"""Forms of Outcome Mapping's plans, practices, rubrics and harvested outcomes.

Choices come from the database and are filled in the route so labels follow the request's
language. Every text is trimmed and bounded; months are `YYYY-MM`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from omtracker.editing import VersionedForm
from omtracker.models import Practice
from omtracker.periods import current_period, is_period

LONG_TEXT = 20_000


def _stripped(value: Any) -> Any:
    """Trimmed text; a field left out of the post becomes "" (the columns are NOT NULL)."""
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def long_text(label: Any, required: str | None = None, rows: int = 3) -> TextAreaField:
    validators: list[Any] = [Length(max=LONG_TEXT)]
    if required:
        validators.insert(0, DataRequired(required))
    return TextAreaField(
        label, validators=validators, filters=[_stripped], render_kw={"rows": rows}
    )


def month_field(label: Any) -> StringField:
    return StringField(
        label,
        validators=[DataRequired(_l("Kies een maand."))],
        filters=[_stripped],
        render_kw={"type": "month", "placeholder": "JJJJ-MM"},
    )


def _check_month(value: str | None) -> None:
    if not is_period(value):
        raise ValidationError(_l("Geef de maand als JJJJ-MM, bijvoorbeeld 2026-11."))


class _RecordForm(VersionedForm):
    FIELDS: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name).data for name in self.FIELDS}


class HarvestedOutcomeForm(_RecordForm):
    """Wilson-Grau's outcome description: who changed what, when and where, and why it matters."""

    theme_id = SelectField(_l("Thema"), validate_choice=True, default="")
    opgave_id = SelectField(_l("Opgave"), validate_choice=True, default="")
    partner_id = SelectField(_l("Wie veranderde: grenspartner"), validate_choice=True, default="")
    actor_name = StringField(
        _l("Of: een andere actor (nog geen grenspartner)"),
        validators=[Length(max=200)],
        filters=[_stripped],
    )
    change = long_text(_l("Wat veranderde"), _l("Beschrijf wat er veranderde."), rows=4)
    period = month_field(_l("Wanneer (maand)"))
    place = StringField(_l("Waar"), validators=[Length(max=200)], filters=[_stripped])
    significance = long_text(_l("Waarom dit belangrijk is"))
    contribution = long_text(_l("Hoe het programma bijdroeg"))
    substantiation = long_text(_l("Onderbouwing (bronnen)"))
    marker_ids = SelectMultipleField(_l("Voortgangsmarkeringen"), coerce=int)

    FIELDS = (
        "theme_id",
        "opgave_id",
        "partner_id",
        "actor_name",
        "change",
        "period",
        "place",
        "significance",
        "contribution",
        "substantiation",
    )

    def validate_period(self, field: StringField) -> None:
        _check_month(field.data)
        if field.data > current_period():
            raise ValidationError(_l("Een uitkomst is al gebeurd: kies deze maand of eerder."))

    def validate_actor_name(self, field: StringField) -> None:
        if not self.partner_id.data and not field.data:
            raise ValidationError(_l("Kies een grenspartner of noem de actor die veranderde."))

    def values(self) -> dict[str, Any]:
        out = super().values()
        for name in ("theme_id", "opgave_id", "partner_id"):
            out[name] = int(out[name]) if out[name] else None
        return out


class MakePartnerForm(VersionedForm):
    """The one step that turns a free-text actor into a boundary partner in the registry."""

    type = SelectField(_l("Soort organisatie"), validate_choice=True)


class MonitoringPlanForm(_RecordForm):
    valid_from = month_field(_l("Geldt vanaf"))
    monitored = long_text(_l("Wat volgen we"), _l("Beschrijf wat er gevolgd wordt."))
    monitored_by = long_text(_l("Door wie"))
    how_often = long_text(_l("Hoe vaak"))
    use_of_information = long_text(_l("Wat doen we met de informatie"))
    journal_frequency_months = SelectField(_l("Uitkomstenlogboek van grenspartners"), default="")
    performance_rhythm_months = SelectField(_l("Ritme van het prestatielogboek"))

    FIELDS = (
        "valid_from",
        "monitored",
        "monitored_by",
        "how_often",
        "use_of_information",
        "journal_frequency_months",
        "performance_rhythm_months",
    )

    def validate_valid_from(self, field: StringField) -> None:
        _check_month(field.data)
        if field.data < current_period():
            raise ValidationError(
                _l("Een plan geldt vanaf deze maand of later; eerdere maanden houden hun plan.")
            )

    def values(self) -> dict[str, Any]:
        out = super().values()
        out["journal_frequency_months"] = (
            int(out["journal_frequency_months"]) if out["journal_frequency_months"] else None
        )
        out["performance_rhythm_months"] = int(out["performance_rhythm_months"])
        return out


class EvaluationItemForm(_RecordForm):
    question = long_text(_l("Evaluatievraag"), _l("Stel de evaluatievraag."), rows=2)
    users = long_text(_l("Wie gebruikt de bevindingen"), rows=2)
    uses = long_text(_l("Waarvoor"), rows=2)
    sources = long_text(_l("Bronnen"), rows=2)
    methods = long_text(_l("Methoden"), rows=2)
    start_date = DateField(_l("Begin"), validators=[Optional()], render_kw={"type": "date"})
    end_date = DateField(_l("Klaar"), validators=[Optional()], render_kw={"type": "date"})
    cost_euros = IntegerField(
        _l("Kosten (euro)"),
        validators=[
            Optional(),
            NumberRange(0, 100_000_000, _l("Geef een bedrag in hele euro's, 0 of meer.")),
        ],
    )

    FIELDS = (
        "question",
        "users",
        "uses",
        "sources",
        "methods",
        "start_date",
        "end_date",
        "cost_euros",
    )

    def validate_end_date(self, field: DateField) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("De einddatum ligt vóór de begindatum."))


class RubricForm(_RecordForm):
    low = long_text(_l("Laag ziet eruit als"), rows=2)
    medium = long_text(_l("Gemiddeld ziet eruit als"), rows=2)
    high = long_text(_l("Hoog ziet eruit als"), rows=2)

    FIELDS = ("low", "medium", "high")


class PerformanceJournalForm(VersionedForm):
    """Per practice an example, the lessons and how well it was followed (fields added below)."""

    def practice_fields(self, practice: Practice) -> tuple[Any, Any, Any]:
        return (
            getattr(self, f"{practice.value}_example"),
            getattr(self, f"{practice.value}_lessons"),
            getattr(self, f"{practice.value}_rating"),
        )

    def fill_choices(self, rating_labels: dict[str, str]) -> None:
        for practice in Practice:
            self.practice_fields(practice)[2].choices = rating_labels

    def notes(self) -> dict[Practice, dict[str, Any]]:
        out = {}
        for practice in Practice:
            example, lessons, rating = self.practice_fields(practice)
            out[practice] = {
                "example": example.data or "",
                "lessons": lessons.data or "",
                "rating": int(rating.data) if rating.data not in (None, "") else None,
            }
        return out

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not any(
            n["example"] or n["lessons"] or n["rating"] is not None for n in self.notes().values()
        ):
            first = self.practice_fields(Practice.prospecting)[0]
            first.errors.append(
                _l("Vul minstens één praktijk in: een voorbeeld, een les of een oordeel.")
            )
            return False
        return ok


for _practice in Practice:
    setattr(
        PerformanceJournalForm,
        f"{_practice.value}_example",
        long_text(_l("Voorbeeld"), rows=2),
    )
    setattr(
        PerformanceJournalForm,
        f"{_practice.value}_lessons",
        long_text(_l("Lessen"), rows=2),
    )
    setattr(
        PerformanceJournalForm,
        f"{_practice.value}_rating",
        SelectField(_l("Hoe goed gevolgd"), validate_choice=True, default=""),
    )
