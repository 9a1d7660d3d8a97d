"""`scorecard init` and `scorecard new`: starting points that validate and never overwrite."""

from __future__ import annotations

from pathlib import Path

import yaml


def test_init_writes_a_workspace_that_validates(run, tmp_path: Path) -> None:
    target = tmp_path / "new-ws"
    result = run("init", target)
    assert result.exit_code == 0, result.stderr
    for relative in (
        "scorecard.toml",
        "README.md",
        ".pre-commit-config.yaml",
        ".github/workflows/scorecard.yml",
        "rubrics/security-transparency/1.0.yaml",
    ):
        assert (target / relative).is_file(), relative
    workflow = yaml.safe_load((target / ".github/workflows/scorecard.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("validate --format github" in s for s in steps)
    assert any("diff --git" in s and "GITHUB_STEP_SUMMARY" in s for s in steps)
    assert any("scorecard build" in s for s in steps)
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    result = run("validate", cwd=target)
    assert result.exit_code == 0, result.stdout


def test_init_refuses_a_non_empty_folder(run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert not (tmp_path / "scorecard.toml").exists()


def test_init_force_adds_missing_files_but_keeps_the_users(run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my own readme\n")
    result = run("init", tmp_path, "--force")
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text() == "my own readme\n"
    assert (tmp_path / "scorecard.toml").is_file()
    assert "kept" in result.stderr


def test_new_writes_a_skeleton_listing_every_indicator(run, test_workspace: Path) -> None:
    result = run(
        "new", "XB", "2025", "--name", "Xbland", "--rubric", "test-rubric@1.0", cwd=test_workspace
    )
    assert result.exit_code == 0, result.stderr
    path = test_workspace / "assessments/XB/2025.yaml"
    text = path.read_text()
    for indicator in (
        "strategy.published",
        "strategy.objectives",
        "emergency.time-limit",
        "emergency.notified",
    ):
        assert f"# {indicator}:" in text
    assert "Is the security strategy published?" in text
    data = yaml.safe_load(text)
    assert data["status"] == "draft" and data["edition"] == "2025"
    assert run("validate", cwd=test_workspace).exit_code == 0


def test_new_from_copies_answers_marked_for_reverification(run, test_workspace: Path) -> None:
    result = run("new", "XA", "2025", "--from", "assessments/XA/2024.yaml", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((test_workspace / "assessments/XA/2025.yaml").read_text())
    old = yaml.safe_load((test_workspace / "assessments/XA/2024.yaml").read_text())
    assert set(data["answers"]) == set(old["answers"])
    assert all(answer["reverify"] is True for answer in data["answers"].values())
    assert (
        data["answers"]["strategy.published"]["evidence"]
        == old["answers"]["strategy.published"]["evidence"]
    )
    assert run("validate", cwd=test_workspace).exit_code == 0


def test_new_refuses_to_overwrite(run, test_workspace: Path) -> None:
    before = (test_workspace / "assessments/XA/2024.yaml").read_bytes()
    result = run("new", "XA", "2024", cwd=test_workspace)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (test_workspace / "assessments/XA/2024.yaml").read_bytes() == before


def test_new_rejects_codes_that_could_escape_the_workspace(run, test_workspace: Path) -> None:
    for code, edition in (("../XA", "2025"), ("xa", "2025"), ("XA", "../../evil"), ("XA", "a/b")):
        result = run("new", code, edition, cwd=test_workspace)
        assert result.exit_code == 2, (code, edition)
    assert not (test_workspace.parent / "evil.yaml").exists()
