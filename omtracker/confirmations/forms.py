"""The contact person's answer, and the writer's "klopt dit?" button."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, ValidationError
from wtforms.validators import AnyOf, Length

from omtracker.models import CONFIRMATION_ANSWERS

COMMENT_MAX = 2000


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class AnswerForm(FlaskForm):
    # Radio buttons drawn by templates/confirmations/answer.html; the value is checked here.
    answer = StringField(
        _l("Klopt dit?"),
        validators=[AnyOf(CONFIRMATION_ANSWERS, message=_l("Kies of dit klopt."))],
    )
    comment = TextAreaField(
        _l("Correctie of opmerking"),
        filters=[_stripped],
        validators=[
            Length(
                max=COMMENT_MAX,
                message=_l("Houd je reactie korter dan %(max)s tekens.", max=COMMENT_MAX),
            )
        ],
    )

    def validate_comment(self, field: Any) -> None:
        if self.answer.data in ("corrected", "commented") and not field.data:
            raise ValidationError(_l("Schrijf wat er anders is of wat je wilt opmerken."))


class RequestForm(FlaskForm):
    """Only the CSRF token: the entry is in the address."""
