"""workspace.data_files: one scandir per folder, listing what `sorted(folder.rglob("*"))`
filtered to visible YAML and JSON files would, in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorecard.workspace import DATA_SUFFIXES, data_files


def _reference(folder: Path) -> list[Path]:
    """The listing as it was written before, with pathlib."""
    found = []
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.suffix.lower() in DATA_SUFFIXES and not hidden and path.is_file():
            found.append(path)
    return found


def _tree(root: Path) -> Path:
    folder = root / "assessments"
    for name in [
        "SV/2024.yaml",
        "SV/2023.YML",
        "SV/2022.json",
        "SV/notes.txt",
        "SV/.hidden.yaml",
        "SV/.yaml",
        "SV/trailing.",
        "SV/a.b.yaml",
        ".drafts/HN/2024.yaml",
        "HN/2024.yaml",
        "HN-001/2024.yaml",
        "HN/sub/deeper/2020.yaml",
        "Z/2024.yaml",
        "a/2024.yaml",
        "é/2024.yaml",
        "dir.yaml/2024.yaml",
    ]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("code: X\n", encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    (outside / "linked.yaml").write_text("code: Y\n", encoding="utf-8")
    os.symlink(outside, folder / "linked-folder")  # not entered
    os.symlink(outside / "linked.yaml", folder / "SV" / "2021.yaml")  # a file: listed
    os.symlink(outside / "missing.yaml", folder / "SV" / "broken.yaml")  # broken: not listed
    return folder


def test_the_listing_is_the_pathlib_one(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    listed = list(data_files(folder))
    assert listed == _reference(folder)
    names = [p.relative_to(folder).as_posix() for p in listed]
    assert "SV/2021.yaml" in names and "dir.yaml/2024.yaml" in names
    assert not any(name.startswith(".") or "/." in name for name in names)
    assert not any(name.startswith("linked-folder") for name in names)


def test_an_unreadable_folder_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As rglob does (it lists nothing below a folder it may not read)."""
    folder = _tree(tmp_path)
    locked = str(folder / "HN" / "sub")
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    names = [p.relative_to(folder).as_posix() for p in data_files(folder)]
    assert "HN/2024.yaml" in names
    assert not any(name.startswith("HN/sub/") for name in names)


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert list(data_files(tmp_path / "nowhere")) == []
    assert list(data_files(Path("relative-nowhere"))) == []
