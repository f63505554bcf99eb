"""Forms for key indicators and their values; numbers are typed the Dutch way (18,4)."""

from __future__ import annotations

import math
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from omtracker.editing import VersionedForm
from omtracker.indicators.services import number
from omtracker.models import IndicatorArea
from omtracker.textlimit import MaxLength

MIN_YEAR, MAX_YEAR = 1900, 2100


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def parse_number(text: str) -> float:
    """'18,4', '18.4', '3.196.000' and '1.234,5' all read as people mean them."""
    cleaned = text.replace(" ", "").replace("\u00a0", "").replace("€", "").rstrip("%")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    value = float(cleaned)
    if not math.isfinite(value):  # "1e999", "inf", "nan": no figure anyone can chart or store
        raise ValueError(cleaned)
    return value


class NumberField(Field):
    """A decimal number as text, so a Dutch comma works and a bad entry keeps what was typed."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return number(self.data) if self.data is not None else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        try:
            self.data = parse_number(text)
        except ValueError:
            raise ValueError(_l("Vul een getal in, bijvoorbeeld 18,4.")) from None


class YearField(Field):
    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "maxlength": "4"})
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def process_formdata(self, valuelist: list[str]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        if not re.fullmatch(r"\d{4}", text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
            raise ValueError(_l("Vul een jaartal in, bijvoorbeeld 2024."))
        self.data = int(text)


class IndicatorForm(VersionedForm):
    name = StringField(
        _l("Naam"),
        filters=[strip],
        validators=[DataRequired(_l("Vul de naam van de indicator in.")), Length(max=200)],
    )
    name_en = StringField(
        _l("Naam in het Engels"), filters=[strip], validators=[Optional(), Length(max=200)]
    )
    category = SelectField(_l("Soort indicator"), choices={}, validate_choice=True)
    unit = StringField(_l("Eenheid"), filters=[strip], validators=[Optional(), Length(max=40)])
    description = TextAreaField(_l("Toelichting"), validators=[MaxLength(5000)])
    baseline_value = NumberField(_l("Nulmeting"))
    baseline_year = YearField(_l("Jaar van de nulmeting"))
    target_value = NumberField(_l("Doel"))
    target_year = YearField(_l("Doeljaar"))

    def validate_baseline_year(self, field: YearField) -> None:
        if self.baseline_value.data is not None and field.data is None:
            raise ValidationError(_l("Vul ook het jaar van de nulmeting in."))

    def validate_target_year(self, field: YearField) -> None:
        if self.target_value.data is not None and field.data is None:
            raise ValidationError(_l("Vul ook het doeljaar in."))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.data,
            "name_en": self.name_en.data or None,
            "unit": self.unit.data or "",
            "category": self.category.data or "",
            "description": self.description.data or "",
            "baseline_value": self.baseline_value.data,
            "baseline_year": self.baseline_year.data,
            "target_value": self.target_value.data,
            "target_year": self.target_year.data,
        }


class IndicatorValueForm(VersionedForm):
    year = YearField(_l("Jaar"))
    area = SelectField(_l("Gebied"), choices={}, validate_choice=True)
    area_name = StringField(
        _l("Naam van het gebied"),
        filters=[strip],
        validators=[Optional(), Length(max=120)],
    )
    value = NumberField(_l("Waarde (getal)"))
    value_text = StringField(
        _l("Of: waarde als tekst"),
        filters=[strip],
        validators=[Optional(), Length(max=120)],
    )
    source = TextAreaField(
        _l("Bron"),
        filters=[strip],
        validators=[DataRequired(_l("Vul de bron in.")), Length(max=2000)],
    )
    note = TextAreaField(_l("Opmerking"), validators=[MaxLength(5000)])

    def validate_value(self, field: NumberField) -> None:
        # Here rather than on value_text: an empty optional field skips its own validators.
        if field.data is None and not field.process_errors and not self.value_text.data:
            raise ValidationError(
                _l("Vul een getal in, of een tekst zoals ‘PM’ of een bandbreedte.")
            )

    def values(self) -> dict[str, Any]:
        return {
            "year": self.year.data,
            "area": IndicatorArea(self.area.data),
            "area_name": self.area_name.data or "",
            "value": self.value.data,
            "value_text": "" if self.value.data is not None else (self.value_text.data or ""),
            "source": self.source.data,
            "note": self.note.data or "",
        }
