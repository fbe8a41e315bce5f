"""What the diff of one collection found, before it becomes steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from wvorm.migrate._json import JsonObject, Path, as_object, merged, nest
from wvorm.migrate.operations import Operation


@dataclass
class CollectionChanges:
    """The changes of one collection, sorted by how the server can make them.

    `patches` are in-place PUT changes by family (one UpdateCollection each), `steps` other
    in-place or re-index operations, `rebuild` the changes only a new collection can take.
    """

    collection: str
    live: JsonObject
    want: JsonObject
    allow_drop: bool = False
    patches: dict[str, tuple[JsonObject, JsonObject]] = field(default_factory=dict)
    steps: list[tuple[Operation, str]] = field(default_factory=list)
    rebuild: list[str] = field(default_factory=list)
    vectors: list[str] = field(default_factory=list)
    drops: list[str] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)

    def patch(self, family: str, path: Path, new: object, old: object) -> None:
        """Record an in-place change of the class JSON at `path` (None `new` deletes)."""
        changes, previous = self.patches.get(family, ({}, {}))
        self.patches[family] = (merged(changes, nest(path, new)), merged(previous, nest(path, old)))

    def step(self, operation: Operation, reason: str) -> None:
        self.steps.append((operation, reason))

    def needs_rebuild(
        self, change: str, *, vectors: tuple[str, ...] = (), drops: tuple[str, ...] = ()
    ) -> None:
        self.rebuild.append(change)
        self.vectors.extend(v for v in vectors if v not in self.vectors)
        self.drops.extend(drops)

    def hint(self, text: str) -> None:
        self.hints.append(f"{self.collection}: {text}")

    def vectors_of_module(self, module: str) -> tuple[str, ...]:
        """The target's named vectors that the vectorizer `module` computes."""
        named = as_object(self.want.get("vectorConfig"))
        return tuple(
            name
            for name, config in named.items()
            if module in as_object(as_object(config).get("vectorizer"))
        )
