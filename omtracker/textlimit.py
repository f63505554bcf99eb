"""One message for a text that is too long, in every form: how long it is, and that nothing was cut.

The browser no longer cuts pasted text at `maxlength` (templates/_macros/forms.html shows a
counter instead), so the server says clearly what to shorten and keeps what the user typed.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length


class MaxLength(Length):
    """Length(max=...) with a clear Dutch message in "tekens"."""

    def __init__(self, max: int) -> None:  # noqa: A002 - WTForms' own name
        super().__init__(
            max=max,
            message=_l(
                "Hoogstens %(max)s tekens; deze tekst heeft er %(length)s. Er is niets ingekort "
                "of opgeslagen: maak de tekst korter."
            ),
        )
