"""YAML and JSON files -> plain data, with every node locatable for messages.

Valid files pay only for a fast C-loader parse; line and column of a node are recovered
on demand (`Document.locate`) by composing the file again, only when a problem is reported.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.errors import Problem

try:  # the C loader is many times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
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


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML limited to JSON's data model: string keys, no dates, no custom tags."""

    yaml_constructors = {tag: SafeConstructor.yaml_constructors[tag] for tag in _PLAIN_TAGS}
    # Dates stay strings, exactly as written, so YAML and JSON files mean the same thing.
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark, yaml.Mark]] = []

    def construct_undefined(self, node: Node) -> Any:
        raise ConstructorError(
            None,
            None,
            f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed: only plain YAML values "
            "(text, numbers, true/false, null, lists and maps)",
            node.start_mark,
        )

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, "expected a map", node.start_mark)
        merge_keys = sum(1 for k, _ in node.value if k.tag == "tag:yaml.org,2002:merge")
        explicit = len(node.value) - merge_keys
        self.flatten_mapping(node)
        merged = len(node.value) - explicit  # keys from `<<` merges may be overridden
        mapping: dict[str, Any] = {}
        first_mark: dict[str, yaml.Mark] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(
                    None,
                    None,
                    "a map key must be plain text, not a list or map",
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


_StrictLoader.add_constructor(None, _StrictLoader.construct_undefined)


@dataclass
class Document:
    """A loaded file: its data, its text, and a way back from data paths to positions."""

    path: Path
    display: str
    text: str
    data: Any
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)

    def _node(self) -> Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=_BaseLoader)
            except (yaml.YAMLError, RecursionError):
                self._root = None
        return self._root

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `path`, or of its nearest existing parent.

        With `key=True` the position of the map key rather than of its value.
        """
        node = self._node()
        if node is None:
            return 1, 1
        position = node.start_mark
        for step in path:
            child: Node | None = None
            key_node: Node | None = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(step):
                        key_node, child = k, v
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    child = node.value[step]
            if child is None:
                break
            node = child
            position = key_node.start_mark if (key and key_node is not None) else child.start_mark
        return position.line + 1, position.column + 1

    def snippet(self, line: int) -> list[str]:
        """The source line before `line` and `line` itself, for text reports."""
        lines = self.text.splitlines()
        return [lines[i] for i in (line - 2, line - 1) if 0 <= i < len(lines)]


class LoadError(Exception):
    """A file could not be turned into data; carries the located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _problem(
    display: str, line: int, column: int, message: str, code: str, hint: str | None = None
) -> Problem:
    return Problem(display, line, column, "error", message, hint, code)


def load_document(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read a YAML or JSON file into a Document, or raise LoadError with located problems."""
    shown = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                [
                    _problem(
                        shown,
                        1,
                        1,
                        f"the file is {size / 1048576:.1f} MiB, over the "
                        f"{max_bytes / 1048576:.0f} MiB limit",
                        "too-large",
                        "split it, or check that this is the file you meant",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(
            [_problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}", "unreadable")]
        ) from None
    return parse_document(raw, path, shown)


def parse_document(raw: bytes, path: Path, display: str) -> Document:
    """Parse bytes already read from `path` (see load_document)."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError(
            [_problem(display, line, 1, "this is a binary file, not YAML or JSON text", "binary")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            [
                _problem(
                    display,
                    line,
                    column,
                    f"the text is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "encoding",
                    "save the file as UTF-8",
                )
            ]
        ) from None
    if path.suffix.lower() == ".json":
        data = _parse_json(text, display)
    else:
        data = _parse_yaml(text, display)
    return Document(path=path, display=display, text=text, data=data)


def _parse_yaml(text: str, display: str) -> Any:
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (exc.problem or "invalid YAML").strip()
        if exc.context and "constructor" not in type(exc).__name__.lower():
            message = f"{exc.context.strip()}: {message}"
        raise LoadError(
            [_problem(display, line, column, f"invalid YAML: {message}", "yaml")]
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError([_problem(display, 1, 1, f"invalid YAML: {exc}", "yaml")]) from None
    except RecursionError:
        raise LoadError(
            [_problem(display, 1, 1, "the YAML is nested too deeply", "too-deep")]
        ) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise LoadError(
            [
                _problem(
                    display,
                    mark.line + 1,
                    mark.column + 1,
                    f"duplicate key {key!r} (first given on line {first.line + 1}); "
                    "YAML would silently keep only the last one",
                    "duplicate-key",
                    "remove or rename one of them",
                )
                for key, mark, first in loader.duplicates
            ]
        )
    if "*" in text:  # only files with aliases can expand beyond their size
        _check_expansion(data, display)
    return data


def _check_expansion(data: Any, display: str) -> None:
    budget = MAX_EXPANDED_NODES
    stack = [data]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise LoadError(
                [
                    _problem(
                        display,
                        1,
                        1,
                        "YAML aliases expand to more than "
                        f"{MAX_EXPANDED_NODES:,} values (an alias bomb?)",
                        "alias-bomb",
                        "write the repeated content out, or use fewer aliases",
                    )
                ]
            )
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _parse_json(text: str, display: str) -> Any:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise LoadError(
            [_problem(display, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "json")]
        ) from None
    except RecursionError:
        raise LoadError(
            [_problem(display, 1, 1, "the JSON is nested too deeply", "too-deep")]
        ) from None
    if duplicates:
        raise LoadError(
            [
                _problem(
                    display,
                    1,
                    1,
                    f"duplicate key {key!r}: JSON would silently keep only the last one",
                    "duplicate-key",
                )
                for key in duplicates
            ]
        )
    return data
