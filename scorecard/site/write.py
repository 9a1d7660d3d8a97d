"""Writing the site: pages into a fresh staging folder beside the output, then one swap.

Nothing is written outside the output folder except that staging sibling; the previous site
stays whole until the new one is complete, and a failed build removes its staging folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
    target = root.joinpath(*page.path.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        if isinstance(page.content, str):
            handle.write(page.content)
        else:
            handle.writelines(page.content)


class StagingWriter:
    """Writes pages into a fresh staging folder beside `output`, counting them against the
    planned `total` and reporting each step to `progress`."""

    def __init__(self, output: Path, total: int, progress: Progress | None = None) -> None:
        parent = output.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=parent))
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


def swap_in(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with renames, so the old site stays whole until the new one
    is complete."""
    for folder in (staging, *[p for p in staging.rglob("*") if p.is_dir()]):
        os.chmod(folder, 0o755)
    old: Path | None = None
    try:
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
