"""`validate --format sarif`: the problems as a SARIF 2.1.0 log, the format GitHub code
scanning and other code-review tools read. One run, one rule per problem code, one result per
problem with its file, line and column; messages in the report's language."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from scorecard import __version__
from scorecard.i18n import translator
from scorecard.render.problems import ProblemReport, localized
from scorecard.render.registry import Options

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(file: str) -> dict[str, str]:
    """An artifact location: a relative path stays relative to the checkout (%SRCROOT%, which
    code scanning maps to the repository root); an absolute one becomes a file: URI."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(PurePosixPath(*path.parts).as_posix()), "uriBaseId": "%SRCROOT%"}


def as_sarif(report: ProblemReport, options: Options) -> str:
    t = translator(options.lang)
    problems = list(report.problems)
    codes = sorted({p.code for p in problems})
    rules = [
        {
            "id": code,
            "name": code.replace("-", " "),
            "shortDescription": {"text": f"scorecard validate: {code}"},
        }
        for code in codes
    ]
    results = []
    for p in problems:
        message, hint = localized(p, t)
        text = message + (f" ({t('problem.hint_label')}: {hint})" if hint else "")
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": codes.index(p.code),
                "level": "error" if p.severity == "error" else "warning",
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _uri(p.file),
                            "region": {"startLine": p.line, "startColumn": p.column},
                        }
                    }
                ],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "Transparency Scorecard",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the workspace"}}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
