"""Shared by the adoption tests: the project's wheel, built once per session, and fresh
virtual environments that install it the way a user or a CI runner would.

Reaching the package index costs about 45 s per resolution on this machine, and a session
makes several fresh environments. So the session resolves once, from the index, everything
the project and its build need (`pip download` into a wheelhouse), and every fresh
environment -- the user's, each runner's, pre-commit's -- then installs with pip's ordinary
resolution against that wheelhouse (PIP_FIND_LINKS, PIP_NO_INDEX in its environment), as a
runner with a package mirror would. The commands under test are unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(
    args: list[str] | str, cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        shell=isinstance(args, str),
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}")
    return done


def git(cwd: Path, *args: str) -> str:
    return run(["git", *args], cwd).stdout.strip()


def new_repository(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "analyst@example.org")
    git(path, "config", "user.name", "Analyst")
    git(path, "config", "commit.gpgsign", "false")
    return path


def fresh_venv(path: Path) -> Path:
    """A new virtual environment with pip and nothing else (virtualenv, as pre-commit makes
    them: seeding pip is seconds faster than ensurepip); returns its bin folder."""
    run(
        [sys.executable, "-m", "virtualenv", "-q", "--no-setuptools", "--no-wheel", str(path)],
        path.parent,
    )
    return path / ("Scripts" if os.name == "nt" else "bin")


_MIRROR: dict[str, str] = {}


def clean_env(bin_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a runner: this test run's variables less its virtual environment,
    with `bin_dir` first on PATH (as actions/setup-python puts its Python there)."""
    own = str(Path(sys.executable).parent)
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != own]
    if bin_dir is not None:
        path.insert(0, str(bin_dir))
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env.update(PATH=os.pathsep.join(path), CI="true", NO_COLOR="1", **_MIRROR, **extra)
    return env


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's dependencies and build backend, resolved once from the package index;
    from here on, fresh environments install from this folder."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    needs = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    run([sys.executable, "-m", "pip", "download", "--quiet", "-d", str(folder), *needs], REPO)
    _MIRROR.update(PIP_FIND_LINKS=str(folder), PIP_NO_INDEX="1")
    return folder


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> Path:
    """The project's wheel, built from this checkout once per session."""
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(REPO)],
        REPO,
        env=clean_env(),
    )
    (built,) = out.glob("transparency_scorecard-*.whl")
    return built


@pytest.fixture(scope="session")
def installed_tool(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh virtual environment with the wheel installed, as a user installs it; returns
    its bin folder."""
    bin_dir = fresh_venv(tmp_path_factory.mktemp("user") / "venv")
    run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        REPO,
        env=clean_env(bin_dir),
    )
    return bin_dir
