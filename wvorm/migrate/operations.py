"""Migration operations: one frozen dataclass per kind of schema change.

Payloads are REST JSON fragments, exactly what the server gets. Each operation says what it
is (`kind`, `risks`, `describe()`), how to write it in a revision file (`source()`, which
`eval`s back to an equal operation in this module's namespace), and whether a live snapshot
already has it (`is_applied`, for idempotent, resumable apply).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import ClassVar, Literal, TypeAlias

from wvorm.migrate._json import (
    JsonObject,
    apply_patch,
    as_list,
    as_object,
    dotted,
    patch_holds,
    patch_leaves,
)
from wvorm.migrate._snapshot import Snapshot
from wvorm.migrate._source import call
from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "AddProperty",
    "AddVector",
    "CreateCollection",
    "DropCollection",
    "DropPropertyIndex",
    "IndexName",
    "Operation",
    "Rebuild",
    "Reindex",
    "RenameCollection",
    "Risk",
    "StepKind",
    "UpdateCollection",
]

IndexName = Literal["filterable", "searchable", "rangeFilters"]
_INDEX_FLAGS: dict[str, str] = {
    "filterable": "indexFilterable",
    "searchable": "indexSearchable",
    "rangeFilters": "indexRangeFilters",
}
_QUANTIZERS = ("pq", "bq", "sq", "rq")


class StepKind(str, Enum):
    """How a change reaches the server."""

    IN_PLACE = "in_place"
    """A PUT of the class, an added property or vector, or a property-index drop."""
    REINDEX = "reindex"
    """The server's own property re-index (v1.39): it rebuilds the index from stored objects."""
    REBUILD = "rebuild"
    """A new collection with the new schema, the objects copied over, an alias switched."""
    IMPOSSIBLE = "impossible"
    """The connected server version cannot do it; the step names the version that can."""


class Risk(str, Enum):
    """What a step may cost, Atlas-lint style; DESTRUCTIVE and IRREVERSIBLE need a flag."""

    DESTRUCTIVE = "destructive"
    """Drops stored data."""
    IRREVERSIBLE = "irreversible"
    """Cannot be undone in place (e.g. turning a quantizer on)."""
    REVECTORIZES = "revectorizes"
    """Objects need new vectors (computed by the vectorizer, or re-inserted)."""
    BLOCKS_WRITES = "blocks_writes"
    """Writes to the collection stop (shards READONLY, or paused for a copy) while it runs."""
    NEEDS_PERMISSIONS = "needs_permissions"
    """Needs more than schema permissions (e.g. UPDATE on the collection's data)."""


def arguments(op: Operation) -> dict[str, object]:
    """The operation's fields by name: the keyword arguments that recreate it."""
    return {f.name: getattr(op, f.name) for f in fields(op)}


def _source(op: Operation) -> str:
    return call(type(op).__name__, arguments(op))


def _class(live: Snapshot, collection: str) -> JsonObject | None:
    return live.get(collection)


def _property(cls: Mapping[str, object] | None, name: str) -> JsonObject | None:
    for prop in as_list((cls or {}).get("properties")):
        if as_object(prop).get("name") == name:
            return as_object(prop)
    return None


@dataclass(frozen=True)
class CreateCollection:
    """Create a collection from its class JSON (`POST /v1/schema`)."""

    collection: str
    schema: Mapping[str, object]

    kind: ClassVar[StepKind] = StepKind.IN_PLACE
    risks: ClassVar[frozenset[Risk]] = frozenset()

    def describe(self) -> str:
        count = len(as_list(self.schema.get("properties")))
        return f"create collection {self.collection} ({count} properties)"

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        return self.collection in live


@dataclass(frozen=True)
class DropCollection:
    """Delete a collection with all its objects (planned only with `allow_drop=True`)."""

    collection: str

    kind: ClassVar[StepKind] = StepKind.IN_PLACE
    risks: ClassVar[frozenset[Risk]] = frozenset({Risk.DESTRUCTIVE, Risk.IRREVERSIBLE})

    def describe(self) -> str:
        return f"delete collection {self.collection} and all its objects"

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        return self.collection not in live


def _enables_quantizer(changes: Mapping[str, object]) -> bool:
    return any(
        path[-1] == "enabled" and len(path) >= 2 and path[-2] in _QUANTIZERS and value is True
        for path, value in patch_leaves(changes).items()
    )


def _summary(changes: Mapping[str, object], previous: Mapping[str, object]) -> str:
    old = patch_leaves(previous)
    parts = []
    for path, value in patch_leaves(changes).items():
        before = old.get(path)
        shown = "removed" if value is None else repr(value)
        parts.append(
            f"{dotted(path)} {before!r} -> {shown}" if path in old else f"{dotted(path)} = {shown}"
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class UpdateCollection:
    """A change the server makes in place through a PUT of the whole class (GET, merge, PUT).

    `changes` is a patch of the class JSON (a JSON merge patch where `properties` and
    `nestedProperties` are keyed by property name; null deletes), `previous` the live values
    it replaces, in the same shape.
    """

    collection: str
    changes: Mapping[str, object]
    previous: Mapping[str, object] = field(default_factory=dict)

    kind: ClassVar[StepKind] = StepKind.IN_PLACE

    @property
    def risks(self) -> frozenset[Risk]:
        risks: set[Risk] = set()
        if _enables_quantizer(self.changes):
            risks |= {Risk.IRREVERSIBLE, Risk.BLOCKS_WRITES}
        if "objectTTLConfig" in self.changes:
            risks.add(Risk.NEEDS_PERMISSIONS)
        return frozenset(risks)

    def describe(self) -> str:
        text = f"update {self.collection}: {_summary(self.changes, self.previous)}"
        if _enables_quantizer(self.changes):
            text += (
                " (compressing the vectors cannot be undone; an HNSW index takes writes again"
                " only when compression ends, unless the server runs with ASYNC_INDEXING=true)"
            )
        return text

    def source(self) -> str:
        return _source(self)

    def apply_to(self, live_class: Mapping[str, object]) -> JsonObject:
        """The full class JSON to PUT: `live_class` with the changes merged in."""
        if live_class.get("class") != self.collection:
            raise WeaviateInvalidInputError(
                f"UpdateCollection for {self.collection!r} given the class "
                f"{live_class.get('class')!r}"
            )
        body = copy.deepcopy(dict(live_class))
        apply_patch(body, self.changes)
        return body

    def is_applied(self, live: Snapshot) -> bool:
        cls = _class(live, self.collection)
        return cls is not None and patch_holds(cls, self.changes)


@dataclass(frozen=True)
class AddProperty:
    """Add a property or reference (`POST /v1/schema/{collection}/properties`).

    Existing objects have no value for it until they are written again.
    """

    collection: str
    property: Mapping[str, object]

    kind: ClassVar[StepKind] = StepKind.IN_PLACE
    risks: ClassVar[frozenset[Risk]] = frozenset()

    def describe(self) -> str:
        types = "|".join(str(t) for t in as_list(self.property.get("dataType")))
        name = self.property.get("name")
        return f"add property {self.collection}.{name} ({types}); existing objects have none"

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        name = str(self.property.get("name"))
        return _property(_class(live, self.collection), name) is not None


@dataclass(frozen=True)
class AddVector:
    """Add a named vector (a new `vectorConfig` key, through a PUT of the class; v1.31+).

    `properties` are the per-property settings of the vector's module (`skip`,
    `vectorizePropertyName`), written in the same PUT so that the server does not fill its
    own. Existing objects get no vector for it: they must be re-inserted (or re-vectorized).
    """

    collection: str
    vector: str
    config: Mapping[str, object]
    properties: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

    kind: ClassVar[StepKind] = StepKind.IN_PLACE
    risks: ClassVar[frozenset[Risk]] = frozenset({Risk.REVECTORIZES})

    def describe(self) -> str:
        module = next(iter(as_object(self.config.get("vectorizer"))), "none")
        return (
            f"add vector {self.collection}.{self.vector} ({module}, "
            f"{self.config.get('vectorIndexType', 'hnsw')}); existing objects have no "
            f"{self.vector!r} vector until they are re-inserted"
        )

    def source(self) -> str:
        return _source(self)

    def apply_to(self, live_class: Mapping[str, object]) -> JsonObject:
        """The full class JSON to PUT: `live_class` with the vector (and its settings) added."""
        body = copy.deepcopy(dict(live_class))
        vectors = as_object(body.setdefault("vectorConfig", {}))
        vectors[self.vector] = copy.deepcopy(dict(self.config))
        for prop in as_list(body.get("properties")):
            settings = self.properties.get(str(as_object(prop).get("name")))
            if settings is not None:
                module_config = as_object(as_object(prop).setdefault("moduleConfig", {}))
                for module, value in settings.items():
                    module_config.setdefault(module, copy.deepcopy(value))
        return body

    def is_applied(self, live: Snapshot) -> bool:
        cls = _class(live, self.collection)
        return cls is not None and self.vector in as_object(cls.get("vectorConfig"))


@dataclass(frozen=True)
class DropPropertyIndex:
    """Drop one inverted index of a top-level property (v1.36+).

    `DELETE /v1/schema/{collection}/properties/{property}/index/{index}`. It drops an index,
    not data: the objects keep their values and the index can be built again with `Reindex`
    (v1.39), so it is IN_PLACE and not DESTRUCTIVE; filters or keyword searches on the
    property fail until then. Since v1.39 it needs UPDATE on the collection's data as well as
    its schema, hence NEEDS_PERMISSIONS.
    """

    collection: str
    property: str
    index: IndexName

    kind: ClassVar[StepKind] = StepKind.IN_PLACE
    risks: ClassVar[frozenset[Risk]] = frozenset({Risk.NEEDS_PERMISSIONS})

    def describe(self) -> str:
        return (
            f"drop the {self.index} index of {self.collection}.{self.property} "
            "(the values stay; queries that need it fail)"
        )

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        prop = _property(_class(live, self.collection), self.property)
        return prop is not None and prop.get(_INDEX_FLAGS[self.index]) is False


@dataclass(frozen=True)
class Reindex:
    """The server's own re-index of a top-level property (v1.39).

    `PUT /v1/schema/{collection}/properties/{property}/index/{index}` with the tokenization:
    enables a filterable, searchable or rangeFilters index, or changes the tokenization
    (which rewrites the searchable and filterable indexes together). A v1.39.2 server runs it
    only with `RUNTIME_REINDEX_ENABLED=true` (otherwise it answers 400).
    """

    collection: str
    property: str
    index: IndexName
    tokenization: str | None = None

    kind: ClassVar[StepKind] = StepKind.REINDEX
    risks: ClassVar[frozenset[Risk]] = frozenset()

    def describe(self) -> str:
        what = f"with tokenization {self.tokenization!r}" if self.tokenization else "enabled"
        return (
            f"re-index {self.collection}.{self.property}: {self.index} index {what} "
            "(built from the stored objects; needs the server's RUNTIME_REINDEX_ENABLED=true)"
        )

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        prop = _property(_class(live, self.collection), self.property)
        if prop is None or prop.get(_INDEX_FLAGS[self.index]) is not True:
            return False
        return self.tokenization is None or prop.get("tokenization") == self.tokenization


@dataclass(frozen=True)
class Rebuild:
    """A change the server cannot make to an existing collection: create a new one with
    `schema`, copy the objects over, switch an alias (carried out by the rebuild runner).

    `changes` lists every reason, `vectors` the named vectors whose vectors are computed
    anew, `drops` what the new collection no longer has (data that is lost), `renames` the
    renamed properties (new name -> old name), whose values the copy carries over.
    """

    collection: str
    reason: str
    changes: tuple[str, ...]
    schema: Mapping[str, object]
    vectors: tuple[str, ...] = ()
    drops: tuple[str, ...] = ()
    renames: Mapping[str, str] = field(default_factory=dict)

    kind: ClassVar[StepKind] = StepKind.REBUILD

    @property
    def risks(self) -> frozenset[Risk]:
        risks = {Risk.BLOCKS_WRITES}
        if self.vectors:
            risks.add(Risk.REVECTORIZES)
        if self.drops:
            risks.add(Risk.DESTRUCTIVE)
        return frozenset(risks)

    def describe(self) -> str:
        text = f"rebuild {self.collection}: {'; '.join(self.changes)}"
        if self.vectors:
            text += f" (re-vectorizes {', '.join(self.vectors)})"
        return text

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        from wvorm.migrate._diff import diff

        cls = _class(live, self.collection)
        if cls is None:
            return False
        return diff({self.collection: cls}, {self.collection: dict(self.schema)}).is_empty


@dataclass(frozen=True)
class RenameCollection:
    """Rename a collection: a rebuild under the new name, the old name kept as an alias
    (v1.32+), so that readers using the old name keep working."""

    collection: str
    renamed_from: str
    schema: Mapping[str, object]

    kind: ClassVar[StepKind] = StepKind.REBUILD
    risks: ClassVar[frozenset[Risk]] = frozenset({Risk.BLOCKS_WRITES})

    def describe(self) -> str:
        return (
            f"rename collection {self.renamed_from} -> {self.collection} (copy the objects, "
            f"keep {self.renamed_from!r} as an alias)"
        )

    def source(self) -> str:
        return _source(self)

    def is_applied(self, live: Snapshot) -> bool:
        return self.collection in live and self.renamed_from not in live


Operation: TypeAlias = (
    CreateCollection
    | DropCollection
    | UpdateCollection
    | AddProperty
    | AddVector
    | DropPropertyIndex
    | Reindex
    | Rebuild
    | RenameCollection
)
"""Any migration operation."""
