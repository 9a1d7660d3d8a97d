"""`scorecard build` recovers from interruptions and disk errors (issue 17, item 5)."""

from __future__ import annotations

import errno
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_support import cache_mode  # noqa: F401  (autouse: every test with and without the cache)

from scorecard.site import write
from scorecard.site.write import MARKER, recover
from scorecard.workers import _die_with

Run = Callable[..., Any]


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def _tree(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_site_set_aside_by_a_killed_build_is_put_back(run: Run, test_workspace: Path) -> None:
    assert run("build", cwd=test_workspace).exit_code == 0
    site = test_workspace / "site"
    before = {p.relative_to(site): b for p, b in _tree(site).items()}
    # killed between the two renames: the old site set aside, the new one not yet in place
    aside = test_workspace / f".site.old-{_dead_pid()}"
    site.rename(aside)
    recover(site)
    assert {p.relative_to(site): b for p, b in _tree(site).items()} == before
    assert not aside.exists()


def test_leftovers_of_killed_builds_are_removed_but_not_running_ones(
    run: Run, test_workspace: Path
) -> None:
    dead = test_workspace / f".site.build-{_dead_pid()}-abc"
    old_style = test_workspace / ".site.build-k2j3h4"
    running = test_workspace / f".site.build-{os.getppid()}-xyz"
    for folder in (dead, old_style, running):
        folder.mkdir()
        (folder / "index.html").write_text("half", encoding="utf-8")
    hour_ago = time.time() - 7200
    os.utime(old_style, (hour_ago, hour_ago))
    assert run("build", cwd=test_workspace).exit_code == 0
    assert not dead.exists() and not old_style.exists()
    assert running.exists()  # another build, still running, keeps its folder
    assert (test_workspace / "site" / MARKER).is_file()


def test_a_full_disk_is_a_message_and_the_old_site_is_kept(
    run: Run, test_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", cwd=test_workspace).exit_code == 0
    site = test_workspace / "site"
    before = _tree(site)

    def full(root: Path, page: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(root / "index.html"))

    monkeypatch.setattr(write, "write_page", full)
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert _tree(site) == before
    assert [p.name for p in test_workspace.iterdir() if p.name.startswith(".site")] == []


def test_an_unwritable_parent_is_a_message(run: Run, test_workspace: Path) -> None:
    blocker = test_workspace / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = run("build", "-o", "blocker/site", cwd=test_workspace)
    assert result.exit_code == 1, result.stderr
    assert "cannot write the site" in result.stderr and "Traceback" not in result.stderr


def test_workers_exit_when_the_build_is_killed() -> None:
    reader, writer = os.pipe()
    builder = os.fork()
    if builder == 0:  # the "build": starts a worker, then is killed
        os.close(reader)
        me = os.getpid()  # as the build passes it, so a worker late to start still knows
        worker = os.fork()
        if worker == 0:
            _die_with(me)
            time.sleep(60)
            os._exit(0)
        os.write(writer, str(worker).encode())
        os.close(writer)
        time.sleep(60)
        os._exit(0)
    os.close(writer)
    worker = int(os.read(reader, 32))
    os.close(reader)
    os.kill(builder, signal.SIGKILL)
    os.waitpid(builder, 0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.1)
    if not _alive(worker):
        return
    os.kill(worker, signal.SIGKILL)
    pytest.fail("the worker outlived its build")


def _alive(pid: int) -> bool:
    """Whether `pid` runs (an exited worker no one has reaped yet, a zombie, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
