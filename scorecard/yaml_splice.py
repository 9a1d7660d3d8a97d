"""Edit a YAML assessment's answers in its text: new text is spliced in only where a value
changed, so everything else (comments, key order, quoting, line wrapping, blank lines) stays
byte for byte. The node positions come from PyYAML's composer; ruamel.yaml (round-trip mode)
emits each new piece, which is then indented to where it goes.

A whole-file round trip would not do: ruamel re-wraps long scalars and re-indents sequences,
so a one-cell edit would show as hundreds of changed lines.
"""

from __future__ import annotations

import difflib
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

KINDS = ("level", "not_found", "na", "insufficient")


class SpliceError(Exception):
    """The text has a shape the splice does not handle (the caller writes nothing)."""


class _Text:
    """The old text and the edits to make to it, as (start, end, new text) spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        # Edits at one place apply in the order they were made.
        self.edits.append((start, end, len(self.edits), new))

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def after_line(self, index: int) -> int:
        """The index just past the line break of the line holding `index`."""
        found = self.text.find("\n", index)
        return len(self.text) if found == -1 else found + 1

    def blank_before(self, index: int) -> bool:
        return self.text[self.line_start(index) : index].strip() == ""

    def end(self, node: Node) -> int:
        """Where a node's content ends (trailing blank lines and comments excluded)."""
        if isinstance(node, ScalarNode):
            end = node.end_mark.index
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \t\n":
                    end -= 1
            return end
        if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            return self.end(last[1] if isinstance(node, MappingNode) else last)
        return int(node.end_mark.index)

    def result(self) -> str:
        out = self.text
        last = len(out) + 1
        for start, end, _, new in sorted(self.edits, reverse=True):
            if end > last:
                raise SpliceError("overlapping edits")
            out = out[:start] + new + out[end:]
            last = start
        return out


# --- emitting new pieces with ruamel.yaml ---------------------------------------------------


def _pyyaml_reads_as_text(value: str) -> bool:
    """Whether PyYAML (the project's reader, YAML 1.1) reads `value` written plain as the
    same text: `no`, `on` or `1.0` would come back as something else."""
    try:
        return bool(yaml.safe_load(value) == value)
    except yaml.YAMLError:
        return True  # ruamel quotes what is not a valid plain scalar


def _styled(value: Any, style: str | None = None) -> Any:
    """`value` in ruamel's types, strings in a style PyYAML reads back as the same text."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if isinstance(value, Mapping):
        styled = CommentedMap()
        for key, item in value.items():
            styled[key] = _styled(item)
        return styled
    if isinstance(value, list | tuple):
        return CommentedSeq([_styled(item) for item in value])
    if not isinstance(value, str):
        return value
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        return LiteralScalarString(value)
    if style == "'":
        return SingleQuotedScalarString(value)
    if style == '"' or not _pyyaml_reads_as_text(value):
        return DoubleQuotedScalarString(value)
    return value


def _dump(data: Any, indent: int) -> str:
    from ruamel.yaml import YAML

    writer = YAML(typ="rt")
    writer.width = max(40, 100 - indent)
    writer.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    writer.dump(data, buffer)
    return buffer.getvalue().rstrip("\n")


def _indented(text: str, indent: int) -> str:
    """`text` whose first line is placed by the caller at column `indent`: the next lines
    move right by `indent` too. Trailing blanks (ruamel leaves one where it wraps a plain
    scalar) go: YAML drops them from the value anyway, and the data check after the splice
    would catch a change."""
    lines = [line.rstrip(" ") for line in text.split("\n")]
    pad = " " * indent
    return lines[0] + "".join("\n" + (pad + line if line else line) for line in lines[1:])


def emit_pair(key: str, value: Any, indent: int, style: str | None = None) -> str:
    """`key: value` as YAML starting at column `indent`."""
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data[key] = _styled(value, style)
    return _indented(_dump(data, indent), indent)


def emit_item(item: Mapping[str, Any], indent: int) -> str:
    """`- key: value ...` as a sequence item starting at column `indent`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    writer = YAML(typ="rt")
    writer.width = max(40, 100 - indent)
    writer.indent(mapping=2, sequence=2, offset=0)
    buffer = io.StringIO()
    writer.dump(CommentedSeq([_styled(item)]), buffer)
    return _indented(buffer.getvalue().rstrip("\n"), indent)


def emit_flow(value: Any, indent: int) -> str:
    """A flow-style map or list (`{title: X, url: Y}`) on one line, as flow items are."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    styled = _styled(value)
    styled.fa.set_flow_style()
    data = CommentedMap()
    data["k"] = styled
    writer = YAML(typ="rt")
    writer.width = 1 << 30  # a flow item stays on its line
    buffer = io.StringIO()
    writer.dump(data, buffer)
    return _indented(buffer.getvalue().rstrip("\n")[len("k: ") :], indent + 2)


def emit_flow_scalar(value: Any, style: str | None) -> str:
    """A scalar as it may stand inside a flow map (`{url: "..."}`)."""
    text = emit_flow({"k": _styled(value, style)}, 0)
    if not (text.startswith("{k: ") and text.endswith("}")):
        raise SpliceError("unexpected flow layout")
    return text[len("{k: ") : -1]


def edit_flow_map(
    doc: _Text, node: MappingNode, old: Mapping[str, Any], new: Mapping[str, Any]
) -> bool:
    """Edit the values of a flow map in place when its keys stay the same and its values are
    scalars (so the other values keep their quoting); False when it must be written anew."""
    pairs = _pairs(node)
    if list(old) != list(new) or list(pairs) != list(old):
        return False
    if not all(isinstance(v, ScalarNode) for _, v in pairs.values()):
        return False
    if any(isinstance(new[key], Mapping | list) for key in new):
        return False
    for key, (_, v) in pairs.items():
        if old[key] != new[key]:
            assert isinstance(v, ScalarNode)
            text = emit_flow_scalar(new[key], v.style)
            if "\n" in text:
                return False
            doc.replace(v.start_mark.index, v.end_mark.index, text)
    return True


# --- edits ----------------------------------------------------------------------------------


def _pairs(node: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
    return {str(key.value): (key, value) for key, value in node.value}


def _remove_pair(doc: _Text, node: MappingNode, key: str) -> None:
    pairs = node.value
    index = next(i for i, (k, _) in enumerate(pairs) if k.value == key)
    k, v = pairs[index]
    if doc.blank_before(k.start_mark.index):
        doc.replace(doc.line_start(k.start_mark.index), doc.after_line(doc.end(v)), "")
    elif index + 1 < len(pairs):  # the first key after "- ": the next key moves up
        doc.replace(k.start_mark.index, pairs[index + 1][0].start_mark.index, "")
    else:
        raise SpliceError("cannot remove the only key of an item")


def _replace_pair(doc: _Text, k: ScalarNode, v: Node, key: str, value: Any) -> None:
    column = k.start_mark.column
    flow = isinstance(v, MappingNode | SequenceNode) and v.flow_style
    if flow and isinstance(value, Mapping | list):
        if isinstance(v, MappingNode) and isinstance(value, Mapping):
            old = yaml.safe_load(doc.text[v.start_mark.index : v.end_mark.index])
            if isinstance(old, Mapping) and edit_flow_map(doc, v, old, value):
                return
        doc.replace(v.start_mark.index, v.end_mark.index, emit_flow(value, column))
        return
    style = v.style if isinstance(v, ScalarNode) else None
    doc.replace(k.start_mark.index, doc.end(v), emit_pair(key, value, column, style))


def _insert_pairs(doc: _Text, node: MappingNode, new: Sequence[tuple[str, Any]]) -> None:
    if not new:
        return
    column = node.value[0][0].start_mark.column
    at = doc.after_line(doc.end(node.value[-1][1]))
    text = "".join(" " * column + emit_pair(k, v, column) + "\n" for k, v in new)
    if at == len(doc.text) and not doc.text.endswith("\n"):
        text = "\n" + text
    doc.replace(at, at, text)


def edit_map(doc: _Text, node: Node, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """Turn the mapping at `node` (holding `old`) into `new`, touching only what differs."""
    if not isinstance(node, MappingNode) or node.flow_style or not node.value:
        raise SpliceError("not a block mapping")
    pairs = _pairs(node)
    old_kind = next((k for k in KINDS if k in old), None)
    new_kind = next((k for k in KINDS if k in new), None)
    if old_kind is not None and new_kind is not None and old_kind != new_kind:
        k, v = pairs[old_kind]
        _replace_pair(doc, k, v, new_kind, new[new_kind])
    added: list[tuple[str, Any]] = []
    for key in dict.fromkeys([*old, *new]):
        if key in KINDS and old_kind != new_kind and key in (old_kind, new_kind):
            continue
        if key not in new:
            _remove_pair(doc, node, key)
        elif key not in old:
            added.append((key, new[key]))
        elif old[key] != new[key]:
            k, v = pairs[key]
            if (
                isinstance(v, SequenceNode)
                and not v.flow_style
                and isinstance(old[key], list)
                and isinstance(new[key], list)
            ):
                edit_sequence(doc, v, old[key], new[key])
            else:
                _replace_pair(doc, k, v, key, new[key])
    _insert_pairs(doc, node, added)


def _dash(doc: _Text, item: Node) -> int:
    """The index of the "- " that opens a block sequence item."""
    dash = doc.text.rfind("-", 0, item.start_mark.index)
    if dash < 0 or not doc.blank_before(dash):
        raise SpliceError("unexpected sequence layout")
    return dash


def edit_sequence(doc: _Text, node: SequenceNode, old: list[Any], new: list[Any]) -> None:
    """Turn the block sequence at `node` (holding `old`) into `new`: unchanged items stay,
    edited items are edited in place, others removed or inserted."""
    keys_old = [json.dumps(x, sort_keys=True, default=str) for x in old]
    keys_new = [json.dumps(x, sort_keys=True, default=str) for x in new]
    items = node.value
    column = doc.text.rfind("\n", 0, _dash(doc, items[0])) + 1
    column = _dash(doc, items[0]) - column
    matcher = difflib.SequenceMatcher(a=keys_old, b=keys_new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(a1 - a0, b1 - b0) if op == "replace" else 0
        for offset in range(paired):
            item, before, after = items[a0 + offset], old[a0 + offset], new[b0 + offset]
            if isinstance(before, Mapping) and isinstance(after, Mapping):
                if isinstance(item, MappingNode) and not item.flow_style:
                    edit_map(doc, item, before, after)
                elif not (
                    isinstance(item, MappingNode) and edit_flow_map(doc, item, before, after)
                ):
                    flow = emit_flow(after, column)
                    doc.replace(item.start_mark.index, item.end_mark.index, flow)
            else:
                doc.replace(item.start_mark.index, doc.end(item), emit_flow(after, column))
        for gone in items[a0 + paired : a1]:
            doc.replace(doc.line_start(_dash(doc, gone)), doc.after_line(doc.end(gone)), "")
        added = new[b0 + paired : b1]
        if added:
            if a0 + paired > 0:
                at = doc.after_line(doc.end(items[a0 + paired - 1]))
            else:
                at = doc.line_start(_dash(doc, items[0]))
            text = "".join(" " * column + emit_item(x, column) + "\n" for x in added)
            doc.replace(at, at, text)


def _root_answers(root: Node | None) -> tuple[ScalarNode, Node]:
    if not isinstance(root, MappingNode):
        raise SpliceError("the document is not a mapping")
    pairs = _pairs(root)
    if "answers" not in pairs:
        raise SpliceError("the document has no answers")
    return pairs["answers"]


def splice_answers(
    text: str,
    old_answers: Mapping[str, Any],
    new_answers: Mapping[str, Any],
    order: Sequence[str],
) -> str:
    """`text` with its `answers` changed from `old_answers` to `new_answers`."""
    doc = _Text(text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    key, node = _root_answers(root)
    if not isinstance(node, MappingNode) or node.flow_style or not node.value:
        # `answers: {}` or a flow map: written anew, as a block.
        whole = emit_pair("answers", dict(new_answers), key.start_mark.column)
        doc.replace(key.start_mark.index, node.end_mark.index, whole)
        return doc.result()
    pairs = _pairs(node)
    rank = {ind: i for i, ind in enumerate(order)}
    inserts: dict[int, list[str]] = {}
    column = node.value[0][0].start_mark.column
    for ind in dict.fromkeys([*old_answers, *new_answers]):
        before, after = old_answers.get(ind), new_answers.get(ind)
        if before == after:
            continue
        if after is None:
            _remove_pair(doc, node, ind)
        elif before is None:
            # After the last answer that comes before it in the rubric, else first.
            earlier = [
                pairs[i][1]
                for i in pairs
                if rank.get(i, len(rank)) < rank.get(ind, len(rank)) and i in old_answers
            ]
            if earlier:
                at = doc.after_line(max(doc.end(v) for v in earlier))
            else:
                at = doc.line_start(node.value[0][0].start_mark.index)
            piece = " " * column + emit_pair(ind, after, column) + "\n"
            inserts.setdefault(at, []).append(piece)
        else:
            k, v = pairs[ind]
            if isinstance(v, MappingNode) and not v.flow_style:
                edit_map(doc, v, before, after)
            else:
                _replace_pair(doc, k, v, ind, after)
    for at, pieces in inserts.items():
        doc.replace(at, at, "".join(pieces))
    return doc.result()
