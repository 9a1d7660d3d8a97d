"""The one safe way to write a file, and the one safe way to read one.

Writing (`write_file`): through a temporary file in the target's folder and a rename, so a
reader never sees half a file and a failure leaves the old file whole; only ever a regular
file (a device, FIFO, socket or folder is refused, never replaced); never over a file the
command read or one of the folders it reads (`protect`, `protect_folders`); never through a
symlink that leads nowhere, or out of `root` when the link is inside it; and the file that is
replaced keeps its permissions (a 0600 file stays 0600; a new one gets the umask's).

Reading (`read_bounded`): regular files only, opened without blocking (a FIFO cannot hang
the command), at most `limit` bytes read whatever the file claims to hold (`/dev/zero`), and,
for a path inside `root`, never through a link that leads out of it.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from scorecard.errors import OutputError, UsageError

# Names of the command's own standard output: `-o /dev/stdout` writes there, as `-` does,
# instead of replacing whatever file the caller redirected stdout to.
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def names_stdout(path: str | Path) -> bool:
    """Whether `path` is `-` or names this process's standard output."""
    text = str(path)
    if text == "-" or text in _STDOUT_NAMES:
        return True
    try:
        return os.path.samestat(os.stat(text), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):  # no such file; no real stdout (tests)
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _absolute(path: Path) -> Path:
    """`path` made absolute without following any link (`..` kept as written)."""
    return Path(os.path.abspath(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(
    path: Path,
    content: str | bytes | Iterable[str],
    *,
    protect: Iterable[Path] = (),
    protect_folders: Iterable[Path] = (),
    root: Path | None = None,
) -> None:
    """Write `content` (text, bytes, or chunks of text) to `path` atomically, safely (see
    the module's docstring). Raises UsageError for a target it refuses, OutputError when the
    system cannot write it."""
    target = _checked_target(path, protect, protect_folders, root)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        existing = os.stat(target)
        mode = stat.S_IMODE(existing.st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
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
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except UnicodeEncodeError:
        raise OutputError(f"cannot write {path}: the text is not valid Unicode") from None


def _checked_target(
    path: Path, protect: Iterable[Path], protect_folders: Iterable[Path], root: Path | None
) -> Path:
    """The file `path` resolves to, once every refusal has been checked."""
    if "\x00" in str(path):
        raise UsageError("refusing to write to a file name with a NUL character")
    given = _absolute(path)
    if given.is_symlink() and not given.exists():
        raise UsageError(f"refusing to write to {path}: it is a link to a file that does not exist")
    target = given.resolve()
    if root is not None:
        home = root.resolve()
        if _inside(given, _absolute(root)) and not _inside(target, home):
            raise UsageError(f"refusing to write to {path}: it leads out of the workspace {root}")
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise UsageError(f"{path} is a folder; give a file name")
        if not stat.S_ISREG(found.st_mode):
            raise UsageError(
                f"refusing to write to {path}: it is a device, pipe or other special file, "
                "not a regular file (use - for stdout)"
            )
        for source in protect:
            try:
                if os.path.samestat(found, os.stat(source)):
                    raise UsageError(f"refusing to write over the input file {path}")
            except OSError:
                continue
    for folder in protect_folders:
        if _inside(target, folder.resolve()):
            raise UsageError(
                f"refusing to write {path} inside {folder}: the command reads its files from there"
            )
    return target


class NotRegular(OSError):
    """A path that is not a regular file (a folder, device, FIFO or socket)."""


class LeadsOut(OSError):
    """A link inside a folder that leads out of it."""


def read_bounded(path: Path, limit: int, *, root: Path | None = None) -> bytes:
    """At most `limit` + 1 bytes of the regular file `path` (one more than `limit` tells the
    caller the file is too large). OSError (NotRegular, LeadsOut among them) when it cannot."""
    if root is not None:
        given = _absolute(path)
        if _inside(given, _absolute(root)) and not _inside(given.resolve(), root.resolve()):
            raise LeadsOut(errno.EACCES, f"it is a link that leads out of the workspace {root}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(errno.EINVAL, "it is not a regular file")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
