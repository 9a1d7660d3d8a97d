"""A loaded file (`Document`): its data, its text, and positions recovered on demand by
composing the text again, only when a problem is reported; and `LoadError`, a file that did
not load, with its located problems."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.errors import Phrase, Problem

try:  # the C loader is many times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]

__all__ = ["BaseLoader", "Document", "LoadError", "compose", "duplicate_keys", "located_problem"]

# JSON escapes of UTF-16 surrogates (\ud83d\ude00) that libyaml refuses; replaced by an
# escape of the same length so every position on the line stays where it was.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# Line breaks as YAML counts them; JSON (and Python's json module) counts only "\n".
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def compose(text: str, *, json_text: bool) -> Node | None:
    """The YAML node tree of `text` (JSON is YAML too), or None when it cannot be composed.

    For JSON, tabs between tokens and surrogate escapes are made YAML-friendly first, and
    characters YAML (but not JSON) counts as line breaks are blanked, without moving anything,
    so positions in JSON files are as exact as in YAML ones."""
    if json_text:
        text = _YAML_ONLY_BREAKS.sub(" ", text.replace("\t", " "))
        text = _SURROGATE_ESCAPE.sub(r"\\u003f", text)
    try:
        return yaml.compose(text, Loader=BaseLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def duplicate_keys(root: Node | None) -> Iterator[tuple[str, yaml.Mark, yaml.Mark]]:
    """(key, where repeated, where first given) for every map key given twice."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            first: dict[str, yaml.Mark] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    if key_node.value in first:
                        yield key_node.value, key_node.start_mark, first[key_node.value]
                    first.setdefault(key_node.value, key_node.start_mark)
                stack.append(value_node)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


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
            self._root = compose(self.text, json_text=self.path.suffix.lower() == ".json")
        return self._root

    def _find(self, path: Sequence[str | int]) -> tuple[Node | None, Node | None, int]:
        """(deepest node found, its key node, how many steps of `path` were followed)."""
        node = self._node()
        key_node: Node | None = None
        steps = 0
        if node is None:
            return None, None, 0
        for step in path:
            child: Node | None = None
            child_key: Node | None = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(step):
                        child_key, child = k, v
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node, key_node, steps = child, child_key, steps + 1
        return node, key_node, steps

    def scalar_text(self, path: Sequence[str | int]) -> str | None:
        """The text of the scalar at `path` exactly as written (`1.10`, not the number 1.1)."""
        node, _, steps = self._find(path)
        if steps != len(path) or not isinstance(node, ScalarNode):
            return None
        return str(node.value)

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `path`, or of its nearest existing parent.

        With `key=True` the position of the map key rather than of its value.
        """
        node, key_node, _ = self._find(path)
        if node is None:
            return 1, 1
        position = key_node.start_mark if (key and key_node is not None) else node.start_mark
        return position.line + 1, position.column + 1

    def snippet(self, line: int) -> list[str]:
        """The source line before `line` and `line` itself, for text reports."""
        if self.path.suffix.lower() == ".json":
            lines = [ln.removesuffix("\r") for ln in self.text.split("\n")]
        else:  # as YAML counts lines, so the snippet shows the line a position names
            lines = _YAML_BREAK.split(self.text)
        return [lines[i] for i in (line - 2, line - 1) if 0 <= i < len(lines)]


class LoadError(Exception):
    """A file could not be turned into data; carries the located problems."""

    def __init__(self, problems: list[Problem], text: str | None = None) -> None:
        self.problems = problems
        self.text = text  # the decoded text, when there was one, for source snippets
        super().__init__("; ".join(str(p) for p in problems))  # ids, for logs


def located_problem(
    display: str, line: int, column: int, message: Phrase, code: str, hint: Phrase | None = None
) -> Problem:
    return Problem(display, line, column, "error", message, hint, code)
