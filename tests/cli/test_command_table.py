"""The lazy top-level group: its static table names exactly the commands the modules define
(so the two cannot drift), start-up imports no command module, a command's module is
imported only when that command is asked for, and every help names its arguments and options
by words, with whole summaries."""

import pkgutil
import re
import subprocess
import sys
from importlib import import_module
from typing import Any

import pytest
import typer.main

import scorecard.cli
from scorecard.cli import app
from scorecard.cli.group import COMMANDS

# The modules of scorecard/cli/ that define no command.
NOT_COMMANDS = {"app", "group"}


def _defined() -> dict[str, tuple[str, str | None]]:
    """What the command modules really define: name -> (module, summary), built by Typer."""
    for found in pkgutil.iter_modules(scorecard.cli.__path__):
        if found.name not in NOT_COMMANDS:
            import_module(f"scorecard.cli.{found.name}")
    defined: dict[str, tuple[str, str | None]] = {}
    for info in app.registered_commands:
        assert info.callback is not None
        command = typer.main.get_command_from_info(
            info, pretty_exceptions_short=False, rich_markup_mode=None
        )
        assert command.name is not None
        defined[command.name] = (info.callback.__module__, command.short_help)
    for group in app.registered_groups:
        built = typer.main.get_group_from_info(
            group, pretty_exceptions_short=False, suggest_commands=True, rich_markup_mode=None
        )
        assert group.typer_instance is not None and built.name is not None
        modules = {c.callback.__module__ for c in group.typer_instance.registered_commands}
        assert len(modules) == 1, f"the commands of {built.name} are in {modules}"
        defined[built.name] = (modules.pop(), built.short_help)
    return defined


def test_the_table_names_exactly_the_commands_the_modules_define() -> None:
    defined = _defined()
    assert sorted(COMMANDS) == sorted(defined), "add or remove the command in cli/group.py"
    for name, (module, summary) in COMMANDS.items():
        assert defined[name] == (module, summary), f"{name}: the table says {module}, {summary!r}"


def test_the_listing_and_completion_come_from_the_table(run: Any) -> None:
    shown = run("--help").stdout.split("Commands:\n")[1]
    rows = [line.split(None, 1) for line in shown.splitlines() if line.strip()]
    assert [(name, summary) for name, summary in rows] == [
        (name, summary) for name, (_, summary) in COMMANDS.items()
    ]
    group: Any = typer.main.get_command(app)
    with group.make_context("scorecard", [], resilient_parsing=True) as ctx:
        found = group.shell_complete(ctx, "va")
    assert [(item.value, item.help) for item in found] == [("validate", COMMANDS["validate"][1])]


def test_a_mistyped_command_is_a_usage_error_with_a_suggestion(run: Any) -> None:
    result = run("valdate")
    assert result.exit_code == 2
    assert "No such command 'valdate'" in result.stderr and "'validate'" in result.stderr


def _loaded_after(*args: str) -> set[str]:
    code = (
        "import sys; from scorecard.cli import main; sys.argv = ['scorecard', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ' '.join(m for m in sys.modules if m.startswith('scorecard')))"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    return set(line.split()[1:])


def test_start_up_imports_no_command_module() -> None:
    for args in (["--version"], ["--help"], []):
        assert _loaded_after(*args) == {
            "scorecard",
            "scorecard.cli",
            "scorecard.cli.app",
            "scorecard.cli.group",
        }, args


def test_a_command_imports_its_own_module_only() -> None:
    loaded = _loaded_after("validate", "--help")
    assert "scorecard.cli.checking" in loaded
    others = {module for module, _ in COMMANDS.values()} - {"scorecard.cli.checking"}
    assert not loaded & others


# --- help whose names are words --------------------------------------------------------------


def _paths() -> list[list[str]]:
    group: Any = typer.main.get_command(app)
    found: list[list[str]] = [[]]
    for name in group.list_commands(None):
        found.append([name])
        sub = group.get_command(None, name)
        found.extend([name, each] for each in getattr(sub, "commands", {}))
    return found


# The type labels Typer prints beside a name: <str>, <path>, <list[Path]>, <int range>, ...
TYPE_LABEL = re.compile(r"<(?:[a-z]+|[a-z]+ range|list\[\w+\]|\w+(?:\|\w+)+)>", re.IGNORECASE)


@pytest.mark.parametrize("path", _paths(), ids=lambda p: " ".join(p) or "scorecard")
def test_help_names_arguments_and_options_by_words(run: Any, path: list[str]) -> None:
    shown = run(*path, "--help").stdout
    usage = shown.splitlines()[0]
    assert "<" not in usage and "{" not in usage, usage
    section = ""
    for line in shown.splitlines():
        if not line.strip() or not line.startswith(" "):
            section = line  # a section ends at a blank line (the epilog's examples follow)
        elif section in ("Arguments:", "Options:") and re.match(r"  \S", line):
            name = re.split(r"\s{2,}", line.strip())[0]
            assert "<" not in name and not TYPE_LABEL.search(name), f"{line!r}"
            # a word: -x, --long, then a metavar in capitals, or [choice|choice]
            word = r"(?:[A-Z][A-Z0-9_@]*(?:\.\.\.)?|\[[a-z0-9|-]+\]|OLD NEW \| PATH\.\.\.)"
            assert re.fullmatch(rf"{word}|(?:-\w, )?--[\w-]+(?: {word})?", name), f"{line!r}"
    assert not TYPE_LABEL.search(shown), TYPE_LABEL.search(shown)


@pytest.mark.parametrize("path", [[], ["rubric"], ["templates"]], ids=str)
def test_summaries_are_whole(run: Any, path: list[str]) -> None:
    shown = run(*path, "--help").stdout.split("Commands:\n")[1]
    for line in shown.splitlines():
        assert line.strip() and not line.rstrip().endswith("..."), line
