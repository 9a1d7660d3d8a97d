"""Turn jsonschema errors into plain-language, located Problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

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

_ANSWER_KINDS = ("level", "not_found", "na", "insufficient")


class _Message(NamedTuple):
    """One plain-language finding, and the data path (and whether its key) to point at."""

    text: str
    hint: str | None
    path: tuple[str | int, ...]
    at_key: bool = False


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


def _path(error: ValidationError) -> tuple[str | int, ...]:
    return tuple(error.absolute_path)


def _translate(error: ValidationError, document: Document) -> list[_Message]:
    """The message(s) for one leaf error, by the keyword that failed."""
    path = _path(error)
    where = pretty_path(path)
    keyword = error.validator
    value: Any = error.validator_value
    instance = error.instance
    schema: Any = error.schema
    hint: str | None

    if "propertyNames" in error.relative_schema_path:
        # The error is about a key of the map at `path`; the instance is the key itself.
        words, _ = _PATTERN_WORDS.get(str(value), ("an allowed name", None))
        return [
            _Message(
                f"{where} has the key {_quoted(instance)}, which is not {words}",
                None,
                (*path, str(instance)),
                True,
            )
        ]
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        names = ", ".join(repr(m) for m in missing)
        field_word = "field" if len(missing) == 1 else "fields"
        return [_Message(f"{where} is missing the required {field_word} {names}", None, path, True)]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {})) if isinstance(schema, dict) else []
        messages = []
        for name in (k for k in instance if k not in known):
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "allowed fields: " + ", ".join(known)
            messages.append(
                _Message(f"unknown field {name!r} in {where}", hint, (*path, name), True)
            )
        return messages
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        return [_type_message(where, types, instance, path, document)]
    if keyword == "enum":
        options = ", ".join(str(v) for v in value)
        close = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1)
        hint = None if not close else f"did you mean {close[0]!r}?"
        return [
            _Message(f"{where} must be one of: {options} (found {_quoted(instance)})", hint, path)
        ]
    if keyword == "const":
        return [_Message(f"{where} must be {value!r}", None, path)]
    if keyword == "pattern":
        words, hint = _PATTERN_WORDS.get(str(value), (f"text matching {value}", None))
        return [_Message(f"{where} must be {words} (found {_quoted(instance)})", hint, path)]
    bounds = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "greater than",
        "exclusiveMaximum": "less than",
    }
    if keyword in bounds:
        text = f"{where} must be {bounds[str(keyword)]} {value} (found {instance})"
        return [_Message(text, None, path)]
    if keyword == "minItems":
        return [_Message(f"{where} must list at least {value} item(s)", None, path)]
    if keyword in ("minLength", "minProperties"):
        return [_Message(f"{where} must not be empty", None, path)]
    if keyword == "maxLength":
        return [_Message(f"{where} is too long (at most {value} characters)", None, path)]
    if keyword == "uniqueItems":
        return [_Message(f"{where} lists the same item more than once", None, path)]
    return [_Message(f"{where}: {error.message}", None, path)]


def _type_message(
    where: str,
    types: list[str],
    instance: Any,
    path: tuple[str | int, ...],
    document: Document,
) -> _Message:
    words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
    hint = None
    if "string" in types and isinstance(instance, int | float):
        # Quote what was written: YAML reads `version: 1.10` as the number 1.1, and
        # `level: no` as false.
        written = document.scalar_text(path) or str(instance)
        hint = f'write it in quotes: "{written}"'
    return _Message(f"{where} must be {words}, not {json_type(instance)}", hint, path)


def _answer_kinds_message(error: ValidationError, document: Document) -> list[_Message]:
    path = _path(error)
    instance = error.instance if isinstance(error.instance, dict) else {}
    kinds = [k for k in _ANSWER_KINDS if k in instance]
    where = pretty_path(path)
    hint = "use exactly one of level, not_found, na or insufficient"
    if not kinds:
        return [_Message(f"{where} gives no answer", hint, path, True)]
    if len(kinds) > 1:
        return [
            _Message(f"{where} gives more than one answer ({', '.join(kinds)})", hint, path, True)
        ]
    if error.context:
        return _translate(best_match(error.context), document)
    return [_Message(f"{where} is not a valid answer", hint, path, True)]


def _is_text_schema(schema: Any) -> bool:
    options = schema.get("oneOf", []) if isinstance(schema, dict) else []
    return (
        len(options) == 2
        and options[0].get("type") == "string"
        and options[1].get("type") == "object"
    )


def _branch_errors(error: ValidationError, branch: int) -> list[ValidationError]:
    """The errors of one alternative of a oneOf (its index opens their schema path)."""
    return [e for e in error.context or () if list(e.relative_schema_path)[:1] == [branch]]


def _explain(error: ValidationError, document: Document) -> list[_Message]:
    if error.validator != "oneOf":
        return _translate(error, document)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "not_found" in schema.get("properties", {}):
        return _answer_kinds_message(error, document)
    if _is_text_schema(schema):
        # Explain the branch the writer meant: a string, or a map of language -> string.
        instance: Any = error.instance
        branch = 0 if isinstance(instance, str) else 1 if isinstance(instance, dict) else None
        meant = best_match(_branch_errors(error, branch)) if branch is not None else None
        if meant is not None:
            return _translate(meant, document)
        where = pretty_path(_path(error))
        return [
            _Message(
                f"{where} must be text, or a map from language code to text "
                f"(not {json_type(error.instance)})",
                None,
                _path(error),
            )
        ]
    if error.context:
        return _translate(best_match(error.context), document)
    return _translate(error, document)


def schema_problems(document: Document, errors: Iterable[ValidationError]) -> list[Problem]:
    """One located Problem per schema finding, duplicates removed."""
    seen: set[tuple[int, int, str]] = set()
    problems: list[Problem] = []
    for error in errors:
        for message in _explain(error, document):
            line, column = document.locate(message.path, key=message.at_key)
            if (line, column, message.text) in seen:
                continue
            seen.add((line, column, message.text))
            problems.append(
                Problem(
                    document.display, line, column, "error", message.text, message.hint, "schema"
                )
            )
    return problems
