"""The reminder choice on the profile page, and the unsubscribe button."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import AnyOf

from omtracker.models import REMINDER_CHOICES


class ReminderChoiceForm(FlaskForm):
    # The radio buttons are drawn by templates/auth/profile.html; the value is checked here.
    frequency = StringField(
        _l("Herinneringen per e-mail"),
        validators=[
            AnyOf(REMINDER_CHOICES, message=_l("Kies wanneer je een herinnering wilt krijgen."))
        ],
    )


class UnsubscribeForm(FlaskForm):
    """Only the CSRF token: the signed link says who."""
