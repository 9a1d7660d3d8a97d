"""Writing output files safely: atomically, and never over a file the command read."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from scorecard.errors import OutputError, UsageError


def write_file(
    path: Path, content: str | bytes | Iterable[str], *, protect: Iterable[Path] = ()
) -> None:
    """Write `content` (text, bytes, or chunks of text) to `path` through a temporary file and
    a rename, so a reader never sees half a file and a failure leaves the old file whole.
    Refuses to write over an input."""
    target = path.resolve()
    for source in protect:
        if source.exists() and source.resolve() == target:
            raise UsageError(f"refusing to write over the input file {path}")
    if target.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                if isinstance(content, bytes):
                    handle.write(content)
                elif isinstance(content, str):
                    handle.write(content.encode("utf-8"))
                else:
                    for chunk in content:
                        handle.write(chunk.encode("utf-8"))
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
