"""Rubrics and assessments as they were at a git revision, read through the real `git`.

This module is git plumbing only: resolve a revision, list its data files, read their blobs.
Checking them is the one file walk's (`scorecard.validation.walk`), exactly as for the disk,
so the old side of `diff --git` is validated like `validate` validates the working tree
(problems are located as `REF:path`). git runs with the workspace root as its working
directory, so a workspace may live in a subfolder of its repository.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scorecard.errors import InvalidInput, Phrase, ScorecardError, phrase
from scorecard.model import Assessment, Rubric
from scorecard.scoring import Result, score_assessment
from scorecard.validation.batch import Candidate
from scorecard.validation.walk import walk
from scorecard.workspace import DATA_SUFFIXES, Workspace, data_files


class GitError(ScorecardError):
    """git is missing, the folder is not a repository, or the revision does not exist.
    Carries what to say as a catalog phrase (`phrase`), for reports in any language."""

    exit_code = 2

    def __init__(self, message: Phrase) -> None:
        self.phrase = message
        super().__init__(message.key)

    def __str__(self) -> str:
        # For logs and debuggers only: the phrase's id and values; reports say it in words.
        values = ", ".join(f"{k}={v!r}" for k, v in self.phrase.params)
        return f"{self.phrase.key}({values})"


@dataclass(frozen=True)
class Revision:
    """The rubrics and assessments of a workspace at one git revision."""

    ref: str
    commit: str
    rubrics: dict[str, Rubric]
    assessments: tuple[Assessment, ...]


@dataclass(frozen=True)
class Blob:
    """A data file at a revision: its path (relative to the workspace root), object, size."""

    path: str
    oid: str
    size: int


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=_env(), capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError(phrase("git.missing")) from None
    except subprocess.TimeoutExpired:
        raise GitError(phrase("git.timeout", command=" ".join(args[:2]))) from None


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}


def _message(completed: subprocess.CompletedProcess[bytes]) -> str:
    """git's own last line of complaint (its words, untranslated)."""
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {completed.returncode}"


def resolve_commit(ref: str, cwd: Path) -> str:
    """The commit `ref` names, or a GitError saying why there is none."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise GitError(phrase("git.not_repository", folder=str(cwd)))
    if not ref or ref.startswith("-") or any(c in ref for c in "\n\r\x00"):
        raise GitError(phrase("git.not_revision", ref=ref))
    found = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    if found.returncode != 0:
        shallow = _git(["rev-parse", "--is-shallow-repository"], cwd).stdout.strip() == b"true"
        hint = phrase("git.shallow.hint")
        if shallow:
            raise GitError(phrase("git.no_such_revision_shallow", ref=ref, hint=hint))
        raise GitError(phrase("git.no_such_revision", ref=ref, hint=hint))
    return found.stdout.decode("ascii").strip()


def list_blobs(commit: str, cwd: Path, folders: Sequence[str]) -> list[Blob]:
    """Data files under `folders` (relative to `cwd`) at `commit`, hidden ones skipped."""
    listed = _git(["ls-tree", "-r", "-l", "-z", commit, "--", *folders], cwd)
    if listed.returncode != 0:
        raise GitError(phrase("git.failed", command="ls-tree", detail=_message(listed)))
    blobs = []
    for entry in listed.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        _mode, kind, oid, size = meta.split()
        # Plain string work, not PurePosixPath: a workspace lists thousands of files, and
        # git already gives normalised '/'-separated paths.
        path = name.decode("utf-8", "replace")
        parts = path.split("/")
        suffix = parts[-1].rpartition(".")[2].lower()
        if (
            kind == b"blob"
            and f".{suffix}" in DATA_SUFFIXES
            and "." in parts[-1][1:]
            and not any(part.startswith(".") for part in parts)
        ):
            blobs.append(Blob(path, oid.decode("ascii"), int(size)))
    return sorted(blobs, key=lambda b: b.path)


class RevisionFiles:
    """The data files of one revision, as the file walk reads them (scorecard.loading.Files):
    sizes from the listing, so too large a blob is refused unread, and contents from one
    `git cat-file --batch` process for the whole walk rather than one `git show` per file.
    Use it as a context manager, so the process is ended."""

    def __init__(self, cwd: Path, blobs: Sequence[Blob]) -> None:
        self.cwd = cwd
        self._blobs = {blob.path: blob for blob in blobs}
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> RevisionFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def size(self, path: Path) -> int:
        return self._blobs[path.as_posix()].size

    def read(self, path: Path) -> bytes:
        blob = self._blobs[path.as_posix()]
        process = self._batch()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(blob.oid.encode("ascii") + b"\n")
            process.stdin.flush()
            header = process.stdout.readline()
        except OSError:  # the process ended: say what git said, below
            header = b""
        fields = header.split()
        if len(fields) != 3 or fields[1] != b"blob":
            detail = header.decode("utf-8", "replace").strip() or "no answer"
            raise GitError(phrase("git.failed", command=f"cat-file {blob.path}", detail=detail))
        data = process.stdout.read(int(fields[2]))
        process.stdout.read(1)  # the newline after each object
        return data

    def _batch(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    cwd=self.cwd,
                    env=_env(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except FileNotFoundError:
                raise GitError(phrase("git.missing")) from None
        return self._process

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - git stuck on its own input
            process.kill()
            process.wait()
        process.stdout.close()


def load_revision(
    ref: str,
    workspace: Workspace,
    *,
    fallback_rubrics: dict[str, Rubric] | None = None,
    only: Sequence[str] = (),
    today: dt.date | None = None,
    same_rubrics: bool = False,
) -> Revision:
    """Validate and load the workspace's rubrics and assessments at `ref`, with the same
    file walk as the working tree's.

    Rubrics missing at `ref` fall back to `fallback_rubrics` (the working tree's and the
    bundled ones). `only` restricts assessments to paths (relative to the workspace root)
    equal to or under the ones given. `same_rubrics`: git says the rubrics at `ref` are the
    working tree's, byte for byte, so they are not read and checked again (the working
    tree's, valid, are `fallback_rubrics`). Raises InvalidInput with `REF:path` problems.
    """
    cwd = workspace.root
    commit = resolve_commit(ref, cwd)
    settings = workspace.settings
    rubrics = [] if same_rubrics else list_blobs(commit, cwd, [settings.rubrics])
    assessments = [
        blob
        for blob in list_blobs(commit, cwd, [settings.assessments])
        if not only or any(_under(blob.path, o) for o in only)
    ]
    candidates = [Candidate(Path(b.path), f"{ref}:{b.path}") for b in [*rubrics, *assessments]]
    with RevisionFiles(cwd, [*rubrics, *assessments]) as files:
        report = walk(
            candidates, files, today=today or dt.date.today(), known_rubrics=fallback_rubrics
        )
    if report.errors:
        raise InvalidInput(report.errors)
    return Revision(ref, commit, report.rubrics, tuple(report.assessments))


def _under(path: str, folder: str) -> bool:
    """Whether the posix `path` is `folder` or inside it."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def changes_since(
    ref: str, workspace: Workspace, paths: Sequence[Path] = (), today: dt.date | None = None
) -> list[tuple[Result | None, Result | None]]:
    """(old, new) result pairs for the assessments that differ between `ref` and the working
    tree (restricted to `paths` when given), paired by jurisdiction code and edition.

    Only the assessment files git says differ (plus files on one side only) are loaded,
    validated and scored, on both sides: an unchanged file scores the same on both and would
    be left out of the change set anyway. When that shortcut could miss something (a rubric
    differs, or files are outside the assessments/<CODE>/<edition> layout or name one
    edition twice) every assessment is compared, as `validate` would check them."""
    from scorecard.api import load_valid

    root = workspace.root.resolve()
    commit = resolve_commit(ref, workspace.root)  # fail on the revision before reading
    only: list[str] = []
    for path in paths:
        try:
            only.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise GitError(
                phrase("git.outside_workspace", path=str(path), root=str(workspace.root))
            ) from None
    folder = workspace.settings.assessments
    on_disk = _git_names(workspace.assessment_files(), workspace.assessments_dir, folder)
    wanted = [p for p in on_disk if not only or any(_under(p, o) for o in only)]
    changed = _changed_assessments(commit, workspace, set(on_disk))
    if changed is not None:
        wanted = [p for p in wanted if p in changed]
        only = sorted(p for p in changed if not only or any(_under(p, o) for o in only))
        if not only:
            return []
    files = [on_disk[p] for p in wanted]
    new_side = load_valid(files or workspace.rubric_files(), workspace, today=today)
    old_side = load_revision(
        ref,
        workspace,
        fallback_rubrics=new_side.rubrics,
        only=only,
        today=today,
        same_rubrics=changed is not None,  # the shortcut is taken only when they are
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


def _changed_assessments(commit: str, workspace: Workspace, on_disk: set[str]) -> set[str] | None:
    """The assessment files (relative to the workspace root) that may differ between `commit`
    and the working tree: those git reports as changed, and those on one side only. None when
    every assessment must be compared instead (see changes_since)."""
    cwd, settings = workspace.root, workspace.settings
    folder = PurePosixPath(settings.assessments)
    if folder.name != "assessments":  # the layout check would not tie paths to editions
        return None
    at_commit_rubrics = {b.path for b in list_blobs(commit, cwd, [settings.rubrics])}
    own_rubrics = {
        _as_git(p, workspace.rubrics_dir, settings.rubrics)
        for p in data_files(workspace.rubrics_dir)
    }
    if at_commit_rubrics != own_rubrics or _differ(commit, cwd, settings.rubrics):
        return None
    at_commit = {b.path for b in list_blobs(commit, cwd, [settings.assessments])}
    for side in (at_commit, on_disk):
        editions = [_edition_key(p, folder) for p in side]
        if None in editions or len(set(editions)) != len(editions):
            return None
    differ = _differ(commit, cwd, settings.assessments)
    return (at_commit ^ on_disk) | (differ & (at_commit | on_disk))


def _as_git(path: Path, found_in: Path, setting: str) -> str:
    """A file found in the workspace folder `found_in` (set as `setting`), named as git
    lists it: relative to the workspace root."""
    return (PurePosixPath(setting) / path.relative_to(found_in).as_posix()).as_posix()


def _git_names(paths: Sequence[Path], found_in: Path, setting: str) -> dict[str, Path]:
    """`_as_git` of many files found in `found_in` (as `data_files` lists them), by their
    text rather than path arithmetic: a workspace lists tens of thousands."""
    prefix = PurePosixPath(setting).as_posix()
    start = len(os.path.join(found_in, ""))
    names: dict[str, Path] = {}
    for path in paths:
        relative = str(path)[start:].replace(os.sep, "/")
        names[relative if prefix == "." else f"{prefix}/{relative}"] = path
    return names


def _edition_key(path: str, folder: PurePosixPath) -> tuple[str, str] | None:
    """(CODE, edition) for assessments/<CODE>/<edition>.<ext>; None for any other place."""
    prefix = f"{folder.as_posix()}/"
    if not path.startswith(prefix):
        return None
    parts = path[len(prefix) :].split("/")
    if len(parts) != 2 or not parts[1]:
        return None
    stem, dot, _ = parts[1].rpartition(".")
    return (parts[0], stem if dot and stem else parts[1])


def _differ(commit: str, cwd: Path, folder: str) -> set[str]:
    """Paths under `folder` (relative to `cwd`) whose working-tree content differs from
    `commit`'s, as git sees it (tracked files; untracked ones are compared by listing)."""
    found = _git(["diff", "--relative", "--name-only", "-z", commit, "--", folder], cwd)
    if found.returncode != 0:
        raise GitError(phrase("git.failed", command="diff", detail=_message(found)))
    return {n.decode("utf-8", "replace") for n in found.stdout.split(b"\0") if n}
