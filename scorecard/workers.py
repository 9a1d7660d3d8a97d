"""Worker processes for the commands that read or render a whole workspace.

`validate` (and the validation that starts `build`) checks assessment files in workers, and
`build` renders jurisdictions' pages in workers. Both fork: a worker inherits what it needs
(rubrics, templates, the plan) from its parent instead of receiving it pickled, and returns
small records. Before forking, the parent's objects are moved out of the garbage collector's
reach (`gc.freeze`), so a collection in a worker does not write to, and so copy, every page
of memory it shares with its parent; a worker's memory is then its own work, not a copy of
the parent's.

Every worker exits as soon as its parent is gone, even if the parent was killed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from scorecard.errors import ScorecardError

T = TypeVar("T")


def default_jobs() -> int:
    """Worker processes: one per core, where processes can be forked; else 1 (none)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(os.cpu_count() or 1, 1)


@contextmanager
def forked_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `jobs` forked workers that die with this process. A worker that stops
    before its work is done (killed, or out of memory) is an error with a message, not a
    traceback; the caller writes nothing it has not finished."""
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_die_with,
            initargs=(os.getpid(),),
        ) as pool:
            yield pool
    except BrokenProcessPool:
        raise ScorecardError(
            "a worker process stopped before its work was done (killed, or out of memory?); "
            "nothing was written: run the command again"
        ) from None
    finally:
        gc.unfreeze()


def _die_with(parent: int) -> None:
    """In a worker: exit as soon as the parent is gone, even if it was killed (SIGKILL gives
    it no chance to stop its workers)."""
    import threading
    import time

    try:  # Linux: the kernel sends SIGKILL when the parent dies
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


_CALL: Callable[[], Any] | None = None  # what in_child's process inherits


def _call() -> Any:
    assert _CALL is not None
    return _CALL()


def in_child(work: Callable[[], T]) -> T:
    """`work()` run in a forked child process, its result sent back (pickled). The memory
    the work leaves behind (short-lived objects, and the free space they leave in Python's
    allocator, which a process keeps) stays in the child: a build validates this way, so the
    workers it forks afterwards share a small, compact parent. In this process where
    processes cannot be forked."""
    global _CALL
    if "fork" not in multiprocessing.get_all_start_methods():
        return work()
    _CALL = work
    try:
        with forked_pool(1) as pool:
            result: T = pool.submit(_call).result()
            return result
    finally:
        _CALL = None
