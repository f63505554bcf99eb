"""Forms of the partner registry: a partner, a relation, a merge and an import upload."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from omtracker.editing import VersionedForm
from omtracker.labels import PARTNER_TYPE, RELATION_TYPE
from omtracker.textlimit import MaxLength

PHONE_RE = re.compile(r"^[0-9+()\-\s./]{6,40}$")


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def valid_website(form: FlaskForm, field: StringField) -> None:
    value = field.data or ""
    if not value:
        return
    if " " in value or "." not in value or len(value) > 300:
        raise ValidationError(_l("Vul een geldig webadres in, bijvoorbeeld www.voorbeeld.nl."))


def valid_phone(form: FlaskForm, field: StringField) -> None:
    if field.data and not PHONE_RE.match(field.data):
        raise ValidationError(
            _l("Vul een telefoonnummer in met cijfers, bijvoorbeeld 0592 123456.")
        )


class PartnerForm(VersionedForm):
    name = StringField(
        _l("Naam"),
        filters=[strip],
        validators=[DataRequired(_l("Vul de naam in.")), Length(max=200)],
    )
    type = SelectField(_l("Soort organisatie"), choices={})
    wijk = StringField(_l("Wijk"), filters=[strip], validators=[Optional(), Length(max=120)])
    website = StringField(_l("Website"), filters=[strip], validators=[Optional(), valid_website])
    contact_name = StringField(
        _l("Contactpersoon"), filters=[strip], validators=[Optional(), Length(max=200)]
    )
    contact_email = StringField(
        _l("E-mailadres contactpersoon"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Vul een geldig e-mailadres in."), check_deliverability=False),
        ],
    )
    contact_phone = StringField(
        _l("Telefoonnummer"), filters=[strip], validators=[Optional(), valid_phone]
    )
    description = TextAreaField(_l("Omschrijving"), validators=[MaxLength(5000)])
    confirm_similar = BooleanField(
        _l("Toch aanmaken: dit is een andere organisatie dan de partners hierboven")
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.type.choices = {t.value: str(label) for t, label in PARTNER_TYPE.items()}

    def values(self) -> dict[str, object]:
        """The partner's fields as entered, empty optional fields as None."""
        website = self.website.data or None
        if website and not re.match(r"^https?://", website, re.I):
            website = "https://" + website
        return {
            "name": self.name.data,
            "type": self.type.data,
            "wijk": self.wijk.data or None,
            "website": website,
            "contact_name": self.contact_name.data or None,
            "contact_email": self.contact_email.data or None,
            "contact_phone": self.contact_phone.data or None,
            "description": (self.description.data or "").strip(),
        }


EDITABLE_FIELDS = [
    "name",
    "type",
    "wijk",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "description",
]


class RelationForm(FlaskForm):
    other_partner_id = SelectField(
        _l("Andere partner"), coerce=int, validators=[DataRequired(_l("Kies een partner."))]
    )
    type = SelectField(_l("Soort relatie"), choices={})
    direction = SelectField(_l("Richting"), choices={})
    note = StringField(_l("Toelichting"), filters=[strip], validators=[Length(max=1000)])

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.type.choices = {t.value: str(label) for t, label in RELATION_TYPE.items()}
        self.direction.choices = {
            "out": str(_l("deze partner → andere")),
            "in": str(_l("andere partner → deze")),
        }


class MergeForm(FlaskForm):
    target_id = SelectField(
        _l("Samenvoegen met"),
        coerce=int,
        validators=[DataRequired(_l("Kies de partner die blijft bestaan."))],
    )


class MergeConfirmForm(FlaskForm):
    target_id = HiddenField()
    confirm = BooleanField(
        _l("Ik heb gecontroleerd wat er verplaatst wordt"),
        validators=[DataRequired(_l("Vink aan dat je het overzicht hebt gecontroleerd."))],
    )


class ImportUploadForm(FlaskForm):
    file = FileField(
        _l("Bestand (CSV of Excel .xlsx)"),
        validators=[FileRequired(_l("Kies een bestand om te importeren."))],
    )


class ImportConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
