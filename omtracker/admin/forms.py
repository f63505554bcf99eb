"""Forms for accounts, memberships, programme settings, networks and personal data."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from omtracker.auth.forms import strong_password
from omtracker.editing import VersionedForm
from omtracker.textlimit import MaxLength

USERNAME = Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Alleen letters, cijfers, punt, - en _."))


class UserForm(VersionedForm):
    display_name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120)])
    email = StringField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    role = SelectField(_l("Rol"))
    is_active_account = BooleanField(_l("Account actief"))


class NewUserForm(FlaskForm):
    username = StringField(
        _l("Gebruikersnaam"), validators=[DataRequired(), Length(max=80), USERNAME]
    )
    display_name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120)])
    email = StringField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    role = SelectField(_l("Rol"))
    password = PasswordField(
        _l("Eerste wachtwoord"), validators=[DataRequired(), Length(max=200), strong_password]
    )


class PasswordResetForm(FlaskForm):
    password = PasswordField(
        _l("Nieuw wachtwoord"), validators=[DataRequired(), Length(max=200), strong_password]
    )


class MembershipForm(FlaskForm):
    theme_id = SelectField(_l("Thema"), coerce=int)
    role = SelectField(_l("Rol in de themagroep"))


class ProgrammeForm(VersionedForm):
    name = StringField(
        _l("Naam van het sportakkoord"), validators=[DataRequired(), Length(max=200)]
    )
    operating_name = StringField(_l("Werknaam"), validators=[Optional(), Length(max=200)])
    municipality = StringField(_l("Gemeente"), validators=[Optional(), Length(max=120)])
    inhabitants = IntegerField(
        _l("Aantal inwoners"),
        validators=[
            Optional(),
            NumberRange(min=1, max=20_000_000, message=_l("Een aantal inwoners groter dan 0.")),
        ],
    )
    ambition = TextAreaField(_l("Ambitie"), validators=[Optional(), MaxLength(5000)])
    mission = TextAreaField(_l("Missie"), validators=[Optional(), MaxLength(5000)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)])


class ContactSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(
        _l("Naam, e-mailadres of telefoonnummer"),
        validators=[DataRequired(), Length(min=3, max=200)],
    )


class ThemeForm(VersionedForm):
    FIELDS = ("name", "building_block", "description")

    name = StringField(_l("Naam van het thema"), validators=[DataRequired(), Length(max=200)])
    building_block = SelectField(_l("Bouwsteen"))
    description = TextAreaField(_l("Beschrijving"), validators=[Optional(), Length(max=5000)])


class ThemeMemberForm(FlaskForm):
    user_id = SelectField(_l("Persoon"), coerce=int)
    role = SelectField(_l("Rol in de themagroep"))


class CheckboxesField(SelectMultipleField):
    """A choice of several, shown as a list of checkboxes (none ticked is a valid answer)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: FlaskForm) -> None:
        # Only known choices; nothing ticked is allowed (SelectMultipleField refuses no data).
        known = {value for value, *_rest in self.iter_choices()}
        for value in self.data or []:
            if value not in known:
                raise ValidationError(_l("Kies alleen uit de lijst."))


class NationalThemesForm(FlaskForm):
    national_themes = CheckboxesField(_l("Landelijke thema’s (Sportakkoord II)"))


class NetworkSharingForm(VersionedForm):
    inhabitants = ProgrammeForm.inhabitants
    shares_with_network = BooleanField(_l("Geaggregeerde cijfers delen met het netwerk"))


class NetworkForm(FlaskForm):
    name = StringField(_l("Naam van het netwerk"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Soort"))
    programme_ids = CheckboxesField(_l("Gemeenten van dit netwerk"), coerce=int)


class NetworkProgrammesForm(FlaskForm):
    programme_ids = CheckboxesField(_l("Gemeenten van dit netwerk"), coerce=int)


class NetworkReaderForm(FlaskForm):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(_l("Naam"), validators=[Optional(), Length(max=120)])
    username = StringField(
        _l("Gebruikersnaam (leeg: uit het e-mailadres)"),
        validators=[Optional(), Length(max=80), USERNAME],
    )
    locale = SelectField(_l("Taal van de uitnodiging"))
