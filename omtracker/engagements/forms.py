"""Forms for outcome challenges and progress markers; choices are filled per request."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from omtracker import clock, labels
from omtracker.editing import VersionedForm
from omtracker.models import Level, Tier
from omtracker.models.enums import TIER_ORDER
from omtracker.periods import (
    add_months,
    current_period,
    format_period,
    is_period,
    months_phrase,
    period_range,
)
from omtracker.textlimit import MaxLength

TEXT_MAX = 600
CHALLENGE_MAX = 4000
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL)


def optional_int(value: Any) -> int | None:
    """Coerce a submitted id; an empty choice stays None so DataRequired can name it, and so
    does a number no record can have (the database cannot even compare it: a 500)."""
    if value in (None, ""):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def tier_or_none(value: Any) -> Tier | None:
    if value in (None, ""):
        return None
    return Tier(value)


def month_value(form: FlaskForm, field: StringField) -> None:
    """A month as YYYY-MM (what <input type="month"> sends); browsers without it let people type."""
    value = (field.data or "").strip()
    if not is_period(value) or not "2000-01" <= value <= "2099-12":
        raise ValidationError(_l("Vul een maand in als JJJJ-MM, bijvoorbeeld 2026-11."))
    field.data = value


def past_change_message(first: str) -> str:
    """'Dit verandert de cijfers van oktober en november': the months before this one that a
    change taking effect from `first` rewrites, for the form to ask for confirmation."""
    months = period_range(first, add_months(current_period(), -1))
    return _(
        "Dit verandert de cijfers van %(months)s. Vink hieronder aan dat je dat bedoelt, of "
        "kies deze maand of een latere.",
        months=months_phrase(months),
    )


def confirm_past_field() -> BooleanField:
    return BooleanField(_l("Ja, verander de cijfers van die voorbije maanden"))


def level_choices() -> dict[str, str]:
    return {str(int(level)): str(labels.LEVEL[level]) for level in Level}


def frequency_choices() -> dict[str, str]:
    return {str(months): str(label) for months, label in labels.MONITORING_FREQUENCY.items()}


def tier_choices() -> dict[str, str]:
    return {tier.value: str(labels.TIER[tier]) for tier in TIER_ORDER}


class _EngagementFields:
    """The fields a theme leader keeps for an outcome challenge, on both create and edit."""

    outcome_challenge = TextAreaField(
        _l("Uitkomstuitdaging"),
        validators=[
            DataRequired(_l("Beschrijf de uitkomstuitdaging.")),
            MaxLength(CHALLENGE_MAX),
        ],
        render_kw={"rows": 5},
    )
    monitoring_frequency_months = SelectField(
        _l("Hoe vaak een logboek"),
        coerce=int,
        default=1,
        validate_choice=True,
        invalid_choice_message=_l("Kies hoe vaak een logboek wordt geschreven."),
    )
    start_date = DateField(
        _l("Startdatum"),
        validators=[InputRequired(_l("Vul een startdatum in."))],
        default=clock.today,
    )

    def validate_start_date(self, field: DateField) -> None:
        if field.data and not date(2000, 1, 1) <= field.data <= date(2099, 12, 31):
            raise ValidationError(_l("Kies een datum tussen 2000 en 2099."))


class NewEngagementForm(_EngagementFields, FlaskForm):
    partner_id = SelectField(
        _l("Grenspartner"),
        coerce=optional_int,
        validate_choice=False,  # checked against the registry in the route, with a clear message
        validators=[DataRequired(_l("Kies een grenspartner uit het register."))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.monitoring_frequency_months.choices = frequency_choices()


class EngagementForm(_EngagementFields, VersionedForm):
    effective_from = StringField(
        _l("Een nieuwe frequentie geldt vanaf"),
        render_kw={"type": "month", "placeholder": "JJJJ-MM", "pattern": r"\d{4}-\d{2}"},
    )
    confirm_past = confirm_past_field()

    def validate_effective_from(self, field: StringField) -> None:
        """Empty: this month. Before this month: only when the user confirms (DESIGN.md §3a)."""
        value = (field.data or "").strip()
        if not value:
            field.data = None
            return
        month_value(self, field)
        if field.data < current_period() and not self.confirm_past.data:
            raise ValidationError(past_change_message(field.data))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = frequency_choices()
        # The stored frequency stays choosable (e.g. 4 or 12 months, set by an import); what a
        # POST submits is checked against the choices, never added to them.
        current = getattr(kwargs.get("obj"), "monitoring_frequency_months", None)
        if current and str(current) not in choices:
            choices[str(current)] = str(labels.MONITORING_FREQUENCY.get(current, current))
        self.monitoring_frequency_months.choices = choices


def _month_field(label: Any) -> StringField:
    """A month as YYYY-MM, a month picker where the browser has one."""
    return StringField(
        label,
        validators=[month_value],
        render_kw={"type": "month", "placeholder": "JJJJ-MM", "pattern": r"\d{4}-\d{2}"},
    )


def _marker_text() -> TextAreaField:
    """The behaviour a progress marker describes: the same field on add and edit."""
    return TextAreaField(
        _l("Markering"),
        validators=[
            DataRequired(_l("Beschrijf het gedrag dat je wilt zien.")),
            MaxLength(TEXT_MAX),
        ],
        render_kw={"rows": 3},
    )


class MarkerForm(FlaskForm):
    tier = SelectField(
        _l("Niveau van de ladder"),
        coerce=tier_or_none,
        validators=[DataRequired(_l("Kies verwacht, graag of prachtig om te zien."))],
        invalid_choice_message=_l("Kies verwacht, graag of prachtig om te zien."),
    )
    text = _marker_text()
    first_period = _month_field(_l("Telt mee vanaf"))
    confirm_past = confirm_past_field()
    # Only when promoted from a journal entry: the level seen in that entry (route sets it).
    level = SelectField(_l("Niveau dat je in dat logboek zag"), validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tier.choices = tier_choices()
        self.level.choices = level_choices()

    def validate_first_period(self, field: StringField) -> None:
        """A marker counting from an earlier month changes those months: ask first."""
        if is_period(field.data) and field.data < current_period() and not self.confirm_past.data:
            raise ValidationError(past_change_message(field.data))

    def validate_level(self, field: SelectField) -> None:
        if field.data not in (None, "") and field.data not in self.level.choices:
            raise ValidationError(_l("Kies een niveau: geen, laag, gemiddeld of hoog."))


class MarkerTextForm(VersionedForm):
    text = _marker_text()


class RetireMarkerForm(VersionedForm):
    retired_period = _month_field(_l("Laatste maand waarin de markering meetelt"))

    def __init__(self, *args: Any, first_period: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_period = first_period

    def validate_retired_period(self, field: StringField) -> None:
        if is_period(field.data) and field.data < self.first_period:
            raise ValidationError(
                _(
                    "De markering telt pas mee vanaf %(first)s; kies die maand of een latere.",
                    first=format_period(self.first_period),
                )
            )
