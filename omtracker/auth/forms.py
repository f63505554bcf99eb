"""Login and password forms."""

from collections.abc import Iterable

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError


class LoginForm(FlaskForm):
    username = StringField(_l("Gebruikersnaam"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Ingelogd blijven"))


# Words anyone guessing at omtracker's users tries first (NIST SP 800-63B: context-specific words).
CONTEXT_WORDS = ("omtracker", "sportakkoord", "assen", "sportstad", "sport", "outcome", "mapping")
# zxcvbn's estimate of the guesses an attacker needs; below 10^8 (its score 3) is refused.
MIN_GUESSES_SCORE = 3


def too_guessable(value: str, context: Iterable[str] = ()) -> bool:
    """Is this password on zxcvbn's lists of common passwords, names and words, or made of a
    repetition ("aaaaaaaaaaa1"), a sequence ("abcdefghijk1") or a keyboard row ("qwertyuiop12"),
    with or without the programme's own words? zxcvbn (Dropbox's estimator, kept up on PyPI)
    ships those lists and patterns, so omtracker does not keep a list of its own."""
    from zxcvbn import zxcvbn  # loads its word lists on first use (~0.2 s), not at start-up

    words = [*CONTEXT_WORDS, *(w[:72] for w in context if w)]
    # zxcvbn looks at 72 characters at most (its own limit, which keeps it fast).
    return zxcvbn(value[:72], user_inputs=words)["score"] < MIN_GUESSES_SCORE


def password_problem(value: str, context: Iterable[str] = ()) -> LazyString | None:
    """Why a new password is refused, or None: at least 12 characters mixing two kinds of
    characters (lower case, upper case, digits, other signs), and not easy to guess (NIST SP
    800-63B: no common, repetitive or sequential passwords; `context`: the account's own words
    such as its username). Shared by every place that sets a password, so the rule is the same
    in the profile, the admin pages and the command line."""
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
    if too_guessable(value, context):
        return _l(
            "Dit wachtwoord is te makkelijk te raden: het is veelgebruikt, of bestaat uit een "
            "herhaling (aaaa), een reeks (1234, abcd) of een toetsenbordrij (qwerty). Kies "
            "bijvoorbeeld een zin van een paar woorden die je onthoudt."
        )
    return None


def strong_password(form: FlaskForm, field: PasswordField) -> None:
    """WTForms validator for new passwords (see password_problem); a new account's username and
    name count as the account's own words."""
    context = [
        getattr(form, name).data or "" for name in ("username", "display_name") if name in form
    ]
    problem = password_problem(field.data or "", context)
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
