"""scorecard/outputs.py and the commands that write and read through it (issue 17, items 3
and 6): one safe writer, one safe reader."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scorecard.cache import FOLDER
from scorecard.errors import UsageError
from scorecard.outputs import LeadsOut, NotRegular, names_stdout, read_bounded, write_file

Run = Callable[..., Any]
ASSESSMENT = "assessments/XA/2024.yaml"
RUBRIC = "rubrics/test-rubric/1.0.yaml"


def _said(result: Any) -> str:
    return str(result.stdout) + str(result.stderr)


# --- the writer ------------------------------------------------------------------------------


def test_writes_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.md"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    write_file(target, ["new ", "text"])
    assert target.read_text(encoding="utf-8") == "new text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["private.md"]  # no temporary left


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "new.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_a_failing_stream_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def chunks() -> Any:
        yield "half"
        raise ValueError("a later item failed")

    with pytest.raises(ValueError):
        write_file(target, chunks())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_refused_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="special file"):
        write_file(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(UsageError, match="special file"):
        write_file(Path("/dev/null"), "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(UsageError, match="folder"):
        write_file(tmp_path, "x")


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "created.yaml"
    link = tmp_path / "link.yaml"
    link.symlink_to(outside)
    (tmp_path / "outside").mkdir()
    with pytest.raises(UsageError, match="does not exist"):
        write_file(link, "x")
    assert not outside.exists()


def test_a_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (root / "report.md").symlink_to(victim)
    with pytest.raises(UsageError, match="out of the workspace"):
        write_file(root / "report.md", "x", root=root)
    assert victim.read_text(encoding="utf-8") == "keep"


def test_inputs_and_input_folders_are_protected(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text("keep", encoding="utf-8")
    hard = tmp_path / "hard.yaml"
    os.link(source, hard)
    for target in (source, hard):
        with pytest.raises(UsageError, match="input file"):
            write_file(target, "x", protect=[source])
    folder = tmp_path / "rubrics"
    folder.mkdir()
    with pytest.raises(UsageError, match="reads its files"):
        write_file(folder / "new.md", "x", protect_folders=[folder])
    assert source.read_text(encoding="utf-8") == "keep"


def test_names_of_stdout() -> None:
    assert names_stdout("-") and names_stdout("/dev/stdout")
    assert not names_stdout("report.md")


# --- the reader ------------------------------------------------------------------------------


def test_reads_only_regular_files_and_at_most_the_limit(tmp_path: Path) -> None:
    with pytest.raises(NotRegular):
        read_bounded(Path("/dev/zero"), 1024)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 5000)
    assert len(read_bounded(big, 1000)) == 1001


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_does_not_hang_the_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "2024.yaml"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def read() -> None:
        try:
            read_bounded(fifo, 1024)
        except OSError as exc:
            done.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert done and isinstance(done[0], NotRegular)


def test_a_link_out_of_the_root_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.yaml").symlink_to("/etc/passwd")
    with pytest.raises(LeadsOut):
        read_bounded(root / "a.yaml", 1024, root=root)
    assert read_bounded(root / "a.yaml", 1024)  # named outside a workspace: the user's choice


# --- the commands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("score", ASSESSMENT, "-o", RUBRIC),
        ("validate", "-o", RUBRIC),
        ("validate", "-o", ASSESSMENT),
        ("rubric", "doc", "--format", "md", "-o", RUBRIC),
        ("history", "XA", "-o", RUBRIC),
        ("render", ASSESSMENT, "-o", ASSESSMENT),
        ("render", ASSESSMENT, "-o", "scorecard.toml"),
    ],
)
def test_no_command_writes_over_the_workspace_inputs(
    test_workspace: Path, run: Run, args: tuple[str, ...]
) -> None:
    (test_workspace / "scorecard.toml").write_text('title = "t"\n', encoding="utf-8")

    def inputs() -> dict[Path, bytes]:  # every file but the tool's own git-ignored cache
        cache = test_workspace / FOLDER
        return {
            p: p.read_bytes()
            for p in test_workspace.rglob("*")
            if p.is_file() and cache not in p.parents
        }

    before = inputs()
    result = run(*args, cwd=test_workspace)
    assert result.exit_code == 2, _said(result)
    assert "refusing" in _said(result)
    assert inputs() == before


def test_output_onto_a_device_is_refused(test_workspace: Path, run: Run) -> None:
    result = run("score", ASSESSMENT, "-o", "/dev/null", cwd=test_workspace)
    assert result.exit_code == 2 and "special file" in _said(result)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_dev_stdout_is_stdout(test_workspace: Path, run: Run) -> None:
    result = run("score", ASSESSMENT, "--format", "json", "-o", "/dev/stdout", cwd=test_workspace)
    assert result.exit_code == 0 and result.stdout.startswith('{\n  "format"')


def test_validate_refuses_devices_fifos_and_links_out(test_workspace: Path, run: Run) -> None:
    os.mkfifo(test_workspace / "assessments" / "XA" / "2023.yaml")
    (test_workspace / "assessments" / "XA" / "2022.yaml").symlink_to("/etc/passwd")
    result = run("validate", cwd=test_workspace)  # the FIFO is no data file: skipped
    said = _said(result)
    assert result.exit_code == 1
    assert "2022.yaml:1:1: error: cannot read the file: it is a link that leads out" in said
    assert "root:" not in said  # nothing of /etc/passwd is quoted
    named = run("score", "assessments/XA/2023.yaml", cwd=test_workspace)
    assert named.exit_code == 1
    assert "2023.yaml:1:1: error: cannot read the file: it is not a regular file" in _said(named)
    zero = run("validate", "/dev/zero", cwd=test_workspace)
    assert zero.exit_code == 1 and "not a regular file" in _said(zero)


def test_build_refuses_outputs_inside_its_input_folders(test_workspace: Path, run: Run) -> None:
    for folder in ("assessments/site", "rubrics/x", "templates/site"):
        result = run("build", "-o", folder, cwd=test_workspace)
        assert result.exit_code == 2, _said(result)
        assert "which the build reads" in _said(result)
    (test_workspace / "scorecard.toml").write_text('output = "assessments/out"\n', encoding="utf-8")
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 2 and not (test_workspace / "assessments" / "out").exists()
    assert run("validate", cwd=test_workspace).exit_code == 0


# --- item 6: arguments, settings and names ----------------------------------------------------


@pytest.mark.parametrize(("code", "edition"), [("XA\n", "2025"), ("XA", "2025\n"), ("xa", "2025")])
def test_new_checks_the_whole_code_and_edition(
    test_workspace: Path, run: Run, code: str, edition: str
) -> None:
    result = run("new", code, edition, cwd=test_workspace)
    assert result.exit_code == 2
    assert sorted(p.name for p in (test_workspace / "assessments").iterdir()) == ["XA"]


def test_new_does_not_write_through_a_dangling_link(test_workspace: Path, run: Run) -> None:
    outside = test_workspace.parent / "outside.yaml"
    link = test_workspace / "assessments" / "XA" / "2025.yaml"
    link.symlink_to(outside)
    result = run("new", "XA", "2025", "--from", ASSESSMENT, cwd=test_workspace)
    assert result.exit_code == 2, _said(result)
    assert not outside.exists()


@pytest.mark.parametrize(
    "title", ['Watchdog "Transparencia"', 'x"\nrubrics = "/etc', "back\\slash\t\x1b[0m"]
)
def test_init_writes_the_title_as_valid_toml(tmp_path: Path, run: Run, title: str) -> None:
    import tomllib

    install = ("--install", "transparency-scorecard==0.1.0")  # an install CI could reach
    result = run("init", str(tmp_path / "ws"), "--title", title, *install, cwd=tmp_path)
    assert result.exit_code == 0, _said(result)
    settings = tomllib.loads((tmp_path / "ws" / "scorecard.toml").read_text(encoding="utf-8"))
    assert settings["title"] == title and settings["rubrics"] == "rubrics"


def test_a_nul_in_a_setting_is_a_located_problem(test_workspace: Path, run: Run) -> None:
    (test_workspace / "scorecard.toml").write_text('output = "si\\u0000te"\n', encoding="utf-8")
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 1 and "scorecard.toml:1:1" in _said(result)


def test_a_huge_integer_in_the_settings_is_a_problem(test_workspace: Path, run: Run) -> None:
    (test_workspace / "scorecard.toml").write_text("title = " + "1" * 5000, encoding="utf-8")
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1 and "scorecard.toml:1:1" in _said(result)


def test_a_file_name_that_is_not_utf8_is_reported_clearly(test_workspace: Path, run: Run) -> None:
    import json

    folder = os.fsencode(test_workspace / "assessments" / "XA")
    with open(os.path.join(folder, b"\xff2020.yaml"), "wb") as handle:
        handle.write((test_workspace / ASSESSMENT).read_bytes())
    result = run("validate", "--format", "json", cwd=test_workspace)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (problem,) = report["problems"]
    assert problem["file"].endswith("\\xff2020.yaml") and problem["code"] == "encoding"


def test_a_language_without_a_catalog_in_the_settings_fails_validate(
    test_workspace: Path, run: Run
) -> None:
    (test_workspace / "scorecard.toml").write_text('languages = ["zz", "en"]\n', encoding="utf-8")
    result = run("validate", cwd=test_workspace)  # as build would: the PR check catches it
    assert result.exit_code == 1 and "zz" in _said(result)


def test_a_template_that_links_out_of_the_workspace_is_refused(
    test_workspace: Path, run: Run
) -> None:
    (test_workspace / "templates").mkdir()
    (test_workspace / "templates" / "scorecard.html.j2").symlink_to("/etc/passwd")
    result = run("render", ASSESSMENT, "--format", "html", cwd=test_workspace)
    assert result.exit_code == 1 and result.stdout == ""
    assert "leads out of" in result.stderr
    built = run("build", cwd=test_workspace)
    assert built.exit_code == 1 and not (test_workspace / "site").exists()
