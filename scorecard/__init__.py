"""Transparency Scorecard: score governments on the transparency of their security policies."""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scorecard.scoring import Result

__all__ = ["__version__", "score"]


def score(assessment: Any, rubric: Any = None) -> "Result":
    """Score an assessment file (path) or a loaded assessment against its rubric.

    >>> from scorecard import score
    >>> result = score("assessments/SV/2024.yaml")
    >>> result.status, result.overall, result.coverage  # doctest: +SKIP
    ('withheld', None, Fraction(4, 11))
    """
    import importlib

    # Imported by name, so the package root stays below every module in the import graph
    # (the front door imports the core, and the core imports `__version__` from here).
    api: Any = importlib.import_module("scorecard.api")
    result: Result = api.score(assessment, rubric)
    return result
