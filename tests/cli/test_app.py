"""Conventions every command keeps: --help with examples, --version, exit codes, quiet,
verbose and debug, and start-up that imports only what a command uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from scorecard import __version__
from scorecard.cli import app
from scorecard.errors import UsageError


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        if hasattr(command, "commands"):  # a group (Typer vendors its own click)
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(group, [])
    return found


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "scorecard")
def test_every_command_has_help_with_examples(run, path: list[str]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    command: object = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    if not hasattr(command, "commands"):
        assert "Example" in result.stdout, f"scorecard {' '.join(path)} --help gives no example"
    assert (getattr(command, "help", "") or "").strip(), f"scorecard {' '.join(path)}: no help"


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"scorecard {__version__}"


def test_usage_errors_exit_2(run, test_workspace: Path) -> None:
    assert run("no-such-command").exit_code == 2
    assert (
        run("score", "--format", "yaml", "assessments/XA/2024.yaml", cwd=test_workspace).exit_code
        == 2
    )
    result = run("score", "missing.yaml", cwd=test_workspace)
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_verbose_lists_what_was_checked(run, test_workspace: Path) -> None:
    result = run("--verbose", "validate", cwd=test_workspace)
    assert result.exit_code == 0
    assert "checked assessments/XA/2024.yaml" in result.stderr


def test_debug_shows_the_full_exception(run, test_workspace: Path) -> None:
    with pytest.raises(UsageError):
        run("--debug", "score", "missing.yaml", cwd=test_workspace)


def test_no_traceback_without_debug(run, test_workspace: Path) -> None:
    (test_workspace / "assessments/XA/2024.yaml").write_bytes(b"\x00\x01binary")
    for args in (
        ["validate"],
        ["score", "assessments/XA/2024.yaml"],
        ["build"],
        ["render", "assessments/XA/2024.yaml"],
    ):
        result = run(*args, cwd=test_workspace)
        assert result.exit_code == 1, args
        assert "Traceback" not in result.stdout + result.stderr
        assert "binary" in result.stderr + result.stdout


def test_version_and_help_import_only_typer() -> None:
    code = (
        "import sys; from scorecard.cli import main; sys.argv = ['scorecard', '--help'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('jsonschema', 'jinja2', 'yaml', 'markdown_it', 'scorecard.scoring',"
        " 'scorecard.validation') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
