"""What needs no server: writing the next revision file, and comparing everything for `check`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wvorm.migrate import _revisions as revisions
from wvorm.migrate._diff import diff
from wvorm.migrate._history import AppliedRevision
from wvorm.migrate._renames import Renames, renames_of
from wvorm.migrate._revisions import Revision
from wvorm.migrate._snapshot import Snapshot, snapshot_of
from wvorm.migrate.operations import DropCollection, RenameCollection, StepKind
from wvorm.model import WvModel


class MigrationError(Exception):
    """A migration cannot run as asked; the message says why and what to do."""


def generate(
    directory: Path, models: Iterable[type[WvModel]], message: str, *, allow_drop: bool = False
) -> Path | None:
    """Write the next revision file from the models; None when they match the newest one.

    The diff runs against the newest revision's snapshot, not the server, so `generate` works
    offline and a revision is written once, from files everyone shares.
    """
    models = list(models)
    chain = revisions.chain(directory)
    head = chain[-1].snapshot if chain else {}
    target = snapshot_of(models)
    plan = diff(head, target, allow_drop=allow_drop, renames=renames_of(models))
    if plan.is_empty:
        return None
    if impossible := [s for s in plan.steps if s.kind is StepKind.IMPOSSIBLE]:
        raise MigrationError(
            "these steps cannot be carried out: "
            + "; ".join(f"{s.operation.describe()} ({s.reason})" for s in impossible)
        )
    gone = {s.collection for s in plan.steps if isinstance(s.operation, DropCollection)} | {
        s.operation.renamed_from for s in plan.steps if isinstance(s.operation, RenameCollection)
    }
    kept = {n: body for n, body in head.items() if n not in target and n not in gone}
    directory.mkdir(parents=True, exist_ok=True)
    path = revisions.next_path(directory, message)
    path.write_text(
        revisions.render(
            revision=revisions.new_id(),
            parent=chain[-1].id if chain else None,
            message=message,
            operations=[s.operation for s in plan.steps],
            snapshot={**kept, **target},
        )
    )
    return path


@dataclass(frozen=True)
class Status:
    """Where things stand; `problems` is empty when everything agrees."""

    head: str | None
    applied: tuple[str, ...]
    pending: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def status(
    chain: Sequence[Revision],
    history: Sequence[AppliedRevision],
    models: Snapshot | None,
    live: Snapshot,
    renames: Renames | None = None,
) -> Status:
    """Compare the four sources; each disagreement is one line in `problems`."""
    problems: list[str] = []
    head = chain[-1] if chain else None
    done = {r.revision: r for r in history}
    if models is not None:
        changes = diff(head.snapshot if head else {}, models, renames=renames)
        if not changes.is_empty:
            steps = "; ".join(s.operation.describe() for s in changes.steps)
            problems.append(
                f"the models differ from the newest revision "
                f"({head.path.name if head else 'none yet'}): {steps}. "
                f"Run `wvorm migrate generate -m ...`"
            )
    files = {r.id for r in chain}
    if orphans := sorted(set(done) - files):
        problems.append(f"the history holds revisions that no file has: {orphans}")
    for rev in chain:
        if rev.id in done and done[rev.id].checksum != rev.checksum:
            problems.append(f"{rev.path.name} was edited after it was applied")
    pending = tuple(r.path.name for r in chain if r.id not in done)
    if pending:
        problems.append(f"revisions not applied yet: {', '.join(pending)}")
    applied = [r for r in chain if r.id in done]
    if applied and not pending:
        expected = applied[-1].snapshot
        drift = diff({k: v for k, v in live.items() if k in expected}, expected)
        if not drift.is_empty:
            steps = "; ".join(s.operation.describe() for s in drift.steps)
            problems.append(
                f"the live schema has drifted from {applied[-1].path.name}: "
                f"bringing it back would take: {steps}"
            )
    return Status(
        head=head.id if head else None,
        applied=tuple(r.path.name for r in applied),
        pending=pending,
        problems=tuple(problems),
    )
