"""The command line: one module per command group, each thin (options in, one library call,
a formatter from the registry, an exit code out); `app.py` holds the app and its error
boundary."""

from scorecard.cli import authoring, changes, checking, publishing, rubrics, scoring
from scorecard.cli import spreadsheets as spreadsheets
from scorecard.cli.app import app, main

__all__ = ["app", "authoring", "changes", "checking", "main", "publishing", "rubrics", "scoring"]
