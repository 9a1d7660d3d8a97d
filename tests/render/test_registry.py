"""The registry of outputs: every command renders in every format it offers, through the
command line, to stdout and with `-o` alike; the CLI's choices are the registry's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scorecard.cli import app
from scorecard.render.registry import REGISTRY, Formatter, format_help, formats

XA = "assessments/XA/2024.yaml"


@pytest.fixture
def workspace(test_workspace: Path) -> Path:
    """The test workspace with a second edition of XA and a git history (for diff --git)."""
    later = test_workspace / "assessments" / "XA" / "2025.yaml"
    text = (test_workspace / XA).read_text(encoding="utf-8")
    later.write_text(
        text.replace('edition: "2024"', 'edition: "2025"').replace('"2024-', '"2025-'),
        encoding="utf-8",
    )
    other = test_workspace / "assessments" / "XB" / "2024.yaml"  # sensitivity ranks two
    other.parent.mkdir()
    other.write_text(text.replace("code: XA", "code: XB"), encoding="utf-8")
    for coder in ("alice", "bob"):  # two independent codings of XA 2024
        coding = test_workspace / "codings" / coder / "XA" / "2024.yaml"
        coding.parent.mkdir(parents=True)
        coding.write_text(text, encoding="utf-8")
    return test_workspace


def _args(command: str, workspace: Path) -> list[str]:
    """Arguments that give `command` something to report on."""
    return {
        "validate": ["validate"],
        "score": ["score", XA],
        "render": ["render", XA],
        "rubric show": ["rubric", "show"],
        "rubric doc": ["rubric", "doc"],
        "diff": ["diff", XA, "assessments/XA/2025.yaml"],
        "history": ["history", "XA"],
        "review": ["review"],
        "sensitivity": ["sensitivity", "--draws", "20"],
        "agreement": ["agreement", "codings/alice", "codings/bob"],
        "export": ["export"],
    }[command]


CASES = [(command, name) for command, table in REGISTRY.items() for name in table]


def test_every_command_with_a_format_is_in_the_registry() -> None:
    import typer.main

    group: Any = typer.main.get_command(app)
    offered = set()
    for name, command in group.commands.items():
        commands = getattr(command, "commands", None)
        for sub, leaf in (commands or {name: command}).items():
            key = f"{name} {sub}" if commands else name
            if any(p.name == "format" for p in leaf.params):
                offered.add(key)
    assert offered == set(REGISTRY) - {"rubric show"}


@pytest.mark.parametrize(("command", "fmt"), CASES)
def test_every_command_renders_in_every_format_to_stdout_and_to_a_file(
    run: Any, workspace: Path, command: str, fmt: str
) -> None:
    args = _args(command, workspace)
    with_format = [*args, "--format", fmt] if command != "rubric show" else args
    shown = run(*with_format, cwd=workspace)
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.strip() and "Traceback" not in shown.stderr
    if fmt == "json":
        json.loads(shown.stdout)
    if command == "rubric show":
        return
    target = workspace / f"out.{fmt}"
    written = run(*with_format, "-o", target, cwd=workspace)
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    if REGISTRY[command][fmt].terminal:
        text = target.read_text(encoding="utf-8")
        assert text.strip() and "\x1b[" not in text  # plain text in a file
    else:
        assert target.read_bytes() == shown.stdout_bytes  # the same bytes wherever it goes


@pytest.mark.parametrize("command", sorted(REGISTRY))
def test_help_lists_the_registry_choices(run: Any, command: str) -> None:
    if command == "rubric show":
        return
    shown = run(*command.split(), "--help")
    for name in formats(command):
        assert name in shown.stdout
    assert format_help(command).split(":")[0] in shown.stdout


def test_an_unknown_format_is_a_usage_error_naming_the_choices(run: Any, workspace: Path) -> None:
    shown = run("score", XA, "--format", "pdf", cwd=workspace)
    assert shown.exit_code == 2
    assert "choose one of: table, json, csv" in shown.stderr


def test_formatters_load_what_they_name() -> None:
    for table in REGISTRY.values():
        for formatter in table.values():
            assert isinstance(formatter, Formatter) and callable(formatter.load())


def test_git_diff_renders_in_every_format(run: Any, workspace: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=workspace, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    for fmt in formats("diff"):
        shown = run("diff", "--git", "HEAD", "--format", fmt, cwd=workspace)
        assert shown.exit_code == 0, shown.stderr
