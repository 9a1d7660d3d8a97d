"""docs/guide.md is true: every command in its `sh` blocks runs, in order, as one script in a
fresh folder, with the tool installed from the project's wheel as the guide says; its YAML
block is applied where the guide says to put it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.adoption.conftest import REPO, clean_env

pytestmark = pytest.mark.e2e

GUIDE = REPO / "docs" / "guide.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
APPLY = """python - "{answers}" assessments/XA/2025.yaml <<'PY'
import sys
from pathlib import Path
answers, target = Path(sys.argv[1]).read_text(), Path(sys.argv[2])
text = target.read_text()
assert "\\nanswers:\\n" in text
target.write_text(text.replace("\\nanswers:\\n", "\\n" + answers, 1))
PY"""


def _script(answers: Path) -> str:
    lines = ["set -euo pipefail"]
    blocks = FENCE.findall(GUIDE.read_text(encoding="utf-8"))
    assert [kind for kind, _ in blocks].count("yaml") == 1
    for kind, body in blocks:
        if kind == "sh":
            lines.append(body)
        elif kind == "yaml":
            answers.write_text(body, encoding="utf-8")
            lines.append(APPLY.format(answers=answers))
    return "\n".join(lines) + "\n"


def test_every_command_of_the_guide_runs(tmp_path: Path, wheel: Path, installed_tool: Path) -> None:
    script = _script(tmp_path / "answers.yaml")
    assert f"./{wheel.name}" in script, "the guide installs the wheel this version builds"
    folder = tmp_path / "desk"
    folder.mkdir()
    shutil.copy(wheel, folder / wheel.name)
    env = clean_env(
        installed_tool,
        GIT_AUTHOR_NAME="Analyst",
        GIT_AUTHOR_EMAIL="analyst@example.org",
        GIT_COMMITTER_NAME="Analyst",
        GIT_COMMITTER_EMAIL="analyst@example.org",
        HOME=str(tmp_path),
    )
    # pre-commit comes from the test tools, after the user's Python on PATH.
    env["PATH"] += ":" + str(Path(sys.executable).parent)
    done = subprocess.run(
        ["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    workspace = folder / "watchdog"
    scores = json.loads((workspace / "xa-2025.json").read_text(encoding="utf-8"))
    (result,) = scores["results"]
    answered = {i["id"]: i["kind"] for p in result["pillars"] for i in p["indicators"]}
    assert answered["strategy.published"] == "level"
    assert answered["emergency.time-limit"] == "not_found"
    assert "XA" in (workspace / "review.md").read_text(encoding="utf-8")
    assert json.loads((workspace / "scorecard.sarif").read_text())["version"] == "2.1.0"
    assert (workspace / "site").is_dir() and (workspace / ".git/hooks/pre-commit").is_file()
