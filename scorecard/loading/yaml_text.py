"""YAML text -> plain data, limited to JSON's data model (string keys, no dates, no custom
tags, YAML 1.2 booleans), with duplicate keys, alias bombs and excessive depth refused as
located problems."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from typing import Any, ClassVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode

from scorecard.errors import Phrase, Problem, phrase
from scorecard.loading.document import BaseLoader, LoadError, located_problem

# An anchor, `&name`, after a line start, a space, or a flow or block indicator.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]", re.MULTILINE)
# Nodes allowed once aliases are expanded: far above any real assessment, far below a bomb.
MAX_EXPANDED_NODES = 1_000_000

JsonPath = tuple[str | int, ...]

_PLAIN_TAGS = (
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)


_RESOLVED_OTHERWISE = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")


class _RefusedYAML(ConstructorError):
    """Well-formed YAML we refuse to construct (a tag, a list as a key): it has a code of its
    own, so reports can tell policy from syntax."""

    def __init__(self, code: str, message: Phrase, mark: yaml.Mark) -> None:
        super().__init__(None, None, message.key, mark)  # the words are the report's to say
        self.code = code
        self.problem_phrase = message


class _StrictLoader(BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML limited to JSON's data model: string keys, no dates, no custom tags."""

    yaml_constructors: ClassVar[dict[Any, Any]] = {
        tag: SafeConstructor.yaml_constructors[tag] for tag in _PLAIN_TAGS
    }
    # Dates stay strings, exactly as written, so YAML and JSON files mean the same thing.
    # Booleans are YAML 1.2's (true/false) rather than 1.1's, which also read yes/no/on/off:
    # `level: no` is the level "no", and Norway's code NO is not false.
    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class-level registry
        first: [(tag, rx) for tag, rx in resolvers if tag not in _RESOLVED_OTHERWISE]
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark, yaml.Mark]] = []

    def construct_undefined(self, node: Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _RefusedYAML(
            "tag",
            phrase("problem.yaml.tag", tag=tag),
            node.start_mark,
        )

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Hashable, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, "expected a map", node.start_mark)
        merge_keys = sum(1 for k, _ in node.value if k.tag == "tag:yaml.org,2002:merge")
        explicit = len(node.value) - merge_keys
        self.flatten_mapping(node)
        merged = len(node.value) - explicit  # keys from `<<` merges may be overridden
        mapping: dict[Hashable, Any] = {}
        first_mark: dict[str, yaml.Mark] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, ScalarNode):
                raise _RefusedYAML(
                    "complex-key",
                    phrase("problem.yaml.complex_key"),
                    key_node.start_mark,
                )
            # Keys keep the text as written: `5.10:` is the id "5.10", not the number 5.1.
            key = key_node.value
            if index >= merged:
                if key in first_mark:
                    self.duplicates.append((key, key_node.start_mark, first_mark[key]))
                first_mark.setdefault(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


# Integers longer than this are refused where they are written: no field needs more, and
# Python will not even print an integer of 4,300 digits.
MAX_INTEGER_DIGITS = 30


def too_long(text: str) -> bool:
    """Whether a number's text has more digits than any field can need."""
    return sum(c.isdigit() for c in text) > MAX_INTEGER_DIGITS


def _construct_int(loader: _StrictLoader, node: ScalarNode) -> int:
    if too_long(str(node.value)):
        raise _RefusedYAML(
            "number",
            phrase("problem.number.too_long", limit=MAX_INTEGER_DIGITS),
            node.start_mark,
        )
    return int(SafeConstructor.construct_yaml_int(loader, node))


def _construct_float(loader: _StrictLoader, node: ScalarNode) -> float:
    value = float(SafeConstructor.construct_yaml_float(loader, node))
    if not math.isfinite(value):  # .inf, .nan, and 1.0e+999, which overflows to inf
        raise _RefusedYAML(
            "number",
            phrase("problem.number.not_finite", text=str(node.value)[:40]),
            node.start_mark,
        )
    return value


_StrictLoader.add_constructor(None, _StrictLoader.construct_undefined)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_yaml(text: str, display: str) -> Any:
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_yaml_problem(exc, text, display)]) from None
    except yaml.YAMLError as exc:
        problem = located_problem(
            display, 1, 1, phrase("problem.yaml.invalid", detail=str(exc)), "yaml"
        )
        raise LoadError([problem]) from None
    except RecursionError:
        raise LoadError(
            [
                located_problem(
                    display, 1, 1, phrase("problem.yaml.too_deep"), "too-deep", FLATTEN_HINT
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise LoadError(
            [
                located_problem(
                    display,
                    mark.line + 1,
                    mark.column + 1,
                    phrase("problem.yaml.duplicate_key", key=key, line=first.line + 1),
                    "duplicate-key",
                    phrase("problem.duplicate_key.hint"),
                )
                for key, mark, first in loader.duplicates
            ]
        )
    if _ANCHOR.search(text):  # only files with anchors (and so aliases) can expand
        _check_expansion(data, text, display)
    return data


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """A plain, located message for a YAML syntax or construction error."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    if "maximum nesting depth" in problem:
        return located_problem(
            display, line, column, phrase("problem.yaml.too_deep"), "too-deep", FLATTEN_HINT
        )
    # The parser's own words stay as it wrote them (English); ours are phrases.
    detail: Phrase | str = problem
    context = (exc.context or "").strip()
    if isinstance(exc, _RefusedYAML):
        detail = exc.problem_phrase
    elif context and not isinstance(exc, ConstructorError):
        detail = f"{context}: {problem}"
    message = phrase("problem.yaml.invalid", detail=detail)
    start = exc.context_mark
    if start is not None and mark is not None and start.line != mark.line:
        # libyaml notices an unclosed bracket or quote only lines later: say where it began.
        message = phrase("problem.yaml.invalid_began", detail=detail, line=start.line + 1)
    hint = None
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        hint = phrase("problem.yaml.tabs.hint")
    elif mark is not None:
        hint = indentation_hint(text, mark.line)
    code = exc.code if isinstance(exc, _RefusedYAML) else "yaml"
    return located_problem(display, line, column, message, code, hint)


FLATTEN_HINT = phrase("problem.too_deep.hint")
_KEY = re.compile(r"^( *)(?:- +)?([^\s#:][^#:]*?):(?: +(.*))?$")


def indentation_hint(text: str, line: int) -> Phrase | None:
    """Why the key on `line` (0-based) breaks the YAML, when its indentation is the cause: it
    is deeper than a key above it that has a value already, or it does not line up with the
    keys of its own map (fields two spaces deeper than their owner)."""
    lines = text.split("\n")
    here = _KEY.match(lines[line]) if 0 <= line < len(lines) else None
    if here is None:
        return None
    above = [
        (index, match)
        for index in range(line - 1, -1, -1)
        if (match := _KEY.match(lines[index])) is not None
    ]
    if not above:
        return None
    index, previous = above[0]
    depth, previous_depth = here.start(2), previous.start(2)
    if depth > previous_depth and previous[3]:
        return phrase(
            "problem.yaml.indent_deeper.hint",
            key=here[2],
            previous=previous[2],
            line=index + 1,
            spaces=previous_depth,
        )
    owner = next((m for _, m in above if m.start(2) < min(depth, previous_depth)), None)
    if depth >= previous_depth or owner is None:
        return None
    fields = owner.start(2) + 2
    if depth == fields:  # this key is where fields go: the one above is off
        return phrase(
            "problem.yaml.indent_misaligned.hint",
            key=here[2],
            previous=previous[2],
            line=index + 1,
            owner=owner[2],
            spaces=fields,
        )
    return phrase(
        "problem.yaml.indent_between.hint",
        key=here[2],
        owner=owner[2],
        spaces=depth,
        beside=owner.start(2),
        under=fields,
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first alias (`*name`) is used, to point at a suspected alias bomb."""
    try:
        for token in yaml.scan(text, Loader=BaseLoader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:  # pragma: no cover - the text was parsed once already
        pass
    return 1, 1


def _check_expansion(data: Any, text: str, display: str) -> None:
    """Refuse data whose aliases expand into more values than any real file holds: code that
    walks it (schema checks, JSON output) would otherwise run out of time or memory."""
    budget = MAX_EXPANDED_NODES
    stack = [data]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise LoadError(
                [
                    located_problem(
                        display,
                        *_first_alias(text),
                        phrase("problem.yaml.alias_bomb", limit=MAX_EXPANDED_NODES),
                        "alias-bomb",
                        phrase("problem.yaml.alias_bomb.hint"),
                    )
                ]
            )
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
