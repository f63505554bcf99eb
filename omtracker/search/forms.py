"""The search form: the words and the filters (kind, theme, months), read from the address."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, Regexp, ValidationError

from omtracker.search.queries import GROUP_LABEL

MONTH = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search changes nothing and is a plain link (GET)

    q = StringField(_l("Zoeken naar"), validators=[Length(max=200)])
    soort = SelectField(_l("Soort"), choices={}, validators=[Optional()])
    thema = SelectField(_l("Thema"), choices={}, validators=[Optional()])
    van = StringField(
        _l("Vanaf maand"),
        validators=[
            Optional(),
            Regexp(MONTH, message=_l("Geef een maand als JJJJ-MM, bijvoorbeeld 2026-10.")),
        ],
    )
    tot = StringField(
        _l("Tot en met maand"),
        validators=[
            Optional(),
            Regexp(MONTH, message=_l("Geef een maand als JJJJ-MM, bijvoorbeeld 2026-10.")),
        ],
    )

    def fill_choices(self, themes: list) -> None:
        self.soort.choices = {"": str(_l("Alles"))} | {k: str(v) for k, v in GROUP_LABEL.items()}
        self.thema.choices = {"": str(_l("Alle thema's"))} | {
            str(t.id): f"{t.number}. {t.name}" for t in themes
        }

    def validate_tot(self, field: StringField) -> None:
        if field.data and self.van.data and field.data < self.van.data:
            raise ValidationError(_l("De laatste maand ligt vóór de eerste."))
