"""The quick observation form: date, what was seen, an optional file, marker and significance."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import DateField, FileField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from omtracker import clock, labels
from omtracker.engagements.forms import optional_int
from omtracker.journals.attachments import Upload, UploadRefused, check_upload
from omtracker.models import SIGNIFICANCES, Level
from omtracker.periods import format_period
from omtracker.textlimit import MaxLength

TEXT_MAX = 5_000


def significance_choices() -> dict[str, str]:
    """Not given, or the marker levels' words: low, medium, high."""
    return {"": str(_l("Niet aangegeven"))} | {
        name: str(labels.LEVEL[Level[name]]) for name in SIGNIFICANCES
    }


class ObservationForm(FlaskForm):
    """`earliest` (the engagement's start) and the marker choices are set by the route."""

    text = TextAreaField(
        _l("Wat zag je?"),
        validators=[InputRequired(_l("Beschrijf kort wat je zag.")), MaxLength(TEXT_MAX)],
    )
    observed_on = DateField(
        _l("Datum"),
        validators=[InputRequired(_l("Vul de datum in waarop je het zag."))],
        default=clock.today,
    )
    file = FileField(_l("Foto of bestand (optioneel)"))
    marker = SelectField(
        _l("Over welke voortgangsmarkering? (optioneel)"),
        coerce=optional_int,
        validate_choice=False,  # checked against the engagement's markers below
    )
    significance = RadioField(
        _l("Hoe belangrijk?"), choices=significance_choices, default="", validate_choice=False
    )

    def __init__(self, *args: Any, earliest: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        self.upload: Upload | None = None

    def validate_text(self, field: TextAreaField) -> None:
        field.data = (field.data or "").strip()
        if not field.data:
            raise ValidationError(_l("Beschrijf kort wat je zag."))

    def validate_observed_on(self, field: DateField) -> None:
        if field.data is None:
            return  # not a date: WTForms already says so
        if field.data > clock.today():
            raise ValidationError(
                _l("Een waarneming gaat over vandaag of een dag die al voorbij is.")
            )
        if self.earliest and field.data < self.earliest:
            raise ValidationError(
                _l(
                    "De samenwerking begon in %(month)s; kies een latere datum.",
                    month=format_period(self.earliest.strftime("%Y-%m")),
                )
            )

    def fill_markers(self, markers: list[Any]) -> None:
        """The engagement's markers that still count, as choices ("" = none)."""
        self.marker.choices = {"": str(_l("Geen bepaalde markering"))} | {
            str(m.id): f"{labels.TIER[m.tier]}: {m.text}" for m in markers
        }
        self.marker_ids = {m.id for m in markers}

    def validate_marker(self, field: SelectField) -> None:
        if field.data is not None and field.data not in getattr(self, "marker_ids", set()):
            raise ValidationError(_l("Kies een markering van deze partner, of geen."))

    def validate_significance(self, field: RadioField) -> None:
        if field.data in (None, ""):
            field.data = ""
        elif field.data not in SIGNIFICANCES:
            raise ValidationError(_l("Kies laag, gemiddeld of hoog, of laat het open."))

    def validate_file(self, field: FileField) -> None:
        item = field.data
        if not isinstance(item, FileStorage) or not item.filename:
            return
        max_bytes = int(current_app.config["ATTACHMENT_MAX_BYTES"])
        try:
            self.upload = check_upload(item.filename, item.stream.read(max_bytes + 1), max_bytes)
        except UploadRefused as refused:
            again = _l("Kies het bestand opnieuw; er is nog niets opgeslagen.")
            raise ValidationError(f"{refused} {again}") from refused
