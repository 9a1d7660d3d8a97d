"""Writing the site: pages into a fresh staging folder beside the output, then one swap.

Nothing is written outside the output folder except that staging sibling; the previous site
stays whole until the new one is complete, and a failed build removes its staging folder.

The swap is one atomic exchange of the two folders where the system has one (Linux's
renameat2), so no moment exists without a site; elsewhere it is two renames. Either way a
build killed at any moment (`kill -9`, a power cut) is recovered by the next one (`recover`):
a previous site set aside by the first rename is put back, and staging folders of builds
that are no longer running are removed. Folder names carry the builder's process id, so a
build never removes the staging folder of another that is still running.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scorecard.errors import OutputError

MARKER = ".scorecard-site"
MARKER_TEXT = "This folder was written by `scorecard build`; it is replaced on every build.\n"

Progress = Callable[[int, int], None]
"""progress(done, total): called after each page is written."""


@dataclass(frozen=True)
class Page:
    """One file of the site: its path relative to the site root, and its content."""

    path: PurePosixPath
    content: str | Iterable[str]  # text, or chunks of it written in turn


def write_page(root: Path, page: Page) -> None:
    """Write `page` under `root`, making its folders."""
    write_file(make_place(root, page.path), page.content)


def make_place(root: Path, path: PurePosixPath) -> Path:
    """Where `path` goes under `root`, its folders made (each once per process: a folder
    known to exist is not asked for again)."""
    target = root.joinpath(*path.parts)
    if target.parent not in _MADE:
        target.parent.mkdir(parents=True, exist_ok=True)
        if len(_MADE) >= 64:  # a unit's pages are written together: remember only a few
            _MADE.clear()
        _MADE.add(target.parent)
    return target


def write_file(target: Path, content: str | Iterable[str]) -> None:
    """Write a new file at `target` (its folder made again if it has gone since)."""
    try:
        handle = target.open("w", encoding="utf-8", newline="\n")
    except FileNotFoundError:  # removed since it was made: make it again
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = target.open("w", encoding="utf-8", newline="\n")
    with handle:
        if isinstance(content, str):
            handle.write(content)
        else:
            handle.writelines(content)


_MADE: set[Path] = set()  # folders write_page made lately in this process


def _leftover(name: str, kind: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.{kind}-(\d+)(?:-.*)?")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


# Leftovers whose name carries no process id (older versions) are removed after this long.
_STALE_SECONDS = 3600


def _stale(entry: Path, pattern: re.Pattern[str]) -> bool:
    found = pattern.fullmatch(entry.name)
    if found is not None:
        return not _running(int(found.group(1)))
    try:
        return time.time() - entry.lstat().st_mtime > _STALE_SECONDS
    except OSError:
        return False


def recover(output: Path) -> None:
    """Undo what a killed build left beside `output`: put back a previous site that was set
    aside and never replaced, and remove the staging and set-aside folders of builds that
    are no longer running."""
    output = output.resolve()
    parent = output.parent
    if not parent.is_dir():
        return
    olds = _leftover(output.name, "old")
    builds = _leftover(output.name, "build")
    for entry in sorted(parent.glob(f".{glob_escape(output.name)}.*")):
        if not entry.is_dir() or entry.is_symlink():
            continue
        if entry.name.startswith(f".{output.name}.old-") and _stale(entry, olds):
            if not os.path.lexists(output) and (entry / MARKER).is_file():
                entry.rename(output)  # killed between the two renames: the old site returns
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{output.name}.build-") and _stale(entry, builds):
            shutil.rmtree(entry, ignore_errors=True)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


class StagingWriter:
    """Writes pages into a fresh staging folder beside `output`, counting them against the
    planned `total` and reporting each step to `progress`."""

    def __init__(self, output: Path, total: int, progress: Progress | None = None) -> None:
        parent = output.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(
            tempfile.mkdtemp(prefix=f".{output.name}.build-{os.getpid()}-", dir=parent)
        )
        self.total = total
        self.written = 0
        self.progress = progress

    def count(self, pages: int) -> None:
        """Record `pages` more pages written (here or by a worker process)."""
        self.written += pages
        if self.progress is not None:
            self.progress(self.written, self.total)

    def write(self, page: Page) -> None:
        write_page(self.staging, page)
        self.count(1)

    def write_all(self, pages: Iterable[Page]) -> None:
        for page in pages:
            self.write(page)

    def finish(self, output: Path) -> None:
        """Mark the staging folder as ours and swap it in for `output`."""
        (self.staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        swap_in(self.staging, output.resolve())

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the
    system cannot, so the caller falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, output: Path) -> None:
    """Replace `output` by `staging`, so the old site stays whole until the new one is
    complete: one atomic exchange where the system has one, else two renames."""
    os.chmod(staging, 0o755)
    for parent, folders, _ in os.walk(staging):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
    old: Path | None = None
    try:
        if output.exists() and _exchange(staging, output):
            shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
            return
        if output.exists():
            old = output.with_name(f".{output.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
            output.rename(old)
        staging.rename(output)
    except OSError as exc:
        if old is not None and old.exists() and not output.exists():
            old.rename(output)
        raise OutputError(f"cannot write the site to {output}: {exc.strerror or exc}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
