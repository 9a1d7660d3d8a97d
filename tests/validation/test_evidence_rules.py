"""The two-sided evidence rule and the pillar na rule (validation.assessment, scoring), and
`new --from` not carrying an answer whose kind no longer stands.

Issue 13: giving a government the lowest level needed no source and `not_found` no record of
where one looked; partial `na` raised a weakest-link pillar from 0 to 33 at 100% coverage,
and `validate --strict` was clean."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

from scorecard.api import check, score_files
from scorecard.workspace import open_workspace

DATA = Path(__file__).resolve().parent.parent / "data/workspace"
RUBRIC = "rubrics/test-rubric/1.0.yaml"
EDITION = "assessments/XA/2024.yaml"


def _workspace(tmp_path: Path, rubric: tuple[str, str] | None, edition: tuple[str, str]) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DATA, root)
    for name, edit in ((RUBRIC, rubric), (EDITION, edition)):
        if edit is None:
            continue
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text, edit[0]
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return root


def _found(root: Path, strict: bool = False) -> list[tuple[str, str]]:
    checked = check([], open_workspace(root), strict=strict)
    return [(p.severity, p.message.key) for p in checked.problems]


TWO_SIDED = ('min_coverage: "2/3"\n', 'min_coverage: "2/3"\nevidence_rule: two-sided\n')
ACCUSED = (
    "  emergency.time-limit:\n    level: renewed\n    evidence:\n"
    '      - {title: Decree 1, url: "https://example.org/decree-1", quote: The state of '
    "exception is extended.}\n",
    "  emergency.time-limit:\n    level: none\n",
)


def test_the_rubric_file_has_the_anchor_these_tests_edit() -> None:
    assert TWO_SIDED[0] in (DATA / RUBRIC).read_text(encoding="utf-8")


def test_one_sided_rule_lets_an_unsourced_lowest_level_pass(tmp_path: Path) -> None:
    root = _workspace(tmp_path, None, ACCUSED)
    assert _found(root, strict=True) == []


def test_two_sided_rule_needs_sources_for_the_lowest_level_and_a_search_for_not_found(
    tmp_path: Path,
) -> None:
    root = _workspace(tmp_path, TWO_SIDED, ACCUSED)
    found = _found(root)
    assert ("warning", "problem.evidence.too_few_lowest") in found  # an example: --strict refuses
    assert ("warning", "problem.evidence.searched") in found
    assert all(severity == "warning" for severity, _ in found)
    assert check([], open_workspace(root), strict=True).failed


def test_two_sided_rule_is_an_error_in_a_published_edition(tmp_path: Path) -> None:
    root = _workspace(tmp_path, TWO_SIDED, ACCUSED)
    path = root / EDITION
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: example", "status: published"),
        encoding="utf-8",
    )
    errors = {key for severity, key in _found(root) if severity == "error"}
    assert {"problem.evidence.too_few_lowest", "problem.evidence.searched"} <= errors


def test_a_search_record_satisfies_not_found(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        TWO_SIDED,
        (
            "    not_found: Searched the ministry website and gazette on 2024-06-01.\n",
            "    not_found: Searched the ministry website and gazette on 2024-06-01.\n"
            '    searched: [{where: Ministry website, url: "https://example.org/m", '
            'date: "2024-06-01"}]\n',
        ),
    )
    assert _found(root) == []
    (result,) = score_files([root / EDITION], open_workspace(root))
    assert result.evidence_coverage == 1  # both scored answers documented


NA_RULE = ("    aggregation: min\n", "    aggregation: min\n    na_rule: all-or-none\n")
PARTIAL_NA = (
    "  emergency.notified:\n    insufficient: Reports conflict on whether the notification "
    "was sent.\n",
    "  emergency.notified:\n    na: Not relevant.\n",
)
LOW = ("    level: renewed\n", "    level: none\n")


def test_partial_na_games_a_weakest_link_pillar_without_a_rule(tmp_path: Path) -> None:
    root = _workspace(tmp_path, None, PARTIAL_NA)
    assert _found(root, strict=True) == []
    (result,) = score_files([root / EDITION], open_workspace(root))
    emergency = result.pillar("emergency")
    assert emergency is not None and emergency.coverage == 1


def test_an_all_or_none_pillar_refuses_partial_na(tmp_path: Path) -> None:
    root = _workspace(tmp_path, NA_RULE, PARTIAL_NA)
    assert _found(root) == [("warning", "problem.answer.na_partial")]
    assert check([], open_workspace(root), strict=True).failed
    (result,) = score_files([root / EDITION], open_workspace(root))
    emergency = result.pillar("emergency")
    # The na counts as missing: coverage 1/2 is below 2/3, so the pillar is withheld.
    assert emergency is not None and emergency.coverage == Fraction(1, 2)
    assert emergency.status == "withheld"


def test_an_all_or_none_pillar_takes_na_from_all(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        NA_RULE,
        (
            "  emergency.time-limit:\n    level: renewed\n",
            "  emergency.time-limit:\n    na: No state of exception in the period.\n"
            "  emergency.time-limit-old:\n    level: renewed\n",
        ),
    )
    path = root / EDITION
    text = path.read_text(encoding="utf-8")
    start = text.index("  emergency.time-limit-old:")
    text = text[:start] + "  emergency.notified:\n    na: No state of exception in the period.\n"
    path.write_text(text, encoding="utf-8")
    assert _found(root) == []
    (result,) = score_files([root / EDITION], open_workspace(root))
    emergency = result.pillar("emergency")
    assert emergency is not None and emergency.status == "not_applicable"


def test_score_counts_the_reverify_marks_left(run, test_workspace: Path) -> None:
    result = run("new", "XA", "2025", "--from", "assessments/XA/2024.yaml", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    scored = run("score", "assessments/XA/2025.yaml", cwd=test_workspace)
    assert scored.exit_code == 0, scored.stderr
    assert "4 answers still marked reverify" in scored.stdout


def test_new_from_drops_an_answer_whose_kind_no_longer_stands(tmp_path: Path) -> None:
    import yaml

    from scorecard.api import pick_rubric
    from scorecard.scaffold import assessment_skeleton

    root = _workspace(tmp_path, None, LOW)
    previous = yaml.safe_load((root / EDITION).read_text(encoding="utf-8"))
    previous["answers"]["emergency.time-limit"]["notes"] = "Old note."
    previous["answers"]["emergency.time-limit"]["evidence"] = [{"title": "Old decree"}]
    # The new edition is drafted against a rubric whose time-limit has no level `none` now.
    rubric = root / RUBRIC
    rubric.write_text(
        rubric.read_text(encoding="utf-8").replace("- {id: none, value: 0", "- {id: nil, value: 0"),
        encoding="utf-8",
    )
    skeleton = assessment_skeleton(
        pick_rubric(open_workspace(root)), "XA", "2025", previous=previous
    )
    data = yaml.safe_load(skeleton)
    assert "emergency.time-limit" not in data["answers"]
    assert "Old note." not in skeleton and "Old decree" not in skeleton
    assert "no longer fits" in skeleton
    assert data["answers"]["strategy.published"]["reverify"] is True  # the others are copied
