"""`scorecard templates list|copy`: the templates a workspace can override."""

from typing import Annotated

import typer

from scorecard.cli.app import app, examples, note, workspace_for
from scorecard.cli.group import Commands

templates_app = Commands(
    short_help="List or copy the templates a workspace can override.",
    help="The bundled templates: list them, or copy one into the workspace to override it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")


@templates_app.command(
    "list",
    short_help="The templates, their blocks, and the overridden ones.",
    epilog=examples("scorecard templates list"),
)
def templates_list() -> None:
    """Every bundled template, what it extends, the blocks an override can fill, and which
    ones this workspace overrides (marked *)."""
    import sys

    from scorecard.render.templates import describe

    workspace = workspace_for()
    for info in describe(workspace):
        mark = "*" if info.overridden else " "
        extends = f" (extends {info.extends})" if info.extends else ""
        blocks = ", ".join(info.blocks) or "-"
        sys.stdout.write(f"{mark} {info.name}{extends}: blocks {blocks}\n")


@templates_app.command(
    "copy",
    short_help="Copy a bundled template into templates/.",
    epilog=examples(
        "scorecard templates copy base.html.j2",
        "scorecard templates copy scorecard.md.j2 --force",
    ),
)
def templates_copy(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The template, e.g. base.html.j2.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the workspace's own copy.")
    ] = False,
) -> None:
    """Copy a bundled template into the workspace's templates folder, to edit there: the
    workspace's file then overrides the bundled one of the same name."""
    from scorecard.outputs import write_file
    from scorecard.render.templates import copy_template

    workspace = workspace_for(required=True)
    target, text = copy_template(name, workspace, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_file(target, text)
    note(f"wrote {workspace.display(target)}")
