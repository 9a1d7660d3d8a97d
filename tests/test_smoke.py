from pathlib import Path


def test_validate_and_score_the_test_workspace(run, test_workspace: Path) -> None:
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    result = run("score", "assessments/XA/2024.yaml", "--format", "csv", cwd=test_workspace)
    assert result.exit_code == 0
    assert (
        "XA,2024,2024-06-30,test-rubric@1.0,example,overall,overall,,,,,37.5,low,scored,66.7"
        in result.stdout
    )
