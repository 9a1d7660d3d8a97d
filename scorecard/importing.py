"""`scorecard import`: read back an answers table (XLSX or CSV, in the shape `scorecard export`
writes) and update the assessment files, changing only the answers that changed.

Reading is the project's (PyYAML, for data and node positions); writing splices new text into
the old only where a value changed, with ruamel.yaml emitting each new piece, so comments, key
order, quoting and the wrapping of everything else stay byte for byte. Before anything is
written, every would-be file is loaded again and must hold exactly the data intended, and must
pass validation; every problem in the sheet is reported with its cell (`Answers!F17`), and
nothing is written if there is any. `sheets` reads the sheet, `sheet_answers` turns each row
into the answer it asks for, `yaml_splice` writes it into the text.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecard.errors import InvalidInput, ScorecardError, phrase
from scorecard.loading import Document, LoadError, parse_document
from scorecard.model import Rubric
from scorecard.sheet_answers import answer_kind, read_row
from scorecard.sheets import check_header, read_sheet, sheet_problem
from scorecard.tables import ANSWER_KINDS
from scorecard.workspace import Workspace

# --- what an import changes -----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of one answer that the import changes: `field` is `answer`, `level`,
    `statement`, `notes`, `confidence`, `reverify` or `evidence`."""

    file: str
    indicator: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FileUpdate:
    """One assessment file the import changes: its old and new text and what changed."""

    path: Path
    display: str
    old_bytes: bytes
    new_bytes: bytes
    changes: tuple[Change, ...]

    def diff(self) -> str:
        """The change as a unified diff."""
        old = self.old_bytes.decode("utf-8-sig").splitlines()
        new = self.new_bytes.decode("utf-8-sig").splitlines()
        return unified_diff(old, new, self.display)


def unified_diff(old: Sequence[str], new: Sequence[str], name: str, context: int = 3) -> str:
    """A unified diff of two lists of lines. Unlike difflib.unified_diff it never treats
    frequent lines as junk, so a repeated line (`- title: Same report`) is matched, and
    the diff shows only what changed."""
    prefix = "" if name.startswith("/") else "/"
    out = [f"--- a{prefix}{name}\n", f"+++ b{prefix}{name}\n"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        old_range = _range(first[1], last[2])
        new_range = _range(first[3], last[4])
        out.append(f"@@ -{old_range} +{new_range} @@\n")
        for op, a0, a1, b0, b1 in group:
            if op == "equal":
                out.extend(f" {line}\n" for line in old[a0:a1])
                continue
            out.extend(f"-{line}\n" for line in old[a0:a1])
            out.extend(f"+{line}\n" for line in new[b0:b1])
    return "".join(out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


@dataclass(frozen=True)
class ImportPlan:
    """What an import would write: the files that change (none when nothing changed) and how
    many rows the sheet had."""

    updates: tuple[FileUpdate, ...]
    rows: int

    @property
    def changes(self) -> list[Change]:
        return [c for u in self.updates for c in u.changes]


@dataclass
class _Target:
    """One assessment the sheet touches: its file, data, rubric and the answers asked for."""

    path: Path
    display: str
    raw: bytes
    document: Document
    rubric: Rubric
    wanted: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # None: unanswered

    @property
    def data(self) -> Any:
        return self.document.data


def plan_import(
    sheet_path: Path, workspace: Workspace, *, today: dt.date | None = None
) -> ImportPlan:
    """What importing `sheet_path` would change; InvalidInput with every problem (each at its
    cell, or at its line in the would-be file) when anything is wrong."""
    from scorecard.api import load_valid

    sheet = read_sheet(sheet_path, str(sheet_path))
    columns, problems = check_header(sheet)
    index = {(p.parent.name, p.stem): p for p in workspace.assessment_files()}
    wanted_files: dict[tuple[str, str], Path] = {}
    for row, cells in sheet.rows:
        code, edition = cells[columns["jurisdiction"]].strip(), cells[columns["edition"]].strip()
        path = index.get((code, edition))
        if path is None:
            known = sorted(e for c, e in index if c == code)
            problems.append(
                sheet_problem(
                    sheet.file,
                    row,
                    columns["edition"] + 1,
                    phrase(
                        "import.edition.missing",
                        cell=sheet.cell(row, columns["edition"] + 1),
                        code=code,
                        edition=edition,
                    ),
                    phrase("import.edition.known.hint", editions=", ".join(known))
                    if known
                    else phrase("import.jurisdiction.unknown.hint", code=code),
                )
            )
        else:
            wanted_files[(code, edition)] = path
    if not wanted_files:
        if problems:
            raise InvalidInput(problems)
        return ImportPlan((), len(sheet.rows))
    report = load_valid(sorted(set(wanted_files.values())), workspace, today=today)
    targets: dict[tuple[str, str], _Target] = {}
    for assessment in report.assessments:
        key = (assessment.code, assessment.edition)
        path = wanted_files[key]
        raw = path.read_bytes()
        display = workspace.display(path)
        if path.suffix.lower() == ".json":
            problems.append(
                sheet_problem(display, 1, 1, phrase("import.json.unsupported", file=display))
            )
            continue
        document = parse_document(raw, path, display)
        targets[key] = _Target(path, display, raw, document, report.rubrics[assessment.rubric])
    seen: dict[tuple[str, str, str], int] = {}
    for row, cells in sheet.rows:
        key = (cells[columns["jurisdiction"]].strip(), cells[columns["edition"]].strip())
        target = targets.get(key)
        if target is None:
            continue
        indicator = cells[columns["indicator"]].strip()
        where = (*key, indicator)
        if where in seen:
            problems.append(
                sheet_problem(
                    sheet.file,
                    row,
                    columns["indicator"] + 1,
                    phrase(
                        "import.row.duplicate",
                        cell=sheet.cell(row, columns["indicator"] + 1),
                        row=seen[where],
                    ),
                )
            )
            continue
        seen[where] = row
        problems.extend(read_row(sheet, row, cells, columns, target))
    if problems:
        raise InvalidInput(problems)
    updates = []
    for target in targets.values():
        update = _update(target, today)
        if update is not None:
            updates.append(update)
    return ImportPlan(tuple(updates), len(sheet.rows))


# --- writing: splice new text where a value changed -----------------------------------------


def _update(target: _Target, today: dt.date | None) -> FileUpdate | None:
    """The new bytes of one assessment file, checked, or None when nothing changes."""
    old_data = target.document.data
    answers = old_data.get("answers") or {}
    changed = {
        ind: wanted
        for ind, wanted in target.wanted.items()
        if wanted != answers.get(ind) and not (wanted is None and ind not in answers)
    }
    if not changed:
        return None
    from scorecard.yaml_splice import SpliceError, splice_answers

    text = target.document.text
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    order = [ind.id for ind in target.rubric.indicators]
    new_answers = {
        ind: wanted for ind, wanted in {**answers, **changed}.items() if wanted is not None
    }
    try:
        new_text = splice_answers(text, answers, new_answers, order)
    except SpliceError as exc:
        raise ScorecardError(
            f"cannot write the changes to {target.display} ({exc}); nothing was written"
        ) from None
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
    new_bytes = bom + new_text.encode("utf-8")
    expected = copy.deepcopy(old_data)
    if expected.get("answers") is None:  # `answers:` with nothing under it: none yet
        expected["answers"] = {}
    new_answers = expected["answers"]
    for ind, wanted in changed.items():
        if wanted is None:
            new_answers.pop(ind, None)
        else:
            new_answers[ind] = wanted
    try:
        document = parse_document(new_bytes, target.path, target.display)
    except LoadError:
        document = None
    if document is None or document.data != expected:
        # A bug guard: the splice must give exactly the data intended, or nothing is written.
        raise ScorecardError(
            f"could not write the changes to {target.display} faithfully; nothing was written"
        )
    _validate(document, target.rubric, today)
    changes = tuple(
        Change(target.display, ind, name, old, new)
        for ind, wanted in changed.items()
        for name, old, new in _field_changes(answers.get(ind), wanted)
    )
    return FileUpdate(target.path, target.display, target.raw, new_bytes, changes)


def _validate(document: Document, rubric: Rubric, today: dt.date | None) -> None:
    from scorecard.validation import check_assessment

    problems, _ = check_assessment(document, {rubric.ref: rubric}, today=today or dt.date.today())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidInput(errors, {document.display: document})


def _field_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> Iterator[tuple[str, Any, Any]]:
    old, new = old or {}, new or {}
    old_kind, new_kind = answer_kind(old), answer_kind(new)
    if old_kind != new_kind:
        yield "answer", old_kind, new_kind
    for key in dict.fromkeys([*old, *new]):
        if key in ANSWER_KINDS:
            if old_kind == new_kind and old.get(key) != new.get(key):
                yield ("level" if key == "level" else "statement"), old.get(key), new.get(key)
            continue
        if old.get(key) != new.get(key):
            yield key, old.get(key), new.get(key)


def apply_import(plan: ImportPlan, protect: Sequence[Path] = ()) -> None:
    """Write every changed file atomically (each whole, or not at all)."""
    from scorecard.outputs import write_file

    for update in plan.updates:
        write_file(update.path, update.new_bytes, protect=protect)
