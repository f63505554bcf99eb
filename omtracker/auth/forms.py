"""Login and password forms."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError


class LoginForm(FlaskForm):
    username = StringField(_l("Gebruikersnaam"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Ingelogd blijven"))


def password_problem(value: str) -> LazyString | None:
    """Why a new password is refused, or None: at least 12 characters mixing two kinds of
    characters (lower case, upper case, digits, other signs). Shared by every place that sets
    a password, so the rule is the same in the profile, the admin pages and the command line."""
    if len(value) < 12:
        return _l("Kies een wachtwoord van minstens 12 tekens.")
    kinds = [
        any(c.islower() for c in value),
        any(c.isupper() for c in value),
        any(c.isdigit() for c in value),
        any(not c.isalnum() for c in value),
    ]
    if sum(kinds) < 2:
        return _l(
            "Combineer minstens twee soorten tekens: kleine letters, hoofdletters, cijfers "
            "of leestekens."
        )
    return None


def strong_password(form: FlaskForm, field: PasswordField) -> None:
    """WTForms validator for new passwords (see password_problem)."""
    problem = password_problem(field.data or "")
    if problem is not None:
        raise ValidationError(problem)


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Huidig wachtwoord"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("Nieuw wachtwoord"), validators=[DataRequired(), Length(max=200), strong_password]
    )
    confirm = PasswordField(
        _l("Herhaal nieuw wachtwoord"),
        validators=[DataRequired(), EqualTo("new_password", _l("De wachtwoorden verschillen."))],
    )


class ForgotPasswordForm(FlaskForm):
    email = StringField(
        _l("E-mailadres"),
        validators=[
            DataRequired(),
            Email(message=_l("Vul een geldig e-mailadres in.")),
            Length(max=254),
        ],
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nieuw wachtwoord"), validators=[DataRequired(), Length(max=200), strong_password]
    )
    confirm = PasswordField(
        _l("Herhaal nieuw wachtwoord"),
        validators=[DataRequired(), EqualTo("password", _l("De wachtwoorden verschillen."))],
    )
