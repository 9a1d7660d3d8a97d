"""Valid models set aside on disk, for a later step in another process.

`build` checks the workspace's files in worker processes and renders their pages in others.
Holding every model between the two would make its memory grow with the workspace; reading
and checking every file again would cost as long again as validating. Instead, whoever checks
a file (a worker, or the validating process itself) appends its model, pickled, to a file of
its own in the spool's folder, and the edition's record says where (`Edition.stored`); the
renderers read back the models they need, a few at a time (`read_model`).

The folder is private to this run (made by `tempfile.mkdtemp`, readable by its owner only)
and removed when the spool is closed, so a pickle read from it was always written by it.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from scorecard.model import Assessment


class Spool:
    """A private temporary folder of pickled models, one file per process that adds to it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="scorecard-models-"))
        self._pid = 0  # the process whose file `_fd` is: a forked worker opens its own
        self._fd = -1
        self._offset = 0

    def add(self, model: Assessment) -> str:
        """Set `model` aside; where it is, for `read_model`."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            path = self.folder / f"{self._pid}.models"
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._offset = os.fstat(self._fd).st_size
        data = pickle.dumps(model, pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:  # a regular file takes it all at once, but a short write is allowed
            view = view[os.write(self._fd, view) :]
        where = f"{self._offset}:{len(data)}:{self.folder / f'{self._pid}.models'}"
        self._offset += len(data)
        return where

    def close(self) -> None:
        if self._fd >= 0 and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = -1
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def read_model(where: str) -> Assessment:
    """The model a spool set aside at `where` (what `Spool.add` returned)."""
    offset, length, path = where.split(":", 2)
    with open(path, "rb") as handle:
        handle.seek(int(offset))
        data = handle.read(int(length))
    model = pickle.loads(data)
    assert isinstance(model, Assessment)
    return model
