"""`Step` and `Plan`: the classified result of a diff, for people (`table`) and machines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wvorm.migrate.operations import Operation, Risk, StepKind

FLAGS: Mapping[Risk, str] = {
    Risk.DESTRUCTIVE: "--allow-destructive",
    Risk.IRREVERSIBLE: "--allow-irreversible",
}
"""The apply flag each risk needs; the other risks are reported, not gated."""


@dataclass(frozen=True)
class Step:
    """One operation of a plan with its classification.

    `kind` is the operation's kind, or IMPOSSIBLE when the server version cannot do it (then
    `requires_version` names the version that can); `objects_affected` is the collection's
    object count when the step touches objects and counts were given; `vectors` are the named
    vectors it re-vectorizes.
    """

    operation: Operation
    kind: StepKind
    risks: frozenset[Risk]
    reason: str
    requires_version: str | None = None
    objects_affected: int | None = None
    vectors: tuple[str, ...] = ()

    @property
    def collection(self) -> str:
        return self.operation.collection

    def to_json(self) -> dict[str, object]:
        return {
            "collection": self.collection,
            "operation": type(self.operation).__name__,
            "kind": self.kind.value,
            "risks": sorted(r.value for r in self.risks),
            "reason": self.reason,
            "description": self.operation.describe(),
            "source": self.operation.source(),
            "requires_version": self.requires_version,
            "objects_affected": self.objects_affected,
            "vectors": list(self.vectors),
        }


@dataclass(frozen=True)
class Plan:
    """The steps that take the current schema to the target one, in order, and hints."""

    steps: tuple[Step, ...] = ()
    hints: tuple[str, ...] = ()
    server_version: str = "1.39.2"

    @property
    def is_empty(self) -> bool:
        """No step to take (hints do not count)."""
        return not self.steps

    @property
    def is_possible(self) -> bool:
        """No step is IMPOSSIBLE on the server version the plan was made for."""
        return all(s.kind is not StepKind.IMPOSSIBLE for s in self.steps)

    def needs_flags(self) -> set[str]:
        """The apply flags its risks need: `--allow-destructive`, `--allow-irreversible`."""
        return {FLAGS[r] for s in self.steps for r in s.risks if r in FLAGS}

    def table(self) -> str:
        """A plain-text table: collection, step, kind, risk, objects affected; then hints."""
        rows = [("COLLECTION", "STEP", "KIND", "RISK", "OBJECTS")]
        for step in self.steps:
            objects = "" if step.objects_affected is None else str(step.objects_affected)
            risks = ",".join(sorted(r.value for r in step.risks)) or "-"
            rows.append(
                (step.collection, step.operation.describe(), step.kind.value, risks, objects)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
            + "  "
            + row[4]
            for row in rows
        ]
        if not self.steps:
            lines = ["No changes."]
        lines.extend(f"hint: {hint}" for hint in self.hints)
        return "\n".join(line.rstrip() for line in lines)

    def to_json(self) -> dict[str, object]:
        """A stable JSON form.

        Keys: `server_version`; `steps`, each with `collection`, `operation` (class name),
        `kind`, `risks` (sorted), `reason`, `description`, `source` (the Python expression of
        the operation), `requires_version`, `objects_affected`, `vectors`; `hints`;
        `needs_flags` (sorted); `is_empty`.
        """
        return {
            "server_version": self.server_version,
            "steps": [s.to_json() for s in self.steps],
            "hints": list(self.hints),
            "needs_flags": sorted(self.needs_flags()),
            "is_empty": self.is_empty,
        }
