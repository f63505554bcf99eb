"""Query parameters checked against the declarations in `spec`: bad input is a 400, never a 500.

Unknown parameters are refused too, so a misspelt filter (`?engagment_id=`) cannot silently
answer unfiltered data.
"""

from __future__ import annotations

import re
from typing import Any

from flask import abort
from werkzeug.datastructures import MultiDict

from omtracker.api.spec import EDITION_PATTERN, Operation, Param

_INTEGER = re.compile(r"-?[0-9]{1,18}")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def _bad(param: str, detail: str) -> None:
    abort(400, description=f"Parameter '{param}': {detail}")


def _coerce(param: Param, raw: str) -> Any:
    schema = param.schema
    kind = schema["type"]
    if kind == "integer":
        if not _INTEGER.fullmatch(raw):
            _bad(param.name, "expected a whole number.")
        value = int(raw)
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            _bad(
                param.name,
                f"must be between {schema.get('minimum')} and {schema.get('maximum')}.",
            )
        return value
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        _bad(param.name, "expected true or false.")
    if "enum" in schema and raw not in schema["enum"]:
        _bad(param.name, f"expected one of {', '.join(schema['enum'])}.")
    if "pattern" in schema and not re.fullmatch(schema["pattern"], raw):
        if schema["pattern"] == EDITION_PATTERN:
            _bad(param.name, "expected an edition as YYYY-05 or YYYY-11.")
        _bad(param.name, "expected a month as YYYY-MM (years 1900–2099, months 01–12).")
    if len(raw) < schema.get("minLength", 0) or len(raw) > schema.get("maxLength", len(raw)):
        _bad(
            param.name, f"expected {schema.get('minLength')}–{schema.get('maxLength')} characters."
        )
    return raw


def parse_query(operation: Operation, args: MultiDict[str, str]) -> dict[str, Any]:
    """Validated values for every declared parameter (defaults filled in, absent ones None)."""
    declared = {p.name: p for p in operation.params}
    unknown = sorted(set(args) - set(declared))
    if unknown:
        abort(400, description=f"Unknown parameter(s): {', '.join(unknown)}.")
    values: dict[str, Any] = {}
    for name, param in declared.items():
        raw = args.getlist(name)
        if len(raw) > 1:
            _bad(name, "given more than once.")
        if not raw:
            if param.required:
                _bad(name, "is required.")
            values[name] = param.schema.get("default")
            continue
        values[name] = _coerce(param, raw[0])
    return values
