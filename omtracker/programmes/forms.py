"""Forms for a new programme, the programme switcher, invitations and accepting one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from omtracker.auth.forms import strong_password

USERNAME = Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Alleen letters, cijfers, punt, - en _."))


class NewProgrammeForm(FlaskForm):
    name = StringField(
        _l("Naam van het sportakkoord"), validators=[DataRequired(), Length(max=200)]
    )
    municipality = StringField(_l("Gemeente"), validators=[DataRequired(), Length(max=120)])
    inhabitants = IntegerField(
        _l("Aantal inwoners"),
        validators=[
            Optional(),
            NumberRange(min=1, max=20_000_000, message=_l("Een aantal inwoners groter dan 0.")),
        ],
    )
    ambition = TextAreaField(_l("Ambitie"), validators=[Optional(), Length(max=5000)])
    mission = TextAreaField(_l("Missie"), validators=[Optional(), Length(max=5000)])
    structure = SelectField(_l("Beginstructuur"))
    coordinator_email = StringField(
        _l("E-mailadres van de eerste programmaregisseur"),
        validators=[
            Optional(),
            Email(message=_l("Vul een geldig e-mailadres in.")),
            Length(max=254),
        ],
    )
    coordinator_name = StringField(
        _l("Naam van de programmaregisseur"), validators=[Optional(), Length(max=120)]
    )


class InvitationForm(FlaskForm):
    email = StringField(
        _l("E-mailadres"),
        validators=[
            DataRequired(),
            Email(message=_l("Vul een geldig e-mailadres in.")),
            Length(max=254),
        ],
    )
    display_name = StringField(_l("Naam (mag leeg)"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Rol in het programma"))
    theme_id = SelectField(_l("Themagroep"), coerce=int)
    theme_role = SelectField(_l("Rol in de themagroep"))
    locale = SelectField(_l("Taal van de e-mail"))

    def validate_theme_role(self, field) -> None:  # noqa: ANN001
        from wtforms.validators import ValidationError

        if self.theme_id.data and not field.data:
            raise ValidationError(_l("Kies trekker of lid voor de themagroep."))


class AcceptInvitationForm(FlaskForm):
    display_name = StringField(_l("Je naam"), validators=[DataRequired(), Length(max=120)])
    username = StringField(
        _l("Gebruikersnaam"), validators=[DataRequired(), Length(min=2, max=80), USERNAME]
    )
    password = PasswordField(
        _l("Kies een wachtwoord"), validators=[DataRequired(), Length(max=200), strong_password]
    )
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[DataRequired(), EqualTo("password", _l("De wachtwoorden verschillen."))],
    )
