"""`diff`: the plan that takes one snapshot to another, each step classified.

Collection-level rules (v1.39, `migration_anchors.md` A2): descriptions, the inverted index's
`bm25`, `stopwords`, `stopwordPresets` (v1.37) and `cleanupIntervalSeconds`, replication's
`asyncEnabled`/`deletionStrategy`/`asyncConfig`, multi-tenancy's auto flags, object TTL
(v1.35) and the generative/reranker module change in place. The inverted index's
`indexTimestamps`/`indexNullState`/`indexPropertyLength`, multi-tenancy on or off, sharding,
a replication factor change (accepted in place only once every shard already has the new
number of replicas) and removing a generative/reranker module (the server keeps it) need a
rebuild. `usingBlockMaxWAND` is the server's choice and never a step; neither is a sharding
setting the target leaves out (`desiredCount` defaults to the number of nodes).
"""

from __future__ import annotations

from collections.abc import Mapping

from wvorm.migrate import _versions
from wvorm.migrate._changes import CollectionChanges
from wvorm.migrate._json import as_list, as_object, dotted, leaves
from wvorm.migrate._plan import Plan, Step
from wvorm.migrate._properties import diff_properties
from wvorm.migrate._renames import Renames
from wvorm.migrate._snapshot import Snapshot, is_reference
from wvorm.migrate._vectors import diff_vectors
from wvorm.migrate.operations import (
    AddProperty,
    AddVector,
    CreateCollection,
    DropCollection,
    DropPropertyIndex,
    Operation,
    Rebuild,
    Reindex,
    RenameCollection,
    Risk,
    StepKind,
    UpdateCollection,
)

_FIXED_INVERTED = frozenset({"indexTimestamps", "indexNullState", "indexPropertyLength"})
_SERVER_INVERTED = frozenset({"usingBlockMaxWAND"})
_TIMESTAMPS = frozenset({"_creationTimeUnix", "_lastUpdateTimeUnix"})
_SWAPPABLE = ("generative-", "reranker-")


def diff(
    current: Snapshot,
    target: Snapshot,
    *,
    server_version: str = "1.39.2",
    allow_drop: bool = False,
    renames: Renames | None = None,
    counts: Mapping[str, int] | None = None,
) -> Plan:
    """The steps that take `current` (live) to `target` (the models), in order.

    Collections only in `current` are dropped with `allow_drop=True`, else reported in a hint;
    `renames` are the declared renames (`renames_of(models)`); `counts` (collection -> object
    count) fill `Step.objects_affected`.
    """
    version = _versions.parse_version(server_version)
    renames = renames or Renames()
    counts = counts or {}
    steps: list[Step] = []
    hints: list[str] = []

    def add(operation: Operation, reason: str, count_of: str | None = None) -> None:
        steps.append(_step(operation, reason, version, server_version, counts, count_of))

    renamed_from = {
        old: new
        for new, old in renames.collections.items()
        if new in target and new not in current and old in current
    }
    for name in _creation_order(target, set(current)):
        old = renames.collections.get(name)
        if old is not None and renamed_from.get(old) == name:
            add(
                RenameCollection(name, old, target[name]),
                f"collection {old!r} renamed to {name!r}",
                count_of=old,
            )
            hints.extend(_referrers(current, old))
        else:
            add(CreateCollection(name, target[name]), f"collection {name!r} is new")
    for name, wanted in target.items():
        if name not in current:
            continue
        changes = CollectionChanges(name, current[name], wanted, allow_drop)
        _diff_collection(changes, renames.properties.get(name, {}))
        hints.extend(changes.hints)
        for operation, reason in _operations(changes):
            add(operation, reason)
            if isinstance(operation, Rebuild):
                hints.extend(_referrers(current, name))
    for name in current:
        if name in target or name in renamed_from:
            continue
        if allow_drop:
            add(DropCollection(name), f"no model declares collection {name!r}")
        else:
            hints.append(
                f"{name}: on the server but no model declares it (plan with allow_drop=True to "
                "delete it)"
            )
    return Plan(tuple(steps), tuple(hints), server_version)


def _creation_order(target: Snapshot, existing: set[str]) -> list[str]:
    """The new collections of `target`, every reference target before its source."""
    new = [n for n in target if n not in existing]
    ordered: list[str] = []

    def visit(name: str, seen: frozenset[str]) -> None:
        if name in ordered or name in seen or name not in new:
            return
        for prop in as_list(target[name].get("properties")):
            if is_reference(as_object(prop)):
                for other in as_list(as_object(prop).get("dataType")):
                    visit(str(other), seen | {name})
        ordered.append(name)

    for name in new:
        visit(name, frozenset())
    return ordered


def _referrers(current: Snapshot, name: str) -> list[str]:
    """Hints for collections whose references point at `name`, which a rebuild replaces."""
    out = []
    for other, cls in current.items():
        for prop in as_list(cls.get("properties")):
            if name in [str(t) for t in as_list(as_object(prop).get("dataType"))]:
                out.append(
                    f"{other}: reference {as_object(prop).get('name')!r} points at {name}, "
                    f"which is rebuilt: references always name a physical collection, so "
                    f"{other} must be rebuilt after it"
                )
    return out


def _step(
    operation: Operation,
    reason: str,
    version: _versions.Version,
    server_version: str,
    counts: Mapping[str, int],
    count_of: str | None,
) -> Step:
    needed = _requires(operation)
    kind = operation.kind
    risks = set(operation.risks)
    if isinstance(operation, DropPropertyIndex) and not _versions.supports(
        version, _versions.REINDEX
    ):
        risks.add(Risk.IRREVERSIBLE)
        reason += " (this server cannot build the index again: that needs v1.39)"
    if needed is not None and not _versions.supports(version, needed):
        kind = StepKind.IMPOSSIBLE
        reason += f"; needs Weaviate {needed} or later (the server is {server_version})"
    touches_objects = kind in (StepKind.REINDEX, StepKind.REBUILD) or bool(
        risks & {Risk.DESTRUCTIVE, Risk.REVECTORIZES, Risk.BLOCKS_WRITES}
    )
    count = counts.get(count_of or operation.collection) if touches_objects else None
    vectors: tuple[str, ...] = ()
    if isinstance(operation, AddVector):
        vectors = (operation.vector,)
    elif isinstance(operation, Rebuild):
        vectors = operation.vectors
    return Step(operation, kind, frozenset(risks), reason, needed, count, vectors)


def _requires(operation: Operation) -> str | None:
    if isinstance(operation, AddVector):
        return _versions.ADD_NAMED_VECTOR
    if isinstance(operation, Reindex):
        return _versions.REINDEX
    if isinstance(operation, DropPropertyIndex):
        return _versions.DELETE_PROPERTY_INDEX
    if isinstance(operation, (Rebuild, RenameCollection)):
        return _versions.ALIASES
    if isinstance(operation, UpdateCollection):
        if "stopwordPresets" in as_object(operation.changes.get("invertedIndexConfig")):
            return _versions.STOPWORD_PRESETS
        if "objectTTLConfig" in operation.changes:
            return _versions.OBJECT_TTL
    return None


def _diff_collection(changes: CollectionChanges, property_renames: Mapping[str, str]) -> None:
    live, want = changes.live, changes.want
    if live.get("description") != want.get("description"):
        changes.patch(
            "description", ("description",), want.get("description"), live.get("description")
        )
    diff_properties(changes, property_renames)
    diff_vectors(changes)
    _inverted(changes)
    _tenancy(changes)
    _replication(changes)
    _sharding(changes)
    _modules(changes)
    _ttl(changes)


def _inverted(changes: CollectionChanges) -> None:
    live = leaves(as_object(changes.live.get("invertedIndexConfig")))
    want = leaves(as_object(changes.want.get("invertedIndexConfig")))
    for path in sorted(set(live) | set(want)):
        old, new = live.get(path), want.get(path)
        if old == new or path[0] in _SERVER_INVERTED:
            continue
        if path[0] in _FIXED_INVERTED:
            changes.needs_rebuild(
                f"inverted index {dotted(path)} {old!r} -> {new!r} (fixed once created)"
            )
        else:
            changes.patch("inverted index", ("invertedIndexConfig", *path), new, old)


def _tenancy(changes: CollectionChanges) -> None:
    live = as_object(changes.live.get("multiTenancyConfig"))
    want = as_object(changes.want.get("multiTenancyConfig"))
    if live.get("enabled") != want.get("enabled"):
        state = "on" if want.get("enabled") else "off"
        changes.needs_rebuild(f"multi-tenancy turned {state} (fixed once created)")
        return
    for key in sorted(set(live) | set(want)):
        if key != "enabled" and live.get(key) != want.get(key):
            changes.patch(
                "multi-tenancy", ("multiTenancyConfig", key), want.get(key), live.get(key)
            )


def _replication(changes: CollectionChanges) -> None:
    live = as_object(changes.live.get("replicationConfig"))
    want = as_object(changes.want.get("replicationConfig"))
    for key in sorted(set(live) | set(want)):
        old, new = live.get(key), want.get(key)
        if old == new:
            continue
        if key == "factor":
            changes.needs_rebuild(
                f"replication factor {old} -> {new} (in place only once every shard already "
                f"has {new} replicas, e.g. after replica movement)"
            )
        else:
            changes.patch("replication", ("replicationConfig", key), new, old)


def _sharding(changes: CollectionChanges) -> None:
    live = as_object(changes.live.get("shardingConfig"))
    want = as_object(changes.want.get("shardingConfig"))
    if not live or not want:
        return
    for key in sorted(want):
        if live.get(key) != want.get(key):
            changes.needs_rebuild(
                f"sharding {key} {live.get(key)!r} -> {want.get(key)!r} (re-sharding is not "
                "supported)"
            )


def _modules(changes: CollectionChanges) -> None:
    live = as_object(changes.live.get("moduleConfig"))
    want = as_object(changes.want.get("moduleConfig"))
    for module in sorted(set(live) | set(want)):
        old, new = live.get(module), want.get(module)
        if old == new:
            continue
        family = next((p for p in _SWAPPABLE if module.startswith(p)), None)
        if family is None:
            changes.needs_rebuild(f"module {module} settings {old} -> {new} (fixed once created)")
        elif new is not None:
            changes.patch("modules", ("moduleConfig", module), new, old)
        elif any(m.startswith(family) for m in want):
            changes.patch("modules", ("moduleConfig", module), None, old)
        else:
            changes.needs_rebuild(
                f"module {module} removed (the server keeps a {family[:-1]} module once set; "
                "replace it with another one in place)"
            )


def _ttl(changes: CollectionChanges) -> None:
    old = changes.live.get("objectTTLConfig")
    new = changes.want.get("objectTTLConfig")
    if old == new:
        return
    delete_on = as_object(new).get("deleteOn")
    timestamps = as_object(changes.live.get("invertedIndexConfig")).get("indexTimestamps")
    if delete_on in _TIMESTAMPS and timestamps is not True:
        changes.needs_rebuild(
            f"object TTL on {delete_on} needs indexTimestamps, which is off and fixed once created"
        )
    else:
        changes.patch("object TTL", ("objectTTLConfig",), new, old)


def _operations(changes: CollectionChanges) -> list[tuple[Operation, str]]:
    """The collection's steps: one Rebuild folding everything, or the in-place ones.

    New vectors come before new properties: a property's settings may name the module of a
    new vector, which the server refuses until the class has that vectorizer.
    """
    in_place = [
        (UpdateCollection(changes.collection, patch, previous), f"{family} changed")
        for family, (patch, previous) in changes.patches.items()
    ]
    if changes.rebuild:
        also = [op.describe() for op, _ in (*changes.steps, *in_place)]
        listed = (*changes.rebuild, *(f"also: {a}" for a in also))
        rebuild = Rebuild(
            changes.collection,
            changes.rebuild[0],
            listed,
            changes.want,
            tuple(changes.vectors),
            tuple(changes.drops),
            dict(changes.renames),
        )
        return [(rebuild, "; ".join(changes.rebuild))]
    adds = [(op, r) for op, r in changes.steps if isinstance(op, AddProperty)]
    rest = [(op, r) for op, r in changes.steps if not isinstance(op, AddProperty)]
    vectors = [(op, r) for op, r in rest if isinstance(op, AddVector)]
    indexes = [(op, r) for op, r in rest if not isinstance(op, AddVector)]
    return [*in_place, *vectors, *adds, *indexes]
