"""A workspace: the folder holding rubrics/, assessments/, templates/ and scorecard.toml."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from scorecard.errors import Phrase, Problem, UsageError, phrase

DATA_SUFFIXES = (".yaml", ".yml", ".json")
STATUSES = ("draft", "in-review", "published", "example")
FileKind = Literal["rubric", "assessment"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """A bundled data folder (rubrics, templates, assessments): inside the wheel, or the
    repository's own folder in an editable install."""
    inside = _PACKAGE_DIR / "bundled" / name
    return inside if inside.is_dir() else _PACKAGE_DIR.parent / name


@dataclass
class Settings:
    """What scorecard.toml may set; every field has a default."""

    # The site's title and description: one text, or one per language ({en = ..., es = ...}).
    title: str | Mapping[str, str] = "Security policy transparency scorecards"
    languages: tuple[str, ...] = ("en", "es")
    rubrics: str = "rubrics"
    assessments: str = "assessments"
    templates: str = "templates"
    output: str = "site"
    base_url: str = ""
    strict: bool = False  # `validate` treats warnings as errors, as with --strict
    # Which editions the site shows: by their status. Only reviewed findings by default.
    publish: tuple[str, ...] = ("published",)
    # Whether a published edition must record a right of reply (requested, deadline, response).
    right_of_reply: bool = False
    description: str | Mapping[str, str] = ""

    def site_title(self, lang: str) -> str:
        """The site's title in `lang` (see `in_language`)."""
        return in_language(self.title, lang, self.languages)

    def site_description(self, lang: str) -> str:
        """The site's description in `lang`, or "" when none is set."""
        return in_language(self.description, lang, self.languages)


def in_language(value: str | Mapping[str, str], lang: str, languages: Iterable[str]) -> str:
    """A setting's text in `lang`: the text itself, or from a mapping by language the entry
    for `lang`, else for its base language ("es" for "es-SV"), else for the first of
    `languages` it has, else its first entry."""
    if isinstance(value, str):
        return value
    base = lang.split("-")[0]
    for key in (lang, base, *languages, *(v.split("-")[0] for v in languages)):
        if key in value:
            return value[key]
    return next(iter(value.values()), "")


@dataclass
class Workspace:
    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def rubrics_dir(self) -> Path:
        return self.root / self.settings.rubrics

    @property
    def assessments_dir(self) -> Path:
        return self.root / self.settings.assessments

    @property
    def templates_dir(self) -> Path:
        return self.root / self.settings.templates

    def rubric_files(self) -> list[Path]:
        """The workspace's rubric files, then the bundled ones it does not shadow."""
        own = list(data_files(self.rubrics_dir))
        bundled = bundled_dir("rubrics")
        if bundled.resolve() != self.rubrics_dir.resolve():
            names = {p.relative_to(self.rubrics_dir).with_suffix("") for p in own}
            own += [
                p
                for p in data_files(bundled)
                if p.relative_to(bundled).with_suffix("") not in names
            ]
        return own

    def assessment_files(self) -> list[Path]:
        return list(data_files(self.assessments_dir))

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the current folder where possible."""
        cwd = _resolved_cwd(os.getcwd())
        # Workspace files are found under the resolved root, so most paths are already
        # below the resolved current folder: skip resolving each one (a syscall per part).
        if path.is_absolute() and ".." not in path.parts and path.is_relative_to(cwd):
            return str(path.relative_to(cwd))
        try:
            return str(path.resolve().relative_to(cwd))
        except ValueError:
            return str(path)


@lru_cache(maxsize=8)
def _resolved_cwd(cwd: str) -> Path:
    return Path(cwd).resolve()


def data_files(folder: Path) -> Iterator[Path]:
    """YAML and JSON files under `folder`, in a stable order (by their parts below it);
    hidden entries skipped, and folders that are symbolic links not entered; a folder that
    cannot be read is passed over. One `scandir` per folder: a workspace of every
    municipality lists tens of thousands of files before each command."""
    if not folder.is_dir():
        return
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parts = pending.pop()
        try:
            with os.scandir(os.path.join(folder, *parts)) as entries:
                for entry in entries:
                    name = entry.name
                    if name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((*parts, name))
                    elif _suffix(name).lower() in DATA_SUFFIXES and entry.is_file():
                        found.append((*parts, name))
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue
    found.sort()
    for parts in found:
        yield folder.joinpath(*parts)


def _suffix(name: str) -> str:
    """A file name's suffix, as `Path.suffix` gives it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def is_workspace(folder: Path) -> bool:
    """Whether `folder` is a workspace: it has scorecard.toml, rubrics/ or assessments/."""
    return (
        (folder / "scorecard.toml").is_file()
        or (folder / "assessments").is_dir()
        or (folder / "rubrics").is_dir()
    )


def find_workspace(start: Path | None = None) -> Workspace:
    """The nearest folder at or above `start` with scorecard.toml or rubrics/ or assessments/;
    else the folder of `start` itself (or the current folder)."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return open_workspace(folder)
    return open_workspace(here if here.is_dir() else Path.cwd())


def open_workspace(root: Path) -> Workspace:
    """The workspace at `root`, with its scorecard.toml read if there is one."""
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    settings = Settings()
    config = root / "scorecard.toml"
    if config.is_file():
        settings = _read_settings(config)
    return Workspace(root=root, settings=settings)


LOCALIZED = ("title", "description")  # settings that may be one text per language


def _read_settings(config: Path) -> Settings:
    from scorecard.errors import InvalidInput

    text = ""

    def problem(message: Phrase, key: str | None = None, hint: Phrase | None = None) -> Problem:
        return Problem(str(config), _line_of(text, key), 1, "error", message, hint, "settings")

    try:
        text = config.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except ValueError as exc:  # TOML errors, bad UTF-8, integers Python will not hold
        # The parser's own words stay as it wrote them (English), as for YAML and JSON.
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        found = phrase("problem.settings.toml", detail=str(exc))
        raise InvalidInput(
            [Problem(str(config), line, column, "error", found, None, "settings")]
        ) from None
    table: dict[str, Any] = raw.get("scorecard", raw)
    settings = Settings()
    problems = []
    for key, value in table.items():
        if key not in Settings.__dataclass_fields__:
            known = ", ".join(Settings.__dataclass_fields__)
            problems.append(
                problem(
                    phrase("problem.settings.unknown", key=key),
                    key,
                    phrase("problem.settings.unknown.hint", settings=known),
                )
            )
        elif key == "languages":
            if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
                problems.append(problem(phrase("problem.settings.languages"), key))
            else:
                settings.languages = tuple(value)
                # A language without a catalog fails every build: say so where it is set.
                catalogs = _PACKAGE_DIR / "i18n"
                unknown = [
                    v
                    for v in value
                    if "/" in v or not (catalogs / f"{v.split('-')[0]}.yaml").is_file()
                ]
                if unknown:
                    problems.append(
                        problem(
                            phrase(
                                "problem.settings.language_unknown",
                                languages=", ".join(unknown),
                                available=", ".join(
                                    sorted(p.stem for p in catalogs.glob("*.yaml"))
                                ),
                            ),
                            key,
                        )
                    )
        elif key == "strict":
            if not isinstance(value, bool):
                problems.append(problem(phrase("problem.settings.boolean", key=key), key))
            else:
                settings.strict = value
        elif key == "publish":
            if not (isinstance(value, list) and value and all(v in STATUSES for v in value)):
                problems.append(
                    problem(phrase("problem.settings.publish", statuses=", ".join(STATUSES)), key)
                )
            else:
                settings.publish = tuple(value)
        elif key == "right_of_reply":
            if not isinstance(value, bool):
                problems.append(problem(phrase("problem.settings.boolean", key=key), key))
            else:
                settings.right_of_reply = value
        elif key in LOCALIZED:
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                setattr(settings, key, dict(value))
            elif isinstance(value, str) and "\x00" not in value:
                setattr(settings, key, value)
            else:
                problems.append(problem(phrase("problem.settings.localized", key=key), key))
        elif not isinstance(value, str) or "\x00" in value:  # a NUL fits no path nor page
            problems.append(problem(phrase("problem.settings.text", key=key), key))
        else:
            setattr(settings, key, value)
    for key in LOCALIZED:
        problems += _localized_problems(key, getattr(settings, key), settings.languages, problem)
    for key in ("rubrics", "assessments", "templates", "output"):
        value = getattr(settings, key)
        if Path(value).is_absolute() or ".." in Path(value).parts:
            problems.append(problem(phrase("problem.settings.folder", key=key), key))
    if problems:
        raise InvalidInput(problems)
    return settings


def _line_of(text: str, key: str | None) -> int:
    """The line where scorecard.toml sets `key` (`key =`, `key.en =` or a `[key]` table), or
    1 when it cannot be found."""
    if key:
        name = re.escape(key)
        table = rf"\[[ \t]*(?:scorecard\.)?{name}[ \t]*\]"
        pattern = rf'^[ \t]*(?:(?:scorecard\.)?"?{name}"?[ \t]*[.=]|{table})'
        found = re.search(pattern, text, re.MULTILINE)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def _localized_problems(
    key: str, value: str | Mapping[str, str], languages: tuple[str, ...], problem: Any
) -> list[Problem]:
    """What is wrong with a text-per-language setting: a language the site does not have, an
    empty text, an empty mapping."""
    if isinstance(value, str):
        return []
    if not value:
        return [problem(phrase("problem.settings.localized", key=key), key)]
    known = set(languages) | {v.split("-")[0] for v in languages}
    unknown = [lang for lang in value if lang not in known]
    found = []
    if unknown:
        found.append(
            problem(
                phrase(
                    "problem.settings.localized_language",
                    key=key,
                    languages=", ".join(unknown),
                    available=", ".join(languages),
                    count=len(unknown),
                ),
                key,
                phrase("problem.settings.localized_language.hint", key=key),
            )
        )
    empty = [lang for lang, text in value.items() if not text.strip() or "\x00" in text]
    if empty:
        found.append(
            problem(
                phrase("problem.settings.localized_empty", key=key, languages=", ".join(empty)), key
            )
        )
    return found


def classify_path(path: Path) -> FileKind | None:
    """Whether a file is a rubric or an assessment by its place in the workspace layout
    (rubrics/<id>/<version>, assessments/<CODE>/<edition>); None when the path cannot tell."""
    parts = set(path.parts[-3:-1])
    if "assessments" in parts and "rubrics" not in parts:
        return "assessment"
    if "rubrics" in parts and "assessments" not in parts:
        return "rubric"
    return None


def classify(path: Path, data: Any) -> FileKind | None:
    """Whether a file is a rubric or an assessment: by its path, else by its content."""
    by_path = classify_path(path)
    if by_path is not None:
        return by_path
    if isinstance(data, dict):
        if "pillars" in data:
            return "rubric"
        if "answers" in data or "jurisdiction" in data:
            return "assessment"
    return None


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the data files inside folders named, without repeats."""
    seen: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for found in data_files(path):
                seen.setdefault(found, None)
        else:
            seen.setdefault(path, None)
    return list(seen)
