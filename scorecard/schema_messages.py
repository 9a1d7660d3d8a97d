"""Turn jsonschema errors into plain-language, located Problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from scorecard.errors import Problem
from scorecard.loading import Document

_TYPE_WORDS = {
    "string": "text",
    "object": "a map of fields",
    "array": "a list",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty (null)",
}

_PATTERN_WORDS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("a date written YYYY-MM-DD", None),
    "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$": ('a version such as "1.0" or "1.2.0"', "write it in quotes"),
    "^[A-Z]{2}(-[A-Z0-9]{1,3})?$": (
        "an ISO 3166 code in capitals, such as SV or MX-CHH",
        "fictional jurisdictions use XA-XZ or QM-QZ",
    ),
    "^[a-z0-9][a-z0-9_-]*@[0-9]+\\.[0-9]+(\\.[0-9]+)?$": (
        "a rubric reference written id@version, such as security-transparency@1.0",
        None,
    ),
    "^[a-z0-9][a-z0-9_-]*$": ("an identifier of lower-case letters, digits, '_' or '-'", None),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": ("an identifier of letters, digits, '.', '_' or '-'", None),
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$": ("a language code such as en or es", None),
    "^[0-9]+/[1-9][0-9]*$": ('a fraction such as "2/3"', None),
}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


def pretty_path(path: Sequence[str | int]) -> str:
    """answers["strategy.published"].evidence[0].url, as a reader would point at it."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step.replace("_", "").replace("-", "").isalnum():
            out += f".{step}" if out else step
        else:
            out += f"[{step!r}]"
    return out or "the document"


def _quoted(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _translate(error: ValidationError) -> tuple[str, str | None, tuple[str | int, ...], bool]:
    """(message, hint, path to locate, whether to point at the key)."""
    path = tuple(error.absolute_path)
    where = pretty_path(path)
    keyword = error.validator
    value = error.validator_value
    instance = error.instance

    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        names = ", ".join(repr(m) for m in missing)
        return f"{where} is missing the required field {names}", None, path, True
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known]
        name = extra[0] if extra else "?"
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "allowed fields: " + ", ".join(known)
        return f"unknown field {name!r} in {where}", hint, (*path, name), True
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        hint = None
        if (
            "string" in types
            and isinstance(instance, int | float)
            and not isinstance(instance, bool)
        ):
            hint = f'write it in quotes: "{instance}"'
        return f"{where} must be {words}, not {json_type(instance)}", hint, path, False
    if keyword == "enum":
        options = ", ".join(str(v) for v in value)
        close = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1)
        hint = f"did you mean {close[0]!r}?" if close else None
        return f"{where} must be one of: {options} (found {_quoted(instance)})", hint, path, False
    if keyword == "const":
        return f"{where} must be {value!r}", None, path, False
    if keyword == "pattern":
        words, hint = _PATTERN_WORDS.get(value, (f"text matching {value}", None))
        return f"{where} must be {words} (found {_quoted(instance)})", hint, path, False
    if keyword == "propertyNames":
        return f"{where} has an invalid key {_quoted(instance)}", None, path, False
    if keyword == "minimum":
        return f"{where} must be at least {value} (found {instance})", None, path, False
    if keyword == "maximum":
        return f"{where} must be at most {value} (found {instance})", None, path, False
    if keyword == "exclusiveMinimum":
        return f"{where} must be greater than {value} (found {instance})", None, path, False
    if keyword == "minItems":
        return f"{where} must list at least {value} item(s)", None, path, False
    if keyword in ("minLength", "minProperties"):
        return f"{where} must not be empty", None, path, False
    if keyword == "maxLength":
        return f"{where} is too long (at most {value} characters)", None, path, False
    if keyword == "uniqueItems":
        return f"{where} lists the same item more than once", None, path, False
    return f"{where}: {error.message}", None, path, False


def _answer_kinds_message(
    error: ValidationError,
) -> tuple[str, str | None, tuple[str | int, ...], bool]:
    path = tuple(error.absolute_path)
    instance = error.instance if isinstance(error.instance, dict) else {}
    kinds = [k for k in ("level", "not_found", "na", "insufficient") if k in instance]
    where = pretty_path(path)
    hint = "use exactly one of level, not_found, na or insufficient"
    if not kinds:
        return f"{where} gives no answer", hint, path, True
    if len(kinds) > 1:
        return f"{where} gives more than one answer ({', '.join(kinds)})", hint, path, True
    inner = best_match(error.context) if error.context else None
    if inner is not None:
        return _translate(inner)
    return f"{where} is not a valid answer", hint, path, True


def _is_text_schema(schema: Any) -> bool:
    options = schema.get("oneOf", []) if isinstance(schema, dict) else []
    return (
        len(options) == 2
        and options[0].get("type") == "string"
        and options[1].get("type") == "object"
    )


def _explain(error: ValidationError) -> tuple[str, str | None, tuple[str | int, ...], bool]:
    if error.validator == "oneOf":
        props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        if "not_found" in props:
            return _answer_kinds_message(error)
        if _is_text_schema(error.schema) and not isinstance(error.instance, dict):
            where = pretty_path(tuple(error.absolute_path))
            return (
                (
                    f"{where} must be text, or a map from language code to text "
                    f"(not {json_type(error.instance)})"
                ),
                None,
                tuple(error.absolute_path),
                False,
            )
        if error.context:
            return _translate(best_match(error.context))
    return _translate(error)


def schema_problems(document: Document, errors: Iterable[ValidationError]) -> list[Problem]:
    """One located Problem per schema error, duplicates removed."""
    seen: set[tuple[int, int, str]] = set()
    problems: list[Problem] = []
    for error in errors:
        message, hint, path, at_key = _explain(error)
        line, column = document.locate(path, key=at_key)
        if (line, column, message) in seen:
            continue
        seen.add((line, column, message))
        problems.append(Problem(document.display, line, column, "error", message, hint, "schema"))
    return problems
