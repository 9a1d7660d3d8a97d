"""Rubrics and assessments as they were at a git revision, read through the real `git`.

`changes_since(ref, workspace)` pairs every assessment at `ref` with the working tree's by
jurisdiction and edition, validating the old side exactly like the new one (problems are
located as `REF:path`). git runs with the workspace root as its working directory, so a
workspace may live in a subfolder of its repository.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scorecard.errors import InvalidInput, Problem, ScorecardError
from scorecard.loading import MAX_BYTES, Document, LoadError, parse_document
from scorecard.model import Assessment, Rubric
from scorecard.scoring import Result, score_assessment
from scorecard.validation import check_assessment, check_rubric
from scorecard.workspace import DATA_SUFFIXES, Workspace

SHALLOW_HINT = (
    "if this is a shallow clone (as in CI), fetch the base first, e.g. "
    "`git fetch --depth=1 origin main`, or set `fetch-depth: 0` in actions/checkout"
)


class GitError(ScorecardError):
    """git is missing, the folder is not a repository, or the revision does not exist."""

    exit_code = 2


@dataclass(frozen=True)
class Revision:
    """The rubrics and assessments of a workspace at one git revision."""

    ref: str
    commit: str
    rubrics: dict[str, Rubric]
    assessments: tuple[Assessment, ...]


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError(
            "git is not installed (or not on PATH); --git needs it to read the old revision"
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args[:2])} took too long; giving up") from None


def _message(completed: subprocess.CompletedProcess[bytes]) -> str:
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {completed.returncode}"


def resolve_commit(ref: str, cwd: Path) -> str:
    """The commit `ref` names, or a GitError saying why there is none."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise GitError(
            f"{cwd} is not inside a git repository: --git compares the working tree with a "
            "git revision (run `git init`, or diff two files: scorecard diff OLD NEW)"
        )
    if not ref or ref.startswith("-") or any(c in ref for c in "\n\r\x00"):
        raise GitError(f"{ref!r} is not a git revision")
    found = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    if found.returncode != 0:
        shallow = _git(["rev-parse", "--is-shallow-repository"], cwd).stdout.strip() == b"true"
        where = "this shallow clone" if shallow else "this repository"
        raise GitError(f"the git revision {ref!r} does not exist in {where}; {SHALLOW_HINT}")
    return found.stdout.decode("ascii").strip()


def list_files(commit: str, cwd: Path, folders: Sequence[str]) -> list[str]:
    """Data files under `folders` (relative to `cwd`) at `commit`, hidden ones skipped."""
    listed = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *folders], cwd)
    if listed.returncode != 0:
        raise GitError(f"git ls-tree failed: {_message(listed)}")
    names = [n.decode("utf-8", "replace") for n in listed.stdout.split(b"\0") if n]
    return sorted(
        n
        for n in names
        if PurePosixPath(n).suffix.lower() in DATA_SUFFIXES
        and not any(part.startswith(".") for part in PurePosixPath(n).parts)
    )


def read_blob(commit: str, cwd: Path, path: str) -> bytes:
    """The content of `path` (relative to `cwd`) at `commit`."""
    shown = _git(["show", f"{commit}:./{path}"], cwd)
    if shown.returncode != 0:
        raise GitError(f"git show {path} failed: {_message(shown)}")
    return shown.stdout


def _load(ref: str, commit: str, cwd: Path, path: str) -> tuple[Document | None, list[Problem]]:
    display = f"{ref}:{path}"
    raw = read_blob(commit, cwd, path)
    if len(raw) > MAX_BYTES:
        size = len(raw) / 1048576
        return None, [Problem(display, 1, 1, "error", f"the file is {size:.1f} MiB, too large")]
    try:
        return parse_document(raw, Path(path), display), []
    except LoadError as exc:
        return None, exc.problems


def load_revision(
    ref: str,
    workspace: Workspace,
    *,
    fallback_rubrics: dict[str, Rubric] | None = None,
    only: Sequence[str] = (),
    today: dt.date | None = None,
) -> Revision:
    """Validate and load the workspace's rubrics and assessments at `ref`.

    Rubrics missing at `ref` fall back to `fallback_rubrics` (the working tree's and the
    bundled ones). `only` restricts assessments to paths (relative to the workspace root)
    equal to or under the ones given. Raises InvalidInput with `REF:path` problems.
    """
    cwd = workspace.root
    commit = resolve_commit(ref, cwd)
    settings = workspace.settings
    rubrics: dict[str, Rubric] = {}
    rubric_problems: dict[str, list[Problem]] = {}
    for path in list_files(commit, cwd, [settings.rubrics]):
        document, problems = _load(ref, commit, cwd, path)
        if document is not None:
            problems, rubric = check_rubric(document)
            if rubric is not None:
                rubrics.setdefault(rubric.ref, rubric)
                continue
            data = document.data if isinstance(document.data, dict) else {}
            key = f"{data.get('id')}@{data.get('version')}"
        else:
            key = path
        rubric_problems.setdefault(key, []).extend(p for p in problems if p.severity == "error")
    known = {**(fallback_rubrics or {}), **rubrics}

    errors: list[Problem] = []
    assessments: list[Assessment] = []
    for path in list_files(commit, cwd, [settings.assessments]):
        if only and not any(path == o or path.startswith(o.rstrip("/") + "/") for o in only):
            continue
        document, problems = _load(ref, commit, cwd, path)
        if document is not None:
            problems, assessment = check_assessment(
                document, known, today=today or dt.date.today(), broken_rubrics=rubric_problems
            )
            if isinstance(document.data, dict) and document.data.get("rubric") in rubric_problems:
                errors.extend(rubric_problems.pop(str(document.data["rubric"])))
            if assessment is not None:
                assessments.append(assessment)
        errors.extend(p for p in problems if p.severity == "error")
    if errors:
        raise InvalidInput(errors)
    return Revision(ref, commit, known, tuple(assessments))


def changes_since(
    ref: str, workspace: Workspace, paths: Sequence[Path] = (), today: dt.date | None = None
) -> list[tuple[Result | None, Result | None]]:
    """(old, new) result pairs for every assessment at `ref` or in the working tree
    (restricted to `paths` when given), paired by jurisdiction code and edition."""
    from scorecard.api import load_valid

    root = workspace.root.resolve()
    resolve_commit(ref, workspace.root)  # fail on the revision before reading anything
    only: list[str] = []
    for path in paths:
        try:
            only.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise GitError(f"{path} is not inside the workspace {workspace.root}") from None
    files = [
        f
        for f in workspace.assessment_files()
        if not only
        or any(
            f.resolve().relative_to(root).as_posix() == o
            or f.resolve().relative_to(root).as_posix().startswith(o.rstrip("/") + "/")
            for o in only
        )
    ]
    new_side = load_valid(files or workspace.rubric_files(), workspace, today=today)
    old_side = load_revision(
        ref, workspace, fallback_rubrics=new_side.rubrics, only=only, today=today
    )
    old = {(a.code, a.edition): a for a in old_side.assessments}
    new = {(a.code, a.edition): a for a in (new_side.assessments if files else [])}
    pairs: list[tuple[Result | None, Result | None]] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        pairs.append(
            (
                score_assessment(old_side.rubrics[before.rubric], before) if before else None,
                score_assessment(new_side.rubrics[after.rubric], after) if after else None,
            )
        )
    return pairs
