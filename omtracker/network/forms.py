"""The map's filter form and the comparison form: GET forms, so no CSRF token.

Choices are strings (the empty string means "all"); the route fills the theme choices from the
database and turns the validated form into a `NetworkFilter`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Optional, ValidationError
from wtforms.widgets import MonthInput

from omtracker.labels import BUILDING_BLOCK, PARTNER_TYPE
from omtracker.models import BuildingBlock, PartnerType
from omtracker.network.graph import WINDOWS, NetworkFilter
from omtracker.periods import is_period


def valid_month(form: FlaskForm, field: StringField) -> None:
    if field.data and not is_period(field.data):
        raise ValidationError(_l("Kies een maand als jjjj-mm, bijvoorbeeld 2026-03."))


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class NetworkFilterForm(FlaskForm):
    class Meta:
        csrf = False

    thema = SelectField(_l("Thema"), choices={}, validators=[Optional()])
    bouwsteen = SelectField(_l("Bouwsteen"), choices={}, validators=[Optional()])
    type = SelectField(_l("Soort partner"), choices={}, validators=[Optional()])
    maand = StringField(
        _l("Maand"), widget=MonthInput(), filters=[_strip], validators=[Optional(), valid_month]
    )
    venster = SelectField(_l("Periode voor logboeken"), choices={}, default="12")

    def fill_choices(self, themes: list[tuple[int, str]]) -> None:
        """Labels as plain str: WTForms reads a dict of lazy strings as option groups."""
        self.thema.choices = {"": str(_l("Alle thema’s"))} | {str(t): n for t, n in themes}
        self.bouwsteen.choices = {"": str(_l("Alle bouwstenen"))} | {
            str(b): str(label) for b, label in BUILDING_BLOCK.items()
        }
        self.type.choices = {"": str(_l("Alle soorten"))} | {
            str(t): str(label) for t, label in PARTNER_TYPE.items()
        }
        self.venster.choices = {
            str(n): str(_l("1 maand") if n == 1 else _l("%(n)s maanden", n=n)) for n in WINDOWS
        }

    def to_filter(self, default_period: str, period: str | None = None) -> NetworkFilter:
        return NetworkFilter(
            period=period or self.maand.data or default_period,
            window=int(self.venster.data or 12),
            theme_id=int(self.thema.data) if self.thema.data else None,
            building_block=BuildingBlock(self.bouwsteen.data) if self.bouwsteen.data else None,
            partner_type=PartnerType(self.type.data) if self.type.data else None,
        )


class CompareForm(NetworkFilterForm):
    van = StringField(
        _l("Van maand"),
        widget=MonthInput(),
        filters=[_strip],
        validators=[DataRequired(_l("Kies de eerste maand.")), valid_month],
    )
    tot = StringField(
        _l("Tot en met maand"),
        widget=MonthInput(),
        filters=[_strip],
        validators=[DataRequired(_l("Kies de tweede maand.")), valid_month],
    )

    def validate_tot(self, field: StringField) -> None:
        if is_period(field.data) and is_period(self.van.data) and field.data <= self.van.data:
            raise ValidationError(_l("Kies een maand na de eerste maand."))
