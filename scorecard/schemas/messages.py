"""Turn jsonschema errors into plain-language, located Problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from scorecard.errors import Phrase, Problem, phrase
from scorecard.loading import Document

if TYPE_CHECKING:  # jsonschema is imported only when a file breaks the schema
    from jsonschema import ValidationError

_TYPE_WORDS = {
    "string": phrase("problem.type.string"),
    "object": phrase("problem.type.object"),
    "array": phrase("problem.type.array"),
    "number": phrase("problem.type.number"),
    "integer": phrase("problem.type.integer"),
    "boolean": phrase("problem.type.boolean"),
    "null": phrase("problem.type.null"),
}

_PATTERN_WORDS: dict[str, tuple[Phrase, Phrase | None]] = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": (phrase("problem.schema.pattern.date"), None),
    "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$": (
        phrase("problem.schema.pattern.version"),
        phrase("problem.schema.quotes.hint"),
    ),
    "^[A-Z]{2}(-[A-Z0-9]{1,3})?(_[A-Z0-9]{1,12})?$": (
        phrase("problem.schema.pattern.jurisdiction"),
        phrase("problem.schema.pattern.jurisdiction.hint"),
    ),
    "^[a-z0-9][a-z0-9_-]*@[0-9]+\\.[0-9]+(\\.[0-9]+)?$": (
        phrase("problem.schema.pattern.rubric_ref"),
        None,
    ),
    "^[a-z0-9][a-z0-9_-]*$": (phrase("problem.schema.pattern.id"), None),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": (phrase("problem.schema.pattern.name"), None),
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$": (phrase("problem.schema.pattern.language"), None),
    "^[0-9]+/[1-9][0-9]*$": (phrase("problem.schema.pattern.fraction"), None),
}

_BOUNDS = {
    "minimum": "problem.schema.minimum",
    "maximum": "problem.schema.maximum",
    "exclusiveMinimum": "problem.schema.exclusive_minimum",
    "exclusiveMaximum": "problem.schema.exclusive_maximum",
}

_ANSWER_KINDS = ("level", "not_found", "na", "insufficient")


class _Message(NamedTuple):
    """One plain-language finding, and the data path (and whether its key) to point at."""

    text: Phrase
    hint: Phrase | None
    path: tuple[str | int, ...]
    at_key: bool = False


def found_type(value: Any) -> Phrase | str:
    """What kind of value was found, in words: "a number", "a list"."""
    if value is None:
        return phrase("problem.found.null")
    if isinstance(value, bool):
        return phrase("problem.found.boolean")
    if isinstance(value, int | float):
        return phrase("problem.found.number")
    if isinstance(value, str):
        return phrase("problem.found.text")
    if isinstance(value, list):
        return phrase("problem.found.list")
    if isinstance(value, dict):
        return phrase("problem.found.map")
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


def _where(path: Sequence[str | int]) -> Phrase | str:
    """The path as a reader would point at it, or "the document" for its root."""
    return pretty_path(path) if path else phrase("problem.schema.the_document")


def _quoted(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _path(error: ValidationError) -> tuple[str | int, ...]:
    return tuple(error.absolute_path)


def _translate(error: ValidationError, document: Document) -> list[_Message]:
    """The message(s) for one leaf error, by the keyword that failed."""
    path = _path(error)
    where = _where(path)
    keyword = error.validator
    value: Any = error.validator_value
    instance = error.instance
    schema: Any = error.schema
    hint: Phrase | None

    if "propertyNames" in error.relative_schema_path:
        # The error is about a key of the map at `path`; the instance is the key itself.
        words, _ = _PATTERN_WORDS.get(str(value), (phrase("problem.schema.allowed_name"), None))
        return [
            _Message(
                phrase(
                    "problem.schema.key_pattern", where=where, key=_quoted(instance), words=words
                ),
                None,
                (*path, str(instance)),
                True,
            )
        ]
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        names = ", ".join(repr(m) for m in missing)
        key = (
            "problem.schema.missing_field" if len(missing) == 1 else "problem.schema.missing_fields"
        )
        return [_Message(phrase(key, where=where, names=names), None, path, True)]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {})) if isinstance(schema, dict) else []
        messages = []
        for name in (k for k in instance if k not in known):
            close = difflib.get_close_matches(name, known, n=1)
            hint = (
                phrase("problem.did_you_mean_quoted", name=close[0])
                if close
                else phrase("problem.schema.allowed_fields.hint", fields=", ".join(known))
            )
            messages.append(
                _Message(
                    phrase("problem.schema.unknown_field", name=name, where=where),
                    hint,
                    (*path, name),
                    True,
                )
            )
        return messages
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        if instance is None and "null" not in types:
            return [_empty_value_message(where, path)]
        return [_type_message(where, types, instance, path, document)]
    if keyword == "enum":
        options = ", ".join(str(v) for v in value)
        close = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1)
        hint = None if not close else phrase("problem.did_you_mean_quoted", name=close[0])
        found = _quoted(instance)
        text = phrase("problem.schema.enum", where=where, options=options, found=found)
        return [_Message(text, hint, path)]
    if keyword == "const":
        return [_Message(phrase("problem.schema.const", where=where, value=value), None, path)]
    if keyword == "pattern":
        other = phrase("problem.schema.pattern.other", pattern=value)
        words, hint = _PATTERN_WORDS.get(str(value), (other, None))
        text = phrase("problem.schema.pattern", where=where, words=words, found=_quoted(instance))
        return [_Message(text, hint, path)]
    if keyword in _BOUNDS:
        text = phrase(_BOUNDS[str(keyword)], where=where, value=value, found=instance)
        return [_Message(text, None, path)]
    if keyword == "minItems":
        return [_Message(phrase("problem.schema.min_items", where=where, count=value), None, path)]
    if keyword in ("minLength", "minProperties"):
        return [_Message(phrase("problem.schema.empty", where=where), None, path)]
    if keyword == "maxLength":
        return [_Message(phrase("problem.schema.max_length", where=where, value=value), None, path)]
    if keyword == "uniqueItems":
        return [_Message(phrase("problem.schema.unique_items", where=where), None, path)]
    return [_Message(phrase("problem.schema.other", where=where, detail=error.message), None, path)]


def _type_message(
    where: Phrase | str,
    types: list[str],
    instance: Any,
    path: tuple[str | int, ...],
    document: Document,
) -> _Message:
    words: Phrase | str | None = None
    for name in types:  # "text or a number", one phrase per "or"
        word = _TYPE_WORDS.get(name, name)
        words = word if words is None else phrase("problem.schema.or", first=words, second=word)
    hint = None
    if "string" in types and isinstance(instance, int | float):
        # Quote what was written: YAML reads `version: 1.10` as the number 1.1, and
        # `level: no` as false.
        written = document.scalar_text(path) or str(instance)
        hint = phrase("problem.schema.quote_written.hint", written=written)
    text = phrase("problem.schema.type", where=where, words=words or "", found=found_type(instance))
    return _Message(text, hint, path)


def _empty_value_message(where: Phrase | str, path: tuple[str | int, ...]) -> _Message:
    """A key written with nothing after its colon (`level:` in an uncommented stub): empty,
    not a value of the wrong type."""
    hint = phrase("problem.schema.empty_value.hint")
    return _Message(phrase("problem.schema.empty_value", where=where), hint, path)


def _answer_kinds_message(error: ValidationError, document: Document) -> list[_Message]:
    path = _path(error)
    instance = error.instance if isinstance(error.instance, dict) else {}
    kinds = [k for k in _ANSWER_KINDS if k in instance]
    where = _where(path)
    hint = phrase("problem.answer.kinds.hint")
    if not kinds:
        return [_Message(phrase("problem.answer.none", where=where), hint, path, True)]
    if len(kinds) > 1:
        text = phrase("problem.answer.many", where=where, kinds=", ".join(kinds))
        return [_Message(text, hint, path, True)]
    if error.context:
        return _translate(_best_match(error.context), document)
    return [_Message(phrase("problem.answer.invalid", where=where), hint, path, True)]


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
        meant = _best_match(_branch_errors(error, branch)) if branch is not None else None
        if meant is not None:
            return _translate(meant, document)
        text = phrase(
            "problem.schema.text_or_map",
            where=_where(_path(error)),
            found=found_type(error.instance),
        )
        return [_Message(text, None, _path(error))]
    if _is_share_schema(schema):
        # One message for both branches, so fixing one never earns the other's complaint.
        text = phrase(
            "problem.schema.share", where=_where(_path(error)), found=_quoted(error.instance)
        )
        return [_Message(text, None, _path(error))]
    if error.context:
        return _translate(_best_match(error.context), document)
    return _translate(error, document)


def _is_share_schema(schema: Any) -> bool:
    """A share such as min_coverage: a number, or text that is a fraction "a/b"."""
    types = [o.get("type") for o in schema.get("oneOf", []) if isinstance(o, dict)]
    return types == ["number", "string"] and "/" in str(schema["oneOf"][1].get("pattern", ""))


def schema_problems(document: Document, errors: Iterable[ValidationError]) -> list[Problem]:
    """One located Problem per schema finding, duplicates removed."""
    seen: set[tuple[int, int, str]] = set()  # a phrase's repr: values may be lists
    problems: list[Problem] = []
    for error in errors:
        for message in _explain(error, document):
            line, column = document.locate(message.path, key=message.at_key)
            if (line, column, repr(message.text)) in seen:
                continue
            seen.add((line, column, repr(message.text)))
            problems.append(
                Problem(
                    document.display, line, column, "error", message.text, message.hint, "schema"
                )
            )
    return problems


def _best_match(errors: Iterable[ValidationError]) -> Any:
    """jsonschema's best_match (the module is imported only when a file breaks the schema)."""
    from jsonschema.exceptions import best_match

    return best_match(errors)
