"""The table of commands, the group that builds a command only when it runs, and help whose
names are words.

`scorecard --version` and `scorecard --help` used to import every command module and let
Typer turn every signature into a click command (78 parameters) on each start. Now the
top-level group knows each command's name, module and one-line summary from `COMMANDS`, lists
them from there, and imports and builds a command only when it is run, asked for its own help
or completed (click's "lazy group"). `tests/cli/test_command_table.py` checks that the table
names exactly the commands the modules define, with the same summaries.

`Command` is the class of every command: its help and usage name arguments and options by
words (`FILE`, `PATH...`, `N`) where Typer would print Python types (`<list[Path]>`).
"""

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    # Typer vendors click: the PyPI click is another, slower import (and not a dependency).
    from typer import _click as click
    from typer._click.shell_completion import CompletionItem

# name -> (module that defines it, the summary `scorecard --help` lists), in the order of
# the listing: set up, write, check and score, compare, publish, then the other tools.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("scorecard.cli.authoring", "Create a workspace with CI and pre-commit."),
    "new": ("scorecard.cli.authoring", "Write a new edition's skeleton, as a draft."),
    "validate": ("scorecard.cli.checking", "Check rubrics and assessments."),
    "score": ("scorecard.cli.scoring", "Score assessments."),
    "render": ("scorecard.cli.scoring", "One scorecard: Markdown, HTML or JSON."),
    "diff": ("scorecard.cli.changes", "What changed between editions, and why."),
    "history": ("scorecard.cli.changes", "A jurisdiction's editions over time."),
    "review": ("scorecard.cli.publishing", "What stands between each edition and publication."),
    "build": ("scorecard.cli.publishing", "Build the static site."),
    "rubric": ("scorecard.cli.rubrics", "Show a rubric as a tree, or as a methodology page."),
    "schema": ("scorecard.cli.rubrics", "Print a bundled JSON Schema, or write them all."),
    "templates": (
        "scorecard.cli.templates",
        "List or copy the templates a workspace can override.",
    ),
    "export": ("scorecard.cli.spreadsheets", "Answers and scores for spreadsheets."),
    "import": ("scorecard.cli.spreadsheets", "Apply an edited answers sheet."),
    "sensitivity": ("scorecard.cli.methods", "How much the ranking depends on the method."),
    "agreement": ("scorecard.cli.methods", "How far independent coders agree."),
}


class Command(TyperCommand):
    """A command whose help names each argument and option by a word: its metavar, else its
    name in capitals (Typer would add the Python type: `PATH <list[Path]>`, `<int range>`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
            if param.metavar is None and takes_value and param.name:
                param.metavar = param.name.upper()

    def format_options(self, ctx: "click.Context", formatter: "click.HelpFormatter") -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_word(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx: "click.Context") -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            word = str(param.metavar)
            word = word if param.required else f"[{word}]"
            pieces.append(word + ("..." if param.nargs != 1 else ""))
        return pieces


def _word(param: "click.Parameter") -> str:
    return str(param.metavar) + ("..." if param.nargs != 1 else "")


class Commands(typer.Typer):
    """A Typer app whose commands are `Command`s (words in their help)."""

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **settings: Any
    ) -> Callable[[Any], Any]:
        return super().command(name, cls=cls or Command, **settings)


class LazyGroup(TyperGroup):
    """A group that lists its commands from `COMMANDS` and builds one only when it is asked
    for: the module named in the table is imported (its commands register on `source`, the
    app) and Typer turns that one command, or that one sub-group, into a click command."""

    source: ClassVar[typer.Typer]

    def __init__(self, *, commands: Any = None, **settings: Any) -> None:
        super().__init__(commands=commands, **settings)
        self.commands = _Commands(self._build, dict(self.commands))

    def _build(self, name: str) -> "click.Command | None":
        importlib.import_module(COMMANDS[name][0])
        source = self.source
        for info in source.registered_commands:
            assert info.callback is not None
            if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
                return typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=source.pretty_exceptions_short,
                    rich_markup_mode=source.rich_markup_mode,
                )
        for group in source.registered_groups:
            if group.name == name:
                return typer.main.get_group_from_info(
                    group,
                    pretty_exceptions_short=source.pretty_exceptions_short,
                    suggest_commands=source.suggest_commands,
                    rich_markup_mode=source.rich_markup_mode,
                )
        return None

    def list_commands(self, ctx: "click.Context") -> list[str]:
        return list(self.commands)  # the names only: nothing is imported

    def format_commands(self, ctx: "click.Context", formatter: "click.HelpFormatter") -> None:
        rows = [(name, summary(name)) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: "click.Context", incomplete: str) -> "list[CompletionItem]":
        from typer._click.shell_completion import CompletionItem

        found = [
            CompletionItem(name, help=summary(name))
            for name in self.list_commands(ctx)
            if name.startswith(incomplete)
        ]
        # The options' completions, without TyperGroup's, which would build every command.
        return found + super(TyperGroup, self).shell_complete(ctx, incomplete)


def summary(name: str) -> str:
    """The one-line summary of a top-level command, from the table."""
    return COMMANDS[name][1]


class _Commands(MutableMapping[str, "click.Command"]):
    """The group's commands: every name of the table, each command built on first use."""

    def __init__(
        self, build: Callable[[str], "click.Command | None"], built: dict[str, "click.Command"]
    ) -> None:
        self._build = build
        self._built = built

    def __getitem__(self, name: str) -> "click.Command":
        if name not in self._built:
            command = self._build(name) if name in COMMANDS else None
            if command is None:
                raise KeyError(name)
            self._built[name] = command
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self._built)

    def __setitem__(self, name: str, command: "click.Command") -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]
