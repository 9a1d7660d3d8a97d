"""`scorecard init` writes a CI workflow whose commands really work: run them in a git
repository, as GitHub Actions would on a pull request and on a push to main."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _scorecard_steps(workflow: dict, job: str) -> list[str]:
    """The `run:` commands of a job that call scorecard (the install step is ours to skip)."""
    return [
        s["run"]
        for s in workflow["jobs"][job]["steps"]
        if "scorecard " in s.get("run", "") and not s["run"].startswith("pip ")
    ]


def test_the_generated_workflow_commands_succeed(tmp_path: Path) -> None:
    repo = tmp_path / "watchdog"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "CI": "true"}
    subprocess.run(
        [bin_dir / "scorecard", "init", str(repo)], check=True, env=env, capture_output=True
    )
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "analyst@example.org")
    _git(repo, "config", "user.name", "Analyst")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "A new workspace")

    # A pull request: an edit to the example assessment.
    example = next((repo / "assessments").rglob("*.yaml"))
    text = example.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^as_of: .*$", 'as_of: "2024-12-01"', text, count=1)
    assert edited != text
    example.write_text(edited, encoding="utf-8")

    workflow = yaml.safe_load((repo / ".github/workflows/scorecard.yml").read_text())
    summary = tmp_path / "summary.md"
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    review = _scorecard_steps(workflow, "review")
    assert any("validate --format github" in c for c in review)
    assert any("diff --git" in c for c in review)
    for command in review:
        # On GitHub the base branch is origin/<base_ref>; here it is the commit before the edit.
        command = command.replace('"origin/${{ github.base_ref }}"', "HEAD")
        assert "${{" not in command, command
        done = subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    report = summary.read_text(encoding="utf-8")
    assert example.parent.name in report  # the changed jurisdiction is in the job summary

    for command in _scorecard_steps(workflow, "publish"):
        done = subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert (repo / "site/index.html").is_file()
    uploaded = next(
        s
        for s in workflow["jobs"]["publish"]["steps"]
        if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert uploaded["with"]["path"] == "site"
