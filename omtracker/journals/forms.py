"""The journal form (one level field and note per progress marker) and the promote form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import (
    BooleanField,
    MultipleFileField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from omtracker import labels
from omtracker.editing import VersionedForm
from omtracker.journals.attachments import Upload, UploadRefused, check_upload
from omtracker.models import Level, ProgressMarker, Tier
from omtracker.textlimit import MaxLength

TEXT_MAX = 10_000
NOT_RATED = ""


class LevelField(RadioField):
    """none / low / medium / high, or nothing: an unrated marker keeps its earlier level."""

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, NOT_RATED):
            self.data = NOT_RATED
            return
        if self.data not in {str(level.value) for level in Level}:
            raise ValidationError(_l("Kies geen, laag, gemiddeld of hoog."))

    @property
    def level(self) -> int | None:
        return None if self.data in (None, NOT_RATED) else int(self.data)


class JournalForm(VersionedForm):
    """The fields every entry has; `journal_form_class` adds the fields per marker."""

    change_description = TextAreaField(
        _l("Beschrijving van de verandering"), validators=[MaxLength(TEXT_MAX)]
    )
    contributors = SelectMultipleField(_l("Bijdragende partners"), coerce=int)
    contributing_factors = TextAreaField(
        _l("Overige factoren en actoren"), validators=[MaxLength(TEXT_MAX)]
    )
    evidence = TextAreaField(_l("Bronnen van bewijs"), validators=[MaxLength(TEXT_MAX)])
    files = MultipleFileField(_l("Bijlagen toevoegen"))
    unanticipated_change = TextAreaField(
        _l("Onverwachte verandering"), validators=[MaxLength(TEXT_MAX)]
    )
    lessons = TextAreaField(
        _l("Lessen en benodigde aanpassingen"), validators=[MaxLength(TEXT_MAX)]
    )
    highlight = BooleanField(_l("Hoogtepunt van deze maand"))
    no_change_seen = BooleanField(_l("Geen verandering gezien"))

    marker_ids: list[int] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uploads: list[Upload] = []

    def level_field(self, marker_id: int) -> LevelField:
        return self[f"level_{marker_id}"]

    def note_field(self, marker_id: int) -> StringField:
        return self[f"note_{marker_id}"]

    def ratings(self) -> dict[int, tuple[int, str]]:
        """Marker id → (level, note) for every marker the user rated."""
        out = {}
        for marker_id in self.marker_ids:
            level = self.level_field(marker_id).level
            if level is not None:
                out[marker_id] = (level, (self.note_field(marker_id).data or "").strip())
        return out

    def validate_files(self, field: MultipleFileField) -> None:
        max_bytes = int(current_app.config["ATTACHMENT_MAX_BYTES"])
        errors = []
        for item in field.data or []:
            if not isinstance(item, FileStorage) or not item.filename:
                continue
            content = item.stream.read(max_bytes + 1)
            try:
                self.uploads.append(check_upload(item.filename, content, max_bytes))
            except UploadRefused as refused:
                errors.append(str(refused))
        if errors:
            self.uploads = []
            errors.append(str(_l("Kies de bestanden opnieuw; er is nog niets opgeslagen.")))
            raise ValidationError(" ".join(errors))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.has_content():
            self.change_description.errors.append(
                _l("Beoordeel minstens één markering of beschrijf wat er veranderde.")
            )
            return False
        return valid

    def has_content(self) -> bool:
        texts = (
            self.change_description,
            self.contributing_factors,
            self.evidence,
            self.unanticipated_change,
            self.lessons,
        )
        return bool(
            self.ratings()
            or self.no_change_seen.data
            or any((f.data or "").strip() for f in texts)
            or self.contributors.data
            or self.uploads
        )


def level_choices() -> dict[str, str]:
    choices = {NOT_RATED: str(_l("Niet beoordeeld"))}
    choices.update({str(level.value): str(labels.LEVEL[level]) for level in Level})
    return choices


def journal_form_class(markers: Iterable[ProgressMarker]) -> type[JournalForm]:
    """A JournalForm subclass with a level and a note field for each of these markers."""
    attrs: dict[str, Any] = {"marker_ids": []}
    choices = level_choices()
    for marker in markers:
        attrs["marker_ids"].append(marker.id)
        attrs[f"level_{marker.id}"] = LevelField(
            _l("Niveau"), choices=choices, default=NOT_RATED, validate_choice=False
        )
        attrs[f"note_{marker.id}"] = StringField(_l("Toelichting"), validators=[Length(max=1000)])
    return type("MarkerJournalForm", (JournalForm,), attrs)


class PromoteForm(FlaskForm):
    """Turn an unanticipated change into a new progress marker of the engagement."""

    tier = SelectField(_l("Trede"), validators=[DataRequired()])
    text = TextAreaField(
        _l("Tekst van de nieuwe markering"),
        validators=[
            DataRequired(_l("Beschrijf het gedrag dat de nieuwe markering volgt.")),
            Length(max=2000),
        ],
    )

    level = SelectField(
        _l("Niveau dat je zag"),
        validators=[DataRequired(_l("Kies het niveau dat je in dit logboek zag."))],
    )

    def fill_choices(self) -> None:
        self.tier.choices = {tier.value: str(labels.TIER[tier]) for tier in Tier}
        # The new marker is rated in this entry at this level (DESIGN.md §3a).
        self.level.choices = {"": str(_l("Kies…"))} | {
            str(int(level)): str(labels.LEVEL[level]) for level in Level
        }
