"""Static types of the migration planner (checked by mypy, never run)."""

from __future__ import annotations

from typing_extensions import assert_type

from wvorm import Prop, WvModel
from wvorm.migrate import (
    Operation,
    Plan,
    Renames,
    Risk,
    Snapshot,
    Step,
    StepKind,
    UpdateCollection,
    diff,
    normalize,
    renames_of,
    snapshot_of,
)


class Question(WvModel):
    text: Prop[str]


def check_types() -> None:
    target = snapshot_of([Question])
    assert_type(target, Snapshot)
    assert_type(target, dict[str, dict[str, object]])
    live = normalize(target.values())
    assert_type(live, Snapshot)
    renames = renames_of([Question])
    assert_type(renames, Renames)
    plan = diff(live, target, server_version="1.38.0", allow_drop=True, renames=renames)
    assert_type(plan, Plan)
    assert_type(plan.steps, tuple[Step, ...])
    assert_type(plan.hints, tuple[str, ...])
    assert_type(plan.is_empty, bool)
    assert_type(plan.needs_flags(), set[str])
    assert_type(plan.table(), str)
    assert_type(plan.to_json(), dict[str, object])
    step = plan.steps[0]
    assert_type(step.operation, Operation)
    assert_type(step.kind, StepKind)
    assert_type(step.risks, frozenset[Risk])
    assert_type(step.requires_version, str | None)
    assert_type(step.objects_affected, int | None)
    assert_type(step.vectors, tuple[str, ...])
    assert_type(step.operation.describe(), str)
    assert_type(step.operation.source(), str)
    assert_type(step.operation.is_applied(live), bool)
    assert_type(step.operation.risks, frozenset[Risk])
    if isinstance(step.operation, UpdateCollection):
        assert_type(step.operation.apply_to(live["Question"]), dict[str, object])
