"""The command line: one module per command group (thin: options in, one library call, a
formatter from the registry, an exit code out); `app.py`, the app and its error boundary; and
`group.py`, the table of commands, from which the top-level group imports a command's module
only when that command runs.

No module here postpones annotations (`from __future__ import annotations`): Typer would
then compile and evaluate every option's annotation when it builds the command.
"""

from scorecard.cli.app import app, main

__all__ = ["app", "main"]
