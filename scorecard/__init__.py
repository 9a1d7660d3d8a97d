"""Transparency Scorecard: score governments on the transparency of their security policies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scorecard.scoring import Result

__all__ = ["__version__", "score"]


def score(assessment: Any, rubric: Any = None) -> Result:
    """Score an assessment file (path) or a loaded assessment against its rubric.

    >>> from scorecard import score
    >>> score("assessments/SV/2024.yaml").overall_display  # doctest: +SKIP
    """
    from scorecard.api import score as _score

    return _score(assessment, rubric)
