"""The workspace cache: content-addressed entries in a git-ignored folder, `.scorecard-cache/`.

`validate` remembers there each assessment that passed, and `build` each jurisdiction's rendered
pages, so that after one file changes only what depends on it is read and made again.

Pages are kept as plain files (`put_files`), which a build hard-links into the site it writes
(`link_files`) rather than writing them again: a page is written to disk once, when it is first
rendered, and an unchanged one keeps its file (and its modification time, which deploy tools
compare) from build to build. An entry keeps its files' sizes and modification times, and a
file that no longer has them (changed in place through a link, cut short) reads as missing.

Every entry is named by the SHA-256 of everything its content depends on: the tool's own files
(its version and the bytes of its modules, catalogs and templates, so an edited install never
reads an older tool's entries, and a fresh install of the same tool does), the rubrics, the
templates, the settings, the language and the bytes of the files it was made from. A change
anywhere gives a new name, so an entry is never stale and nothing needs invalidating. Entries
are JSON, never pickle (a cache folder could come from someone else), written atomically (a
temporary file, then a rename: a build killed mid-write leaves no half entry under a real
name), and each carries its own length and digest, so a truncated or corrupt entry reads as
missing and is simply made again. Deleting the folder is always safe; `SCORECARD_NO_CACHE=1`
(or `build --clean`) leaves it unread and unwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import Any

FOLDER = ".scorecard-cache"
_MAGIC = b"scorecard-cache 1\n"
_PACKAGE = Path(__file__).resolve().parent


def disabled_by_environment() -> bool:
    return os.environ.get("SCORECARD_NO_CACHE", "") not in ("", "0")


def digest(*parts: str | bytes) -> str:
    """The SHA-256 of `parts`, each length-prefixed (so no two lists of parts collide)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(f"{len(data)}:".encode())
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(folders: Iterable[Path], *, contents: bool) -> str:
    """A digest of every file under `folders`: names and bytes (`contents`), or names, sizes
    and modification times."""
    parts: list[str | bytes] = []
    for folder in folders:
        parts.append(str(folder))
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            parts.append(str(path.relative_to(folder)))
            if contents:
                parts.append(path.read_bytes())
            else:
                info = path.stat()
                parts.append(f"{info.st_size}:{info.st_mtime_ns}")
    return digest(*parts)


_TOOL: str | None = None


def tool_fingerprint() -> str:
    """The tool's version and its own files (modules, catalogs, bundled templates)."""
    global _TOOL
    if _TOOL is None:
        from scorecard import __version__
        from scorecard.workspace import bundled_dir

        # By content, not times: a fresh install (as in CI, with the cache restored from an
        # earlier run) has new file times but the same tool (7 ms for the whole package).
        folders = [_PACKAGE, bundled_dir("templates")]
        _TOOL = digest(__version__, tree_digest(folders, contents=True))
    return _TOOL


@dataclass(frozen=True, slots=True)
class Edition:
    """What the site plan needs of one valid assessment, without its model: where it is, its
    bytes' digest, and which edition of which jurisdiction it is. Compact, since a build
    holds one per edition: slotted, the path as text, shared values held once (`compact`)."""

    path: str
    display: str
    sha256: str
    code: str
    edition: str
    as_of: str
    status: str
    rubric: str
    stored: str = ""  # where a spool set its model aside, if one did (validation.spool)

    def compact(self) -> Edition:
        """The same record with its repeated values (code, edition, date, status, rubric)
        shared with every other record that has them."""
        return Edition(
            self.path,
            self.display,
            self.sha256,
            intern(self.code),
            intern(self.edition),
            intern(self.as_of),
            intern(self.status),
            intern(self.rubric),
            self.stored,
        )


class Cache:
    """Entries under `root` (a workspace's `.scorecard-cache/`), by namespace and key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_workspace(cls, workspace_root: Path) -> Cache | None:
        """The workspace's cache; None when the environment turns caching off, or when the
        folder is no workspace (no scorecard.toml, rubrics/ or assessments/: a file checked
        on its own leaves nothing behind)."""
        from scorecard.workspace import is_workspace

        if disabled_by_environment() or not is_workspace(workspace_root):
            return None
        return cls(workspace_root / FOLDER)

    def _path(self, namespace: str, key: str) -> Path:
        return self.root / namespace / key[:2] / key[2:]

    def get(self, namespace: str, key: str) -> Any | None:
        """The entry's value, or None if it is missing, truncated or corrupt."""
        try:
            raw = self._path(namespace, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = _decode(raw)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store `value` (JSON data) atomically; a cache that cannot be written is skipped."""
        target = self._path(namespace, key)
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        header = _MAGIC + f"{len(payload)} {hashlib.sha256(payload).hexdigest()}\n".encode()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _ignore_file(self.root)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(header + payload)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk: the cache is only ever an optimisation

    def put_files(self, namespace: str, key: str, texts: Iterable[str]) -> list[Stamp] | None:
        """Store `texts` as the files of an entry (a folder of files named 0, 1, ...), each
        written once and then only ever linked (`link_files`); their stamps, to keep in a
        `put` entry, or None when the cache cannot be written. The folder is made under a
        temporary name and renamed whole, so no entry is ever half written."""
        target = self._path(namespace, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _ignore_file(self.root)
            temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        except OSError:
            return None
        try:
            stamps = []
            for number, text in enumerate(texts):
                path = temporary / str(number)
                with path.open("w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                stamps.append(_stamp(path.stat()))
            if target.is_dir():  # an entry whose stamps no longer matched: made anew
                shutil.rmtree(target, ignore_errors=True)
            temporary.rename(target)
            return stamps
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)
            return None

    def link_files(
        self, namespace: str, key: str, stamps: Sequence[Stamp], targets: Sequence[Path]
    ) -> bool:
        """Give each target the bytes of the entry's file of the same number, as a hard link
        (a copy where the target's disk cannot link to the cache's) — if every file is still
        a regular file with its stamp (size and modification time), so one changed in place
        (through a link, say) is never used. False, with nothing made, otherwise.

        Nothing in the entry is followed through a symbolic link: a cache folder from
        elsewhere cannot make a build publish another file of the machine (a system that
        cannot refuse links that way renders the pages instead)."""
        if not _NO_FOLLOWING:
            return False
        try:
            folder = os.open(
                self._path(namespace, key), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
            )
        except OSError:
            return False
        made: list[Path] = []
        try:
            names = [str(number) for number in range(len(targets))]
            for name, expected in zip(names, stamps, strict=True):
                found = os.stat(name, dir_fd=folder, follow_symlinks=False)
                if not stat.S_ISREG(found.st_mode) or _stamp(found) != list(expected):
                    return False
            for name, target in zip(names, targets, strict=True):
                try:
                    os.link(name, target, src_dir_fd=folder, follow_symlinks=False)
                except OSError:  # another disk, or a system without links: a copy
                    _copy(folder, name, target)
                made.append(target)
            return True
        except OSError:
            for target in made:  # so that writing the page again cannot reach the cache
                target.unlink(missing_ok=True)
            return False
        finally:
            os.close(folder)

    def keep_only(self, namespace: str, keys: set[str]) -> None:
        """Remove the namespace's entries not in `keys` (and stray temporary files)."""
        folder = self.root / namespace
        if not folder.is_dir():
            return
        for entry in folder.glob("*/*"):
            if entry.parent.name + entry.name not in keys:
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


# Whether this system can open a folder and link from it without following any symbolic link.
_NO_FOLLOWING = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and os.link in os.supports_dir_fd
    and os.stat in os.supports_dir_fd
    and os.open in os.supports_dir_fd
)

Stamp = list[int]
"""A cached file's size and modification time (in nanoseconds), as an entry keeps them."""


def _stamp(found: os.stat_result) -> Stamp:
    return [found.st_size, found.st_mtime_ns]


def _copy(folder: int, name: str, target: Path) -> None:
    source = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
    with open(source, "rb") as reading, target.open("xb") as writing:
        shutil.copyfileobj(reading, writing)


def _ignore_file(root: Path) -> None:
    """A .gitignore inside the cache folder, so git ignores it in any repository."""
    marker = root / ".gitignore"
    if not marker.exists():
        marker.write_text("# written by scorecard: a cache, safe to delete\n*\n", encoding="utf-8")


def _decode(raw: bytes) -> Any | None:
    if not raw.startswith(_MAGIC):
        return None
    head, newline, payload = raw[len(_MAGIC) :].partition(b"\n")
    if not newline:
        return None
    try:
        length, checksum = head.decode("ascii").split(" ")
        if int(length) != len(payload) or hashlib.sha256(payload).hexdigest() != checksum:
            return None
        return json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
