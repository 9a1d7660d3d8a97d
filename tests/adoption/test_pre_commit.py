"""pre-commit as a team gets it: the configuration `scorecard init` writes, run by the real
pre-commit (from the package index) in a fresh repository, with no scorecard on PATH. The hook
installs the tool itself, and validates the whole workspace, so it catches an invalid
assessment and a rubric edit (a renamed level) that breaks an assessment it does not touch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.adoption.conftest import REPO, clean_env, git, new_repository, run

pytestmark = pytest.mark.e2e

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
EXAMPLE = "assessments/SV/2024.yaml"
RUBRIC = "rubrics/security-transparency/1.1.yaml"  # the version SV 2024 uses


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> dict[str, str]:
    """pre-commit's cache for this module, and a runner's environment without scorecard."""
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))
    assert shutil.which("scorecard", path=env["PATH"]) is None
    return env


def _pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` on the staged files, as `git commit` would."""
    return run([str(PRE_COMMIT), "run"], repo, env=env, check=False)


def _catches_breakage(repo: Path, env: dict[str, str]) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "A new workspace")
    # A harmless change passes (and installs the hook's environment).
    example = repo / EXAMPLE
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("as_of: '2024-11-30'", "as_of: '2024-11-29'"), "utf-8")
    git(repo, "add", EXAMPLE)
    clean = _pre_commit(repo, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    git(repo, "commit", "-q", "--no-verify", "-m", "as_of")

    # An invalid assessment is caught, located.
    example.write_text(example.read_text("utf-8").replace("level: secret", "level: bogus"), "utf-8")
    git(repo, "add", EXAMPLE)
    caught = _pre_commit(repo, env)
    assert caught.returncode == 1, caught.stdout + caught.stderr
    assert f"{EXAMPLE}:" in caught.stdout and "bogus" in caught.stdout
    git(repo, "checkout", "-q", "HEAD", "--", EXAMPLE)

    # A level renamed in the rubric: only the rubric is staged, and the assessment that uses
    # the old name is reported.
    rubric = repo / RUBRIC
    text = rubric.read_text("utf-8")
    renamed, count = re.subn(r"\bid: secret$", "id: classified", text, flags=re.MULTILINE)
    assert count == 1, "the bundled rubric's strategy.published has a level 'secret'"
    rubric.write_text(renamed, "utf-8")
    git(repo, "add", RUBRIC)
    assert git(repo, "diff", "--cached", "--name-only") == RUBRIC
    caught = _pre_commit(repo, env)
    assert caught.returncode == 1, caught.stdout + caught.stderr
    assert f"{EXAMPLE}:" in caught.stdout and "secret" in caught.stdout


def test_the_vendored_hook_catches_breakage(
    tmp_path: Path, installed_tool: Path, hook_home: dict[str, str]
) -> None:
    repo = new_repository(tmp_path / "team")
    run(
        [str(installed_tool / "scorecard"), "init", "--vendor", "."],
        repo,
        env=clean_env(installed_tool),
    )
    _catches_breakage(repo, hook_home)


def test_the_repository_hook_at_a_rev_catches_breakage(
    tmp_path: Path, installed_tool: Path, hook_home: dict[str, str]
) -> None:
    # This project as its users see it: a git repository with .pre-commit-hooks.yaml, at a
    # commit (built from the files of this checkout, committed or not).
    project = new_repository(tmp_path / "transparency-scorecard")
    listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "release")
    commit = git(project, "rev-parse", "HEAD")

    repo = new_repository(tmp_path / "team")
    url = "https://github.com/example-org/transparency-scorecard"
    run(
        [str(installed_tool / "scorecard"), "init", "--install", f"git+{url}@{commit}", "."],
        repo,
        env=clean_env(installed_tool),
    )
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    assert config["repos"] == [
        {"repo": url, "rev": commit, "hooks": [{"id": "scorecard-validate"}]}
    ]
    # The one difference from a team's machine: the repository is a folder, not a URL.
    text = (repo / ".pre-commit-config.yaml").read_text()
    (repo / ".pre-commit-config.yaml").write_text(text.replace(url, str(project)))
    _catches_breakage(repo, hook_home)
