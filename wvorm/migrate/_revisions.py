"""Revision files: render, read and order the reviewed steps in a migrations folder.

A revision file is plain Python that a person reviews and commits. It names its id, its parent,
the operations it applies and the schema snapshot it leads to, so that the next `generate`
and `check` work from files alone:

    revision = "3f2a9c1b7d4e"
    parent = "a1b2c3d4e5f6"
    message = "add difficulty"
    operations = [AddProperty(collection="Question", property={...})]
    snapshot = {"Question": {...}}
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from wvorm.migrate._source import call, literal
from wvorm.migrate.operations import Operation, arguments

FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]*\.py$")


class RevisionError(Exception):
    """The migrations folder cannot be read as one linear chain; the message says how to fix it."""


@dataclass(frozen=True)
class Revision:
    """One revision file, read."""

    id: str
    parent: str | None
    message: str
    operations: tuple[Operation, ...]
    snapshot: dict[str, dict[str, object]]
    path: Path
    checksum: str


def checksum(path: Path) -> str:
    """The sha256 of a revision file; history records it to notice files edited after apply."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def slug(message: str) -> str:
    words = re.findall(r"[a-z0-9]+", message.lower())
    return "_".join(words)[:48].rstrip("_") or "revision"


def new_id() -> str:
    return secrets.token_hex(6)


def render(
    *,
    revision: str,
    parent: str | None,
    message: str,
    operations: Sequence[Operation],
    snapshot: Mapping[str, Mapping[str, object]],
) -> str:
    """The text of a revision file."""
    names = sorted({type(op).__name__ for op in operations})
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f'"""{_docstring_line(message)}',
        "",
        f"Written by `wvorm migrate generate` on {when}; review it before applying.",
        '"""',
        "",
    ]
    if names:
        lines += [f"from wvorm.migrate.operations import {', '.join(names)}", ""]
    lines += [
        f"revision = {literal(revision)}",
        f"parent = {literal(parent)}",
        f"message = {literal(message)}",
        "",
        "operations = [",
        *(f"    {call(type(op).__name__, arguments(op), 4, 1)}," for op in operations),
        "]",
        "",
        "# The schema this revision leads to: `generate` and `check` diff against it.",
        f"snapshot = {literal(_plain(snapshot), 0, 11)}",
        "",
    ]
    return "\n".join(lines)


def _docstring_line(message: str) -> str:
    text = " ".join(message.split()).replace("\\", "\\\\").replace('"""', "'''")
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else "Revision."


def _plain(snapshot: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    return {name: dict(body) for name, body in sorted(snapshot.items())}


def read(path: Path) -> Revision:
    """Load one revision file; a file that is not a revision is a `RevisionError` naming it."""
    spec = importlib.util.spec_from_file_location(f"wvorm_revision_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise RevisionError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        raise RevisionError(f"{path}: does not import: {error!r}") from error
    found = vars(module)
    revision, parent, message = found.get("revision"), found.get("parent"), found.get("message")
    operations, snapshot = found.get("operations"), found.get("snapshot")
    if not isinstance(revision, str) or not revision:
        raise RevisionError(f"{path}: `revision` must be a non-empty string")
    if parent is not None and not isinstance(parent, str):
        raise RevisionError(f"{path}: `parent` must be a revision id or None")
    if not isinstance(operations, list) or not all(isinstance(o, Operation) for o in operations):
        raise RevisionError(f"{path}: `operations` must be a list of wvorm.migrate operations")
    if not isinstance(snapshot, dict) or not all(isinstance(v, dict) for v in snapshot.values()):
        raise RevisionError(f"{path}: `snapshot` must map collection names to schema dicts")
    return Revision(
        id=revision,
        parent=parent,
        message=message if isinstance(message, str) else "",
        operations=tuple(operations),
        snapshot=snapshot,
        path=path,
        checksum=checksum(path),
    )


def chain(folder: Path) -> list[Revision]:
    """The folder's revisions from the first to the head; a fork or a gap is a `RevisionError`."""
    if not folder.is_dir():
        return []
    revisions = [read(p) for p in sorted(folder.glob("*.py")) if FILE_NAME.match(p.name)]
    by_id: dict[str, Revision] = {}
    for rev in revisions:
        if rev.id in by_id:
            raise RevisionError(
                f"{rev.path.name} and {by_id[rev.id].path.name} both claim revision {rev.id!r}"
            )
        by_id[rev.id] = rev
    children: dict[str | None, list[Revision]] = {}
    for rev in revisions:
        if rev.parent is not None and rev.parent not in by_id:
            raise RevisionError(f"{rev.path.name}: its parent {rev.parent!r} is in no file")
        children.setdefault(rev.parent, []).append(rev)
    for parent, kids in children.items():
        if len(kids) > 1:
            names = ", ".join(k.path.name for k in kids)
            newest = kids[-1].path.name
            raise RevisionError(
                f"two heads: {names} all follow {parent or 'the start'}. Keep one line of "
                f"history: delete {newest} (the one not yet applied anywhere) and run "
                f"`wvorm migrate generate` again, so that it is written on top of the other"
            )
    ordered: list[Revision] = []
    current = children.get(None, [])
    while current:
        ordered.append(current[0])
        current = children.get(current[0].id, [])
    if len(ordered) != len(revisions):
        stray = sorted(r.path.name for r in revisions if r not in ordered)
        raise RevisionError(f"revisions not on the chain from the first one: {stray}")
    return ordered


def next_path(folder: Path, message: str) -> Path:
    """`NNNN_<slug>.py`, numbered after the folder's last revision file."""
    numbers = [int(m.group(1)) for p in folder.glob("*.py") if (m := FILE_NAME.match(p.name))]
    number = max(numbers, default=0) + 1
    return folder / f"{number:04d}_{slug(message)}.py"
