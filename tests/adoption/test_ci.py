"""The CI a team gets works outside this repository: `scorecard init --vendor`, run by the
tool as a user installs it (from its wheel), writes a workflow whose every `run:` step --
the install step included -- succeeds on a fresh runner; and this repository's composite
action does the same. A runner here is a fresh clone of the team's repository, a fresh
virtual environment first on PATH (as actions/setup-python leaves it), and the variables
GitHub sets. `uses:` steps (checkout, setup-python, Pages) are GitHub's own and are not run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.adoption.conftest import REPO, clean_env, fresh_venv, git, new_repository, run

pytestmark = pytest.mark.e2e

DATA = REPO / "tests" / "data"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]  # GitHub's `shell: bash`


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.fixture(scope="session")
def team(tmp_path_factory: pytest.TempPathFactory, installed_tool: Path) -> Path:
    """A team's repository on its 'server' (a bare origin): what `scorecard init --vendor`
    wrote, committed on main. Returns the origin."""
    root = tmp_path_factory.mktemp("team")
    origin = root / "origin.git"
    run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], root)
    work = new_repository(root / "laptop")
    run(
        [str(installed_tool / "scorecard"), "init", "--vendor", "."],
        work,
        env=clean_env(installed_tool),
    )
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "A new workspace")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "origin", "main")
    return origin


def _runner(tmp: Path, origin: Path, name: str) -> tuple[Path, dict[str, str], Path]:
    """A fresh runner: a clone of `origin`, a fresh virtual environment, GitHub's files."""
    home = tmp / name
    checkout = home / "work"
    run(["git", "clone", "-q", str(origin), str(checkout)], tmp)
    git(checkout, "config", "user.email", "ci@example.org")
    git(checkout, "config", "user.name", "CI")
    bin_dir = fresh_venv(home / "python")
    (home / "temp").mkdir()
    env = clean_env(
        bin_dir,
        GITHUB_STEP_SUMMARY=str(home / "summary.md"),
        GITHUB_OUTPUT=str(home / "output.txt"),
        GITHUB_WORKSPACE=str(checkout),
        RUNNER_TEMP=str(home / "temp"),
        HOME=str(home),
    )
    # Nothing on this runner has scorecard yet: the workflow's install step must bring it.
    assert shutil.which("scorecard", path=env["PATH"]) is None
    return checkout, env, bin_dir


def _run_steps(steps: list[dict[str, Any]], checkout: Path, env: dict[str, str]) -> list[str]:
    ran = []
    for step in steps:
        if "run" not in step:
            assert "uses" in step, step
            continue
        command = step["run"]
        assert "${{" not in command, f"an expression pasted into a script: {command}"
        done = subprocess.run(
            [*BASH, command], cwd=checkout, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        ran.append(command)
    return ran


def test_the_generated_workflow_validates_against_githubs_schemas(team: Path, tmp_path) -> None:
    checkout = tmp_path / "look"
    run(["git", "clone", "-q", str(team), str(checkout)], tmp_path)
    for schema, path in (
        ("vendor.github-workflows", ".github/workflows/scorecard.yml"),
        ("vendor.dependabot", ".github/dependabot.yml"),
    ):
        run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(checkout / path)], tmp_path)
    run(
        [
            str(CHECK_JSONSCHEMA),
            "--builtin-schema",
            "vendor.github-actions",
            str(REPO / "action.yml"),
        ],
        tmp_path,
    )


def test_the_review_job_runs_on_a_fresh_runner(team: Path, tmp_path: Path) -> None:
    checkout, env, bin_dir = _runner(tmp_path, team, "review")
    # The pull request: a new commit on a branch; GitHub checks out its head with the base
    # branch's history (fetch-depth: 0), and sets GITHUB_BASE_REF.
    git(checkout, "checkout", "-q", "-b", "update-sv")
    example = checkout / "assessments/SV/2024.yaml"
    text = example.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^as_of: .*$", "as_of: '2024-12-01'", text, count=1)
    assert edited != text
    example.write_text(edited, encoding="utf-8")
    git(checkout, "commit", "-q", "-am", "SV: a later as_of")
    env.update(GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")

    workflow = yaml.safe_load((checkout / ".github/workflows/scorecard.yml").read_text())
    ran = _run_steps(workflow["jobs"]["review"]["steps"], checkout, env)
    assert [c.split()[:3] for c in ran] == [
        ["python", "-m", "pip"],  # the install step, from the vendored wheel
        ["scorecard", "validate", "--format"],
        ["scorecard", "diff", "--git"],
    ]
    assert (bin_dir / "scorecard").is_file()  # installed into the runner's Python
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "SV" in summary  # the changed jurisdiction is in the job summary


def test_the_publish_job_runs_on_a_fresh_runner(team: Path, tmp_path: Path) -> None:
    checkout, env, _ = _runner(tmp_path, team, "publish")
    env.update(GITHUB_EVENT_NAME="push", GITHUB_REF="refs/heads/main")
    workflow = yaml.safe_load((checkout / ".github/workflows/scorecard.yml").read_text())
    steps = workflow["jobs"]["publish"]["steps"]
    ran = _run_steps(steps, checkout, env)
    assert [c.split()[:2] for c in ran] == [
        ["python", "-m"],
        ["scorecard", "validate"],
        ["scorecard", "build"],
    ]
    assert (checkout / "site/index.html").is_file()
    uploaded = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert uploaded["with"]["path"] == "site"


# --- the composite action -------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(inputs\.[\w-]+|github\.action_path)\s*\}\}")


def _action_steps(inputs: dict[str, str]) -> list[dict[str, Any]]:
    """action.yml's steps with `${{ inputs.* }}` and `${{ github.action_path }}` evaluated as
    the runner does (the only expressions the action uses outside its outputs)."""
    action = yaml.safe_load((REPO / "action.yml").read_text())
    given = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    given.update(inputs)

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(REPO) if name == "github.action_path" else given[name.removeprefix("inputs.")]

    def evaluate(text: str) -> str:
        done = EXPRESSION.sub(value, text)
        assert "${{" not in done, text
        return done

    steps = action["runs"]["steps"]
    for step in steps:
        assert step["shell"] == "bash"
        step["env"] = {k: evaluate(str(v)) for k, v in step.get("env", {}).items()}
        if "working-directory" in step:
            step["working-directory"] = evaluate(step["working-directory"])
    return steps


def test_the_action_reviews_a_pull_request_and_gates_a_drop(tmp_path: Path, wheelhouse) -> None:
    origin = tmp_path / "origin.git"
    run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], tmp_path)
    work = new_repository(tmp_path / "laptop")
    shutil.copytree(DATA / "workspace", work, dirs_exist_ok=True)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "XA 2024")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "origin", "main")

    checkout, env, bin_dir = _runner(tmp_path, origin, "runner")
    git(checkout, "checkout", "-q", "-b", "lower-xa")
    path = checkout / "assessments/XA/2024.yaml"
    path.write_text(path.read_text().replace("level: partial", "level: none"), encoding="utf-8")
    git(checkout, "commit", "-q", "-am", "XA: no strategy after all")
    env.update(GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")

    results = []
    for step in _action_steps({"fail-on-drop": "5"}):
        done = subprocess.run(
            [*BASH, step["run"]],
            cwd=checkout / step.get("working-directory", "."),
            env={**env, **step["env"]},
            capture_output=True,
            text=True,
        )
        results.append((step["name"], done.returncode, done.stdout + done.stderr))
    names = [(name, code) for name, code, _ in results]
    # XA's overall score falls from 37.5 to 0: validation passes, the gate fails the step.
    assert names == [("Install Transparency Scorecard", 0), ("Validate", 0), ("What changed", 1)]
    assert (bin_dir / "scorecard").is_file()
    outputs = _outputs(Path(env["GITHUB_OUTPUT"]))
    assert outputs == {"errors": "0", "changed": "true", "gate": "fail"}
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "XA" in summary and "37.5" in summary
    assert "fell by more than 5" in results[-1][2] or "XA" in results[-1][2]
