"""Revision files without a server: rendering, reading back, the chain and its errors."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from wvorm.migrate import _revisions as revisions
from wvorm.migrate._revisions import RevisionError
from wvorm.migrate._source import literal
from wvorm.migrate.operations import AddProperty, UpdateCollection

SNAPSHOT: dict[str, dict[str, object]] = {
    "Question": {
        "class": "Question",
        "properties": [{"name": "text", "dataType": ["text"], "indexFilterable": True}],
        "description": None,
    }
}


def write(folder: Path, number: int, revision: str, parent: str | None, name: str = "step") -> Path:
    path = folder / f"{number:04d}_{name}.py"
    op = AddProperty(collection="Question", property={"name": f"p{number}", "dataType": ["int"]})
    path.write_text(
        revisions.render(
            revision=revision, parent=parent, message=name, operations=[op], snapshot=SNAPSHOT
        )
    )
    return path


def test_a_rendered_file_reads_back_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, 1, "aaa", None)
    read = revisions.read(path)
    assert read.id == "aaa"
    assert read.parent is None
    assert read.message == "step"
    assert read.operations == (
        AddProperty(collection="Question", property={"name": "p1", "dataType": ["int"]}),
    )
    assert read.snapshot == SNAPSHOT
    assert read.checksum == revisions.checksum(path)
    ast.parse(path.read_text())


def test_long_literals_wrap_one_item_a_line_and_stay_equal() -> None:
    value = {"k" * 30: [{"name": f"property_{i}", "dataType": ["text"]} for i in range(5)]}
    text = literal(value)
    assert all(len(line) <= 100 for line in text.splitlines())
    assert len(text.splitlines()) > 5
    assert ast.literal_eval(text) == value
    assert literal({"a": True, "b": None, "c": ("x",)}) == '{"a": True, "b": None, "c": ("x",)}'


def test_revision_files_are_ruff_format_clean(tmp_path: Path) -> None:
    long_op = UpdateCollection(
        collection="Question",
        changes={"vectorConfig": {"default": {"vectorIndexConfig": {"ef": 128, "x" * 80: 1}}}},
        previous={"vectorConfig": {"default": {"vectorIndexConfig": {"ef": 64}}}},
    )
    path = tmp_path / "0001_x.py"
    path.write_text(
        revisions.render(
            revision="a", parent=None, message="x", operations=[long_op], snapshot=SNAPSHOT
        )
    )
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "format", "--diff", str(path)], capture_output=True)
    assert result.returncode == 0, result.stdout.decode()
    assert revisions.read(path).operations == (long_op,)


def test_the_chain_runs_from_the_first_revision_to_the_head(tmp_path: Path) -> None:
    write(tmp_path, 2, "bbb", "aaa")
    write(tmp_path, 1, "aaa", None)
    write(tmp_path, 3, "ccc", "bbb")
    assert [r.id for r in revisions.chain(tmp_path)] == ["aaa", "bbb", "ccc"]
    assert revisions.next_path(tmp_path, "Add a Difficulty!").name == "0004_add_a_difficulty.py"


def test_two_heads_say_how_to_get_back_to_one_line(tmp_path: Path) -> None:
    write(tmp_path, 1, "aaa", None)
    write(tmp_path, 2, "bbb", "aaa", "theirs")
    write(tmp_path, 3, "ccc", "aaa", "ours")
    with pytest.raises(RevisionError, match=r"two heads: 0002_theirs.py, 0003_ours.py") as err:
        revisions.chain(tmp_path)
    assert "delete 0003_ours.py" in str(err.value)
    assert "wvorm migrate generate" in str(err.value)


def test_a_missing_parent_and_a_bad_file_are_named(tmp_path: Path) -> None:
    write(tmp_path, 1, "aaa", None)
    write(tmp_path, 2, "ccc", "zzz")
    with pytest.raises(RevisionError, match=r"0002_step.py: its parent 'zzz' is in no file"):
        revisions.chain(tmp_path)
    broken = tmp_path / "0003_broken.py"
    broken.write_text("revision = 'x'\noperations = [1]\nsnapshot = {}\n")
    with pytest.raises(RevisionError, match=r"0003_broken.py: `operations` must be a list"):
        revisions.read(broken)


def test_an_edit_changes_the_checksum(tmp_path: Path) -> None:
    path = write(tmp_path, 1, "aaa", None)
    before = revisions.checksum(path)
    text = path.read_text()
    assert '"p1"' in text
    path.write_text(text.replace('"p1"', '"p9"'))
    assert revisions.checksum(path) != before
