"""The publish confirmation and the two-month comparison picker."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, ValidationError

from omtracker.reports.services import reportable_period


class PublishForm(FlaskForm):
    """Publishing cannot be undone, so the coordinator ticks a box that says so."""

    confirm = BooleanField(
        _l("Ik heb het rapport gecontroleerd; na publicatie ligt de inhoud vast."),
        validators=[DataRequired(message=_l("Vink aan dat je het rapport wilt vastleggen."))],
    )


def _month(form: FlaskForm, field: StringField) -> None:
    if not reportable_period((field.data or "").strip()):
        raise ValidationError(_l("Kies een maand als JJJJ-MM, niet in de toekomst."))


class CompareForm(FlaskForm):
    """GET form: two months to set side by side (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    van = StringField(_l("Van maand"), validators=[DataRequired(_l("Kies een maand.")), _month])
    tot = StringField(_l("Tot maand"), validators=[DataRequired(_l("Kies een maand.")), _month])


class OpenMonthForm(FlaskForm):
    """GET form: jump to the live view of any month."""

    class Meta:
        csrf = False

    maand = StringField(_l("Maand"), validators=[DataRequired(_l("Kies een maand.")), _month])
