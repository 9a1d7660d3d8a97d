"""Schema and semantic checks for rubrics and assessments. Never raises on bad data: every
finding becomes a located Problem (a code and a catalog phrase), and only valid files become
models.

    walk.py        the one file walk (disk and git revisions): rubrics first, then assessments
    rubric.py      checks of a rubric
    assessment.py  checks of an assessment
    findings.py    the Report, Findings located by data path, checks every file gets
    batch.py       checking assessment files one at a time, in worker processes when many
    spool.py       valid models set aside on disk, for a later step in another process
"""

from __future__ import annotations

from scorecard.validation.assessment import check_assessment
from scorecard.validation.batch import Candidate
from scorecard.validation.findings import Report
from scorecard.validation.rubric import check_rubric
from scorecard.validation.spool import Spool, read_model
from scorecard.validation.walk import check_files, walk

__all__ = [
    "Candidate",
    "Report",
    "Spool",
    "check_assessment",
    "check_files",
    "check_rubric",
    "read_model",
    "walk",
]
