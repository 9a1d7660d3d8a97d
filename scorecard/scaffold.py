"""Starting points: a new workspace (`init`) and a new assessment skeleton (`new`)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from scorecard import __version__
from scorecard.errors import UsageError
from scorecard.model import Indicator, Rubric, localize
from scorecard.outputs import write_file
from scorecard.workspace import DATA_SUFFIXES, Workspace, bundled_dir

CODE_PATTERN = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
EDITION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
EXAMPLE_ASSESSMENT = ("SV", "2024")


# --- new --------------------------------------------------------------------------------------


def assessment_path(workspace: Workspace, code: str, edition: str) -> Path:
    """Where an assessment of `code` for `edition` lives; refuses codes and editions that are
    not plain identifiers, so no path is ever built from arbitrary text."""
    # fullmatch: with match, `$` also matches before a final newline, and "XA\n" passed.
    if not CODE_PATTERN.fullmatch(code):
        raise UsageError(f"{code!r} is not an ISO 3166 code such as SV or MX-CHH")
    if not EDITION_PATTERN.fullmatch(edition) or edition in {".", ".."}:
        raise UsageError(f"{edition!r} is not a valid edition (letters, digits, '.', '_', '-')")
    folder = workspace.assessments_dir / code
    for suffix in DATA_SUFFIXES:
        existing = folder / f"{edition}{suffix}"
        if existing.exists() or existing.is_symlink():  # a link, even one to nothing
            raise UsageError(f"{existing} already exists; not overwriting it")
    return folder / f"{edition}.yaml"


def _comment_block(text: str, indent: str, width: int = 92) -> list[str]:
    """`text` as YAML comment lines, wrapped, continuation lines indented under the first."""
    import textwrap

    lead = len(text) - len(text.lstrip(" "))
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(paragraph, width=width, subsequent_indent=" " * (lead + 4)) or [""]
        lines.extend(f"{indent}# {line}".rstrip() for line in wrapped)
    return lines


def _indicator_comments(indicator: Indicator, lang: str) -> list[str]:
    lines = _comment_block(f"{indicator.id}: {localize(indicator.question, lang)}", "  ")
    for level in indicator.levels:
        lines += _comment_block(
            f"  level: {level.id} ({level.value}) - {localize(level.descriptor, lang)}", "  "
        )
    rules = []
    if indicator.na_allowed:
        rules.append("na allowed")
    if indicator.url_required:
        rules.append("evidence needs an http(s) URL")
    if rules:
        lines.append(f"  #   ({'; '.join(rules)})")
    return lines


def _dump_answer(indicator_id: str, answer: dict[str, Any]) -> list[str]:
    text = yaml.safe_dump(
        {indicator_id: answer},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return ["  " + line for line in text.splitlines()]


def assessment_skeleton(
    rubric: Rubric,
    code: str,
    edition: str,
    *,
    name: str | None = None,
    previous: dict[str, Any] | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> str:
    """The YAML text of a new draft assessment: every indicator with its question and levels as
    comments; answers copied from `previous` (marked `reverify: true`) when given."""
    today = today or dt.date.today()
    jurisdiction = previous["jurisdiction"] if previous else {"code": code, "name": name or code}
    header = {
        "rubric": rubric.ref,
        "jurisdiction": {"code": code, "name": jurisdiction["name"]},
        "edition": edition,
        "as_of": today.isoformat(),
        "status": "draft",
        "assessors": [{"name": "Your name", "date": today.isoformat()}],
        "reviewers": [],
    }
    lines = [
        f"# {code} edition {edition}, scored against {rubric.ref}.",
        "# Written by `scorecard new`. Each answer is exactly one of:",
        "#   level: <level id>        a scored answer, with evidence",
        "#   not_found: <where/when>  no public information exists (scored as the lowest level)",
        "#   na: <justification>      not applicable (only where the rubric allows it)",
        "#   insufficient: <why>      evidence conflicts or cannot be verified",
    ]
    if previous:
        lines.append("# Answers were copied from the previous edition and marked `reverify: true`:")
        lines.append("# check each one against current sources, then remove the mark.")
    lines += yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=100).splitlines()
    lines.append("answers:")
    old_answers: dict[str, Any] = (previous or {}).get("answers", {})
    for pillar in rubric.pillars:
        lines.append("")
        lines.append(f"  # ---- {pillar.id}: {localize(pillar.title, lang)} ----")
        for indicator in pillar.indicators:
            lines += _indicator_comments(indicator, lang)
            old = old_answers.get(indicator.id) or (
                old_answers.get(indicator.replaces) if indicator.replaces else None
            )
            if old is not None:
                lines += _dump_answer(indicator.id, {**old, "reverify": True})
            else:
                lines += [
                    f"  # {indicator.id}:",
                    "  #   level: ",
                    "  #   evidence:",
                    "  #     - {title: , url: , publisher: , published: , accessed: , quote: }",
                ]
    text = "\n".join(lines) + "\n"
    if not old_answers:
        # An assessment with no answers yet is still a valid draft: answers is an empty map.
        text = text.replace("\nanswers:\n", "\nanswers: {}\n", 1)
    return text


# --- init -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitReport:
    written: list[Path]
    skipped: list[Path]


def _init_file(name: str) -> str:
    return (files("scorecard") / "init_files" / name).read_text(encoding="utf-8")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and every control character
    escaped, so no title can end the string or start a setting of its own."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def settings_text(title: str) -> str:
    """The new workspace's scorecard.toml with `title`, checked to read back as written.
    (A TOML writer library would do the same for one string; this keeps the dependencies.)"""
    import tomllib

    if "\x00" in title or any(0xD800 <= ord(c) <= 0xDFFF for c in title):
        raise UsageError("the title must not contain NUL characters or lone surrogates")
    text = _init_file("scorecard.toml").replace('"__TITLE__"', toml_string(title))
    if tomllib.loads(text).get("title") != title:  # pragma: no cover - a bug in toml_string
        raise UsageError(f"cannot write the title {title!r} as TOML")
    return text


def init_workspace(target: Path, *, force: bool = False, title: str | None = None) -> InitReport:
    """Write a new workspace into `target`: the bundled rubric, one example assessment, settings,
    a README, a pre-commit configuration and a GitHub Actions workflow. Refuses a non-empty
    folder unless `force`; even then, never overwrites a file that exists."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    if target.is_dir() and any(p.name != ".git" for p in target.iterdir()) and not force:
        raise UsageError(f"{target} is not empty; use --force to add the missing files only")
    title = title or "Security policy transparency scorecards"
    planned: dict[Path, str | Path] = {
        Path("scorecard.toml"): settings_text(title),
        Path("README.md"): _init_file("README.md").replace("__TITLE__", title),
        Path(".gitignore"): _init_file("gitignore"),
        Path(".pre-commit-config.yaml"): _init_file("pre-commit-config.yaml"),
        Path(".github/workflows/scorecard.yml"): _init_file("scorecard.yml").replace(
            "__PACKAGE__", f"transparency-scorecard=={__version__}"
        ),
    }
    rubrics = bundled_dir("rubrics")
    for source in sorted(rubrics.rglob("*.yaml")):
        planned[Path("rubrics") / source.relative_to(rubrics)] = source
    code, edition = EXAMPLE_ASSESSMENT
    example = bundled_dir("assessments") / code / f"{edition}.yaml"
    if example.is_file():
        planned[Path("assessments") / code / f"{edition}.yaml"] = example
    written, skipped = [], []
    for relative, content in planned.items():
        path = target / relative
        if path.exists():
            skipped.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            write_file(path, content)
        written.append(path)
    return InitReport(written, skipped)
