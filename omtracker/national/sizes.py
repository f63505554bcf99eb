"""Size classes of municipalities by inhabitants, for comparing like with like (issue 17)."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class SizeClass(enum.StrEnum):
    small = "small"  # fewer than 20,000 inhabitants
    medium = "medium"  # 20,000 to 50,000
    large = "large"  # 50,000 to 100,000
    city = "city"  # more than 100,000


SIZE_CLASS_ORDER = tuple(SizeClass)

SIZE_CLASS_LABEL = {
    SizeClass.small: _l("minder dan 20.000 inwoners"),
    SizeClass.medium: _l("20.000 tot 50.000 inwoners"),
    SizeClass.large: _l("50.000 tot 100.000 inwoners"),
    SizeClass.city: _l("meer dan 100.000 inwoners"),
}


def size_class(inhabitants: int | None) -> SizeClass | None:
    """The class of a municipality; None while its number of inhabitants is not filled in.

    Bounds belong to the class above: 20,000 is 20-50,000, 50,000 is 50-100,000 and 100,000
    is the last of 50-100,000 ("more than 100,000" starts above it).
    """
    if inhabitants is None:
        return None
    if inhabitants < 20_000:
        return SizeClass.small
    if inhabitants < 50_000:
        return SizeClass.medium
    if inhabitants <= 100_000:
        return SizeClass.large
    return SizeClass.city
