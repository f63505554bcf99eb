"""The English catalogue: complete, in step with the source, and safe to format.

Dutch is the source language (the msgids); `omtracker/translations/en` translates them. These
tests catch what a translator or developer easily forgets: a string added in code but not in the
template (`make messages`), a msgid left untranslated, or a translation that drops or renames a
`%(name)s` placeholder (which would raise a KeyError or show the wrong value at run time).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "omtracker" / "translations"
POT = TRANSLATIONS / "messages.pot"
PO_EN = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"

# %(name)s / %(n)d, bare %s / %d, a literal %%, and str.format-style {name}.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|%%|\{[^{}]*\}")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _messages(catalog: Catalog) -> dict[str, Message]:
    return {_key(m): m for m in catalog if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _extract_source(output: Path) -> Catalog:
    """Run the same extraction as `make messages`, into a temporary file."""
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--ignore-dirs",
            ".* __pycache__",  # as the Makefile: pybabel skips "_*" dirs (templates/_macros)
            "-o",
            str(output),
            str(ROOT),
        ]
    )
    return _read(output)


def test_every_msgid_in_the_template_has_an_english_translation():
    english = _messages(_read(PO_EN, locale="en"))
    missing = []
    for key in _messages(_read(POT)):
        translated = english.get(key)
        strings = () if translated is None else translated.string
        if isinstance(strings, str):
            strings = (strings,)
        if not strings or not all(s.strip() for s in strings):
            missing.append(key)
    assert not missing, (
        f"{len(missing)} msgid(s) without an English translation in {PO_EN.name} "
        f"(run `make messages` and translate them):\n" + "\n".join(missing)
    )


def test_english_catalogue_has_no_fuzzy_entries_or_header():
    catalog = _read(PO_EN, locale="en")
    assert not catalog.fuzzy, "remove the #, fuzzy flag from the header of messages.po"
    fuzzy = [_key(m) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, "fuzzy translations are not shown to users:\n" + "\n".join(fuzzy)


def test_template_is_up_to_date_with_the_source(tmp_path):
    extracted = set(_messages(_extract_source(tmp_path / "extracted.pot")))
    in_template = set(_messages(_read(POT)))
    added = sorted(extracted - in_template)
    removed = sorted(in_template - extracted)
    assert not added and not removed, (
        "messages.pot is out of date: run `make messages` and translate the new strings.\n"
        + "".join(f"  new in source: {s}\n" for s in added)
        + "".join(f"  gone from source: {s}\n" for s in removed)
    )


def test_translations_keep_the_placeholders_of_their_msgid():
    wrong = []
    for message in _read(PO_EN, locale="en"):
        if not message.id:
            continue
        if isinstance(message.id, str):
            pairs = [(message.id, message.string, True)]
        else:
            singular, plural = message.id
            # English has two forms: [0] for exactly one, [1] for everything else. The form for
            # one may leave the number out ("Every month" for "Elke %(num)s maand").
            pairs = [(singular, message.string[0], False), (plural, message.string[1], True)]
        for source, translation, exact in pairs:
            if not translation:
                continue  # reported by the completeness test
            want, got = _placeholders(source), _placeholders(translation)
            if want != got and (exact or not set(got) <= set(want)):
                wrong.append(f"{source!r} -> {translation!r}: {want} != {got}")
    assert not wrong, "placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_python_format_translations_can_be_formatted():
    values: defaultdict[str, str] = defaultdict(lambda: "x")
    broken = []
    for message in _read(PO_EN, locale="en"):
        if not message.id or not message.python_format:
            continue
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for translation in strings:
            try:
                translation % values
            except (KeyError, ValueError, TypeError) as exc:
                broken.append(f"{translation!r}: {exc}")
    assert not broken, "translations that fail %-formatting:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [("en", "Log in to omtracker", "Inloggen bij omtracker"), ("nl", "Inloggen", "Log in")],
)
def test_login_page_follows_the_chosen_language(client, lang, expected, absent):
    response = client.post("/taal", data={"lang": lang})
    assert response.status_code == 302
    html = client.get("/login").get_data(as_text=True)
    assert expected in html and absent not in html
    assert f'<html lang="{lang}"' in html
