"""YAML and JSON files -> plain data, with every node locatable for messages.

Valid files pay only for a fast C-loader parse; line and column of a node are recovered
on demand (`Document.locate`) by composing the file again, only when a problem is reported.

About 500 lines, on purpose: the strict loader, positions on demand and the refusals that
keep hostile input out (size, encoding, duplicate keys, custom tags, alias bombs) guard one
boundary, and each refusal is easiest to check beside the parse it protects.
"""

from __future__ import annotations

import errno
import json
import math
import re
import stat
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.errors import Phrase, Problem, phrase
from scorecard.outputs import NotRegular, read_bounded

try:  # the C loader is many times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
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


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML limited to JSON's data model: string keys, no dates, no custom tags."""

    yaml_constructors: ClassVar[dict[Any, Any]] = {
        tag: SafeConstructor.yaml_constructors[tag] for tag in _PLAIN_TAGS
    }
    # Dates stay strings, exactly as written, so YAML and JSON files mean the same thing.
    # Booleans are YAML 1.2's (true/false) rather than 1.1's, which also read yes/no/on/off:
    # `level: no` is the level "no", and Norway's code NO is not false.
    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class-level registry
        first: [(tag, rx) for tag, rx in resolvers if tag not in _RESOLVED_OTHERWISE]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
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


def _too_long(text: str) -> bool:
    return sum(c.isdigit() for c in text) > MAX_INTEGER_DIGITS


def _construct_int(loader: _StrictLoader, node: ScalarNode) -> int:
    if _too_long(str(node.value)):
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

# JSON escapes of UTF-16 surrogates (\ud83d\ude00) that libyaml refuses; replaced by an
# escape of the same length so every position on the line stays where it was.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# Line breaks as YAML counts them; JSON (and Python's json module) counts only "\n".
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _compose(text: str, *, json_text: bool) -> Node | None:
    """The YAML node tree of `text` (JSON is YAML too), or None when it cannot be composed.

    For JSON, tabs between tokens and surrogate escapes are made YAML-friendly first, and
    characters YAML (but not JSON) counts as line breaks are blanked, without moving anything,
    so positions in JSON files are as exact as in YAML ones."""
    if json_text:
        text = _YAML_ONLY_BREAKS.sub(" ", text.replace("\t", " "))
        text = _SURROGATE_ESCAPE.sub(r"\\u003f", text)
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _duplicate_keys(root: Node | None) -> Iterator[tuple[str, yaml.Mark, yaml.Mark]]:
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
            self._root = _compose(self.text, json_text=self.path.suffix.lower() == ".json")
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


def _problem(
    display: str, line: int, column: int, message: Phrase, code: str, hint: Phrase | None = None
) -> Problem:
    return Problem(display, line, column, "error", message, hint, code)


class Files(Protocol):
    """Where file contents come from: the disk, or a git revision's blobs."""

    def size(self, path: Path) -> int:
        """The file's size in bytes; OSError if it cannot be read."""
        ...

    def read(self, path: Path) -> bytes:
        """The file's bytes; OSError if it cannot be read."""
        ...


class DiskFiles:
    """Files read from the disk: regular files only, never more than `limit` bytes (a FIFO
    cannot hang a command, nor `/dev/zero` fill its memory), and, with a `root`, no link
    from inside that folder to a file outside it (see `scorecard.outputs.read_bounded`)."""

    def __init__(self, root: Path | None = None, limit: int = MAX_BYTES) -> None:
        self.root = root
        self.limit = limit

    def size(self, path: Path) -> int:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(errno.EINVAL, "it is not a regular file")
        return info.st_size

    def read(self, path: Path) -> bytes:
        return read_bounded(path, self.limit, root=self.root)


DISK = DiskFiles()


def read_document(
    files: Files, path: Path, display: str, *, max_bytes: int = MAX_BYTES
) -> Document:
    """Read `path` from `files` into a Document, or raise LoadError with located problems.
    Too large a file is refused before it is read (and, should it grow meanwhile, once it
    has been read as far as the limit)."""

    def too_large(size: int) -> LoadError:
        return LoadError(
            [
                _problem(
                    display,
                    1,
                    1,
                    phrase(
                        "problem.file.too_large",
                        size=size / 1048576,
                        limit=max_bytes / 1048576,
                    ),
                    "too-large",
                    phrase("problem.file.too_large.hint"),
                )
            ]
        )

    if any("\udc80" <= c <= "\udcff" for c in display):
        # Bytes of the name that are not UTF-8 (kept by Python as lone surrogates) would make
        # every report, JSON above all, invalid: show them escaped, and refuse the file.
        shown = display.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise LoadError(
            [
                _problem(
                    shown,
                    1,
                    1,
                    phrase("problem.file.name_not_utf8"),
                    "encoding",
                    phrase("problem.file.name_not_utf8.hint"),
                )
            ]
        )
    try:
        size = files.size(path)
        if size > max_bytes:
            raise too_large(size)
        if isinstance(files, DiskFiles) and files.limit != max_bytes:
            files = DiskFiles(files.root, max_bytes)
        raw = files.read(path)
    except OSError as exc:
        raise LoadError(
            [
                _problem(
                    display,
                    1,
                    1,
                    phrase("problem.file.unreadable", reason=exc.strerror or str(exc)),
                    "unreadable",
                )
            ]
        ) from None
    except ValueError:  # a NUL in the name: no such file can exist
        raise LoadError(
            [
                _problem(
                    display,
                    1,
                    1,
                    phrase("problem.file.unreadable", reason="invalid file name"),
                    "unreadable",
                )
            ]
        ) from None
    if len(raw) > max_bytes:
        raise too_large(len(raw))
    return parse_document(raw, path, display)


def load_document(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read a YAML or JSON file into a Document, or raise LoadError with located problems."""
    shown = display if display is not None else str(path)
    return read_document(DISK, path, shown, max_bytes=max_bytes)


# Byte-order marks of UTF-32 and UTF-16 (UTF-32 first: its little-endian mark begins like
# UTF-16's); such text is full of NUL bytes, and would otherwise be called binary.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def parse_document(raw: bytes, path: Path, display: str) -> Document:
    """Parse bytes already read from `path` (see load_document)."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            raise LoadError(
                [
                    _problem(
                        display,
                        1,
                        1,
                        phrase("problem.file.wide_encoding", encoding=encoding),
                        "encoding",
                        phrase("problem.file.utf8.hint"),
                    )
                ]
            )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError([_problem(display, line, 1, phrase("problem.file.binary"), "binary")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as everywhere else: the bytes before the bad one are
        # valid UTF-8, so decode them to count.
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8-sig" if line == 1 else "utf-8")) + 1
        raise LoadError(
            [
                _problem(
                    display,
                    line,
                    column,
                    phrase("problem.file.not_utf8", byte=raw[exc.start]),
                    "encoding",
                    phrase("problem.file.utf8.hint"),
                )
            ],
            # For the source snippet only: the undecodable bytes shown as U+FFFD.
            text=raw.decode("utf-8-sig", errors="replace"),
        ) from None
    try:
        if path.suffix.lower() == ".json":
            data = _parse_json(text, display)
        else:
            data = _parse_yaml(text, display)
    except LoadError as exc:
        exc.text = text
        raise
    return Document(path=path, display=display, text=text, data=data)


def _parse_yaml(text: str, display: str) -> Any:
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_yaml_problem(exc, text, display)]) from None
    except yaml.YAMLError as exc:
        problem = _problem(display, 1, 1, phrase("problem.yaml.invalid", detail=str(exc)), "yaml")
        raise LoadError([problem]) from None
    except RecursionError:
        raise LoadError(
            [_problem(display, 1, 1, phrase("problem.yaml.too_deep"), "too-deep", _FLATTEN_HINT)]
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
        return _problem(
            display, line, column, phrase("problem.yaml.too_deep"), "too-deep", _FLATTEN_HINT
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
    code = exc.code if isinstance(exc, _RefusedYAML) else "yaml"
    return _problem(display, line, column, message, code, hint)


_FLATTEN_HINT = phrase("problem.too_deep.hint")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first alias (`*name`) is used, to point at a suspected alias bomb."""
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
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
                    _problem(
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


class _RefusedNumber(ValueError):
    def __init__(self, token: str, message: Phrase) -> None:
        super().__init__(token)
        self.token = token
        self.message = message


def _json_int(token: str) -> int:
    if _too_long(token):
        raise _RefusedNumber(token, phrase("problem.number.too_long", limit=MAX_INTEGER_DIGITS))
    return int(token)


def _json_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _RefusedNumber(token, phrase("problem.number.not_finite", text=token[:40]))
    return value


def _json_constant(token: str) -> float:
    raise _RefusedNumber(token, phrase("problem.number.not_finite", text=token))


# A UTF-16 surrogate escape not paired with its other half: a string no UTF-8 output can hold.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _has_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= c <= "\udfff" for c in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


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
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except _RefusedNumber as exc:
        found = re.search(rf"(?<![\w.+-]){re.escape(exc.token)}(?![\w.])", text)
        line, column = _position(text, found.start()) if found else (1, 1)
        raise LoadError([_problem(display, line, column, exc.message, "number")]) from None
    except json.JSONDecodeError as exc:
        hint = None
        if exc.msg.startswith("Expecting property name") or exc.msg == "Expecting value":
            before = text[: exc.pos].rstrip()
            if before.endswith(","):
                hint = phrase("problem.json.trailing_comma.hint")
        message = phrase("problem.json.invalid", detail=exc.msg)
        raise LoadError([_problem(display, exc.lineno, exc.colno, message, "json", hint)]) from None
    except RecursionError:
        raise LoadError(
            [_problem(display, 1, 1, phrase("problem.json.too_deep"), "too-deep", _FLATTEN_HINT)]
        ) from None
    lone = _LONE_SURROGATE.search(text) if "\\u" in text else None
    if lone is not None and _has_surrogate(data):
        line, column = _position(text, lone.start())
        raise LoadError(
            [
                _problem(
                    display,
                    line,
                    column,
                    phrase("problem.json.lone_surrogate"),
                    "encoding",
                    phrase("problem.json.lone_surrogate.hint"),
                )
            ]
        )
    if duplicates:
        located = list(_duplicate_keys(_compose(text, json_text=True)))
        if not located:  # the text could not be composed as YAML: name the keys at least
            located = [(key, None, None) for key in duplicates]  # type: ignore[misc]
        raise LoadError(
            [
                _problem(
                    display,
                    mark.line + 1 if mark else 1,
                    mark.column + 1 if mark else 1,
                    phrase("problem.json.duplicate_key", key=key, line=first.line + 1)
                    if first
                    else phrase("problem.json.duplicate_key_unlocated", key=key),
                    "duplicate-key",
                    phrase("problem.duplicate_key.hint"),
                )
                for key, mark, first in located
            ]
        )
    return data
