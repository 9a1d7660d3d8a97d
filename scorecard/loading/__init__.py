"""YAML and JSON files -> plain data, with every node locatable for messages.

Valid files pay only for a fast C-loader parse; line and column of a node are recovered
on demand (`Document.locate`) by composing the file again, only when a problem is reported.

The package: `document` (Document, LoadError, positions), `yaml_text` and `json_text` (text to
data, refusing what is not plain data), and here the reading: from the disk or from any
`Files` (a git revision's blobs), with size, encoding and binary checks first.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path
from typing import Protocol

from scorecard.errors import phrase
from scorecard.loading.document import Document, LoadError, located_problem
from scorecard.loading.json_text import parse_json
from scorecard.loading.yaml_text import parse_yaml
from scorecard.outputs import NotRegular, read_bounded

MAX_BYTES = 5 * 1024 * 1024

__all__ = [
    "DISK",
    "MAX_BYTES",
    "DiskFiles",
    "Document",
    "Files",
    "LoadError",
    "load_document",
    "parse_document",
    "read_document",
]


class Files(Protocol):
    """Where file contents come from: the disk, or a git revision's blobs."""

    def size(self, path: Path) -> int:
        """The file's size in bytes; OSError if it cannot be read."""
        ...

    def read(self, path: Path) -> bytes:
        """The file's bytes; OSError if it cannot be read."""
        ...


class DiskFiles:
    """Files read from the disk: regular files only, never more than `limit` bytes (a FIFO
    cannot hang a command, nor `/dev/zero` fill its memory), and, with a `root`, no link
    from inside that folder to a file outside it (see `scorecard.outputs.read_bounded`)."""

    def __init__(self, root: Path | None = None, limit: int = MAX_BYTES) -> None:
        self.root = root
        self.limit = limit

    def size(self, path: Path) -> int:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(errno.EINVAL, "it is not a regular file")
        return info.st_size

    def read(self, path: Path) -> bytes:
        return read_bounded(path, self.limit, root=self.root)


DISK = DiskFiles()


def read_document(
    files: Files, path: Path, display: str, *, max_bytes: int = MAX_BYTES
) -> Document:
    """Read `path` from `files` into a Document, or raise LoadError with located problems.
    Too large a file is refused before it is read (and, should it grow meanwhile, once it
    has been read as far as the limit)."""

    def too_large(size: int) -> LoadError:
        return LoadError(
            [
                located_problem(
                    display,
                    1,
                    1,
                    phrase(
                        "problem.file.too_large",
                        size=size / 1048576,
                        limit=max_bytes / 1048576,
                    ),
                    "too-large",
                    phrase("problem.file.too_large.hint"),
                )
            ]
        )

    if any("\udc80" <= c <= "\udcff" for c in display):
        # Bytes of the name that are not UTF-8 (kept by Python as lone surrogates) would make
        # every report, JSON above all, invalid: show them escaped, and refuse the file.
        shown = display.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise LoadError(
            [
                located_problem(
                    shown,
                    1,
                    1,
                    phrase("problem.file.name_not_utf8"),
                    "encoding",
                    phrase("problem.file.name_not_utf8.hint"),
                )
            ]
        )
    try:
        size = files.size(path)
        if size > max_bytes:
            raise too_large(size)
        if isinstance(files, DiskFiles) and files.limit != max_bytes:
            files = DiskFiles(files.root, max_bytes)
        raw = files.read(path)
    except OSError as exc:
        raise LoadError(
            [
                located_problem(
                    display,
                    1,
                    1,
                    phrase("problem.file.unreadable", reason=exc.strerror or str(exc)),
                    "unreadable",
                )
            ]
        ) from None
    except ValueError:  # a NUL in the name: no such file can exist
        raise LoadError(
            [
                located_problem(
                    display,
                    1,
                    1,
                    phrase("problem.file.unreadable", reason="invalid file name"),
                    "unreadable",
                )
            ]
        ) from None
    if len(raw) > max_bytes:
        raise too_large(len(raw))
    return parse_document(raw, path, display)


def load_document(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read a YAML or JSON file into a Document, or raise LoadError with located problems."""
    shown = display if display is not None else str(path)
    return read_document(DISK, path, shown, max_bytes=max_bytes)


# Byte-order marks of UTF-32 and UTF-16 (UTF-32 first: its little-endian mark begins like
# UTF-16's); such text is full of NUL bytes, and would otherwise be called binary.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def parse_document(raw: bytes, path: Path, display: str) -> Document:
    """Parse bytes already read from `path` (see load_document)."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            raise LoadError(
                [
                    located_problem(
                        display,
                        1,
                        1,
                        phrase("problem.file.wide_encoding", encoding=encoding),
                        "encoding",
                        phrase("problem.file.utf8.hint"),
                    )
                ]
            )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError(
            [located_problem(display, line, 1, phrase("problem.file.binary"), "binary")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as everywhere else: the bytes before the bad one are
        # valid UTF-8, so decode them to count.
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8-sig" if line == 1 else "utf-8")) + 1
        raise LoadError(
            [
                located_problem(
                    display,
                    line,
                    column,
                    phrase("problem.file.not_utf8", byte=raw[exc.start]),
                    "encoding",
                    phrase("problem.file.utf8.hint"),
                )
            ],
            # For the source snippet only: the undecodable bytes shown as U+FFFD.
            text=raw.decode("utf-8-sig", errors="replace"),
        ) from None
    try:
        if path.suffix.lower() == ".json":
            data = parse_json(text, display)
        else:
            data = parse_yaml(text, display)
    except LoadError as exc:
        exc.text = text
        raise
    return Document(path=path, display=display, text=text, data=data)
