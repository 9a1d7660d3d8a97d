"""The command line: one module per command group (thin: options in, one library call, a
formatter from the registry, an exit code out), and `app.py`, the app and its error boundary.

No module here postpones annotations (`from __future__ import annotations`): Typer would
then compile and evaluate every option's annotation on each start.
"""

from scorecard.cli import (  # the command modules register themselves on the app
    authoring,
    changes,
    checking,
    methods,
    publishing,
    rubrics,
    scoring,
    templates,
)
from scorecard.cli.app import app, main

__all__ = [
    "app",
    "authoring",
    "changes",
    "checking",
    "main",
    "methods",
    "publishing",
    "rubrics",
    "scoring",
    "templates",
]
