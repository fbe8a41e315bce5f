"""Query inputs in the v4 shapes: `Filter`, `MetadataQuery`, `Sort`, `QueryReference`, ..."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import Literal
from uuid import UUID

from wvorm_core.classes.aggregate import Metrics
from wvorm_core.classes.filters import Filter, FilterExpression, GeoRange
from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "BM25Operator",
    "Filter",
    "FilterReturn",
    "GeoRange",
    "GroupBy",
    "HybridFusion",
    "MetadataQuery",
    "Metrics",
    "Move",
    "NearMediaType",
    "QueryNested",
    "QueryReference",
    "Rerank",
    "Sort",
    "TargetVectors",
]

FilterReturn = FilterExpression
"""What `Filter.by_*(...)` builders return (the official client's name)."""

MetadataName = Literal[
    "creation_time",
    "last_update_time",
    "distance",
    "certainty",
    "score",
    "explain_score",
    "is_consistent",
]


@dataclass(frozen=True, slots=True)
class MetadataQuery:
    """Which search metadata to return with each object."""

    creation_time: bool = False
    last_update_time: bool = False
    distance: bool = False
    certainty: bool = False
    score: bool = False
    explain_score: bool = False
    is_consistent: bool = False

    @classmethod
    def full(cls) -> MetadataQuery:
        """Every metadata field."""
        return cls(True, True, True, True, True, True, True)

    @classmethod
    def of(cls, value: MetadataQuery | Sequence[MetadataName] | None) -> MetadataQuery:
        """A `MetadataQuery` from itself, a list of field names, or None (nothing)."""
        if value is None:
            return _NO_METADATA
        if isinstance(value, MetadataQuery):
            return value
        names = {f.name for f in fields(cls)}
        unknown = [n for n in value if n not in names]
        if isinstance(value, str) or unknown:
            raise WeaviateInvalidInputError(
                f"return_metadata: unknown metadata {unknown or value!r}; use {sorted(names)}"
            )
        return cls(**dict.fromkeys(value, True))


_NO_METADATA = MetadataQuery()


@dataclass(frozen=True, slots=True)
class Sort:
    """Sort keys; chain with `.then_by_property(...)` for more keys."""

    keys: tuple[tuple[str, bool], ...]

    @classmethod
    def by_property(cls, name: str, ascending: bool = True) -> Sort:
        return cls(((name, ascending),))

    @classmethod
    def by_id(cls, ascending: bool = True) -> Sort:
        return cls((("_id", ascending),))

    @classmethod
    def by_creation_time(cls, ascending: bool = True) -> Sort:
        return cls((("_creationTimeUnix", ascending),))

    @classmethod
    def by_update_time(cls, ascending: bool = True) -> Sort:
        return cls((("_lastUpdateTimeUnix", ascending),))

    def then_by_property(self, name: str, ascending: bool = True) -> Sort:
        return Sort((*self.keys, (name, ascending)))


@dataclass(frozen=True, slots=True)
class GroupBy:
    """Group search results by the value of `prop`."""

    prop: str
    number_of_groups: int
    objects_per_group: int


@dataclass(frozen=True, slots=True)
class Rerank:
    """Rerank results by `prop` with the collection's reranker, against `query` if given."""

    prop: str
    query: str | None = None


class NearMediaType(str, Enum):
    """The kind of media `near_media` searches with (each needs its multi-modal vectorizer)."""

    AUDIO = "audio"
    DEPTH = "depth"
    IMAGE = "image"
    IMU = "imu"
    THERMAL = "thermal"
    VIDEO = "video"


class HybridFusion(str, Enum):
    """How hybrid search fuses its keyword and vector rankings."""

    RANKED = "ranked"
    RELATIVE_SCORE = "relative_score"


@dataclass(frozen=True, slots=True)
class Move:
    """Shift a `near_text` query towards (or away from) concepts or objects."""

    force: float
    objects: Sequence[UUID | str] | UUID | str | None = None
    concepts: Sequence[str] | str | None = None

    def __post_init__(self) -> None:
        if not self.objects and not self.concepts:
            raise WeaviateInvalidInputError("Move needs objects or concepts")

    @property
    def uuids(self) -> list[str]:
        objects = self.objects
        if objects is None:
            return []
        return [str(objects)] if isinstance(objects, (str, UUID)) else [str(o) for o in objects]

    @property
    def concept_list(self) -> list[str]:
        concepts = self.concepts
        if concepts is None:
            return []
        return [concepts] if isinstance(concepts, str) else list(concepts)


@dataclass(frozen=True, slots=True)
class BM25Operator:
    """How many query tokens must match: `BM25Operator.or_(minimum_match)` or `.and_()`."""

    operator: Literal["or", "and"]
    minimum_match: int | None = None

    @staticmethod
    def or_(minimum_match: int) -> BM25Operator:
        return BM25Operator("or", minimum_match)

    @staticmethod
    def and_() -> BM25Operator:
        return BM25Operator("and")


@dataclass(frozen=True, slots=True)
class TargetVectorJoin:
    """Several target vectors and how their distances combine."""

    combination: Literal["sum", "average", "minimum", "manual", "relative_score"]
    targets: tuple[str, ...]
    weights: tuple[tuple[str, float], ...] = ()


class TargetVectors:
    """Ways to search several named vectors at once."""

    @staticmethod
    def sum(target_vectors: Sequence[str]) -> TargetVectorJoin:
        return TargetVectorJoin("sum", tuple(target_vectors))

    @staticmethod
    def average(target_vectors: Sequence[str]) -> TargetVectorJoin:
        return TargetVectorJoin("average", tuple(target_vectors))

    @staticmethod
    def minimum(target_vectors: Sequence[str]) -> TargetVectorJoin:
        return TargetVectorJoin("minimum", tuple(target_vectors))

    @staticmethod
    def manual_weights(weights: Mapping[str, float]) -> TargetVectorJoin:
        return TargetVectorJoin("manual", tuple(weights), tuple(weights.items()))

    @staticmethod
    def relative_score(weights: Mapping[str, float]) -> TargetVectorJoin:
        return TargetVectorJoin("relative_score", tuple(weights), tuple(weights.items()))


TargetVectorArg = str | Sequence[str] | TargetVectorJoin | None
"""`target_vector=`: one name, several names (their minimum), or a `TargetVectors` join."""


@dataclass(frozen=True, slots=True)
class QueryNested:
    """Which fields of an object property to return."""

    name: str
    properties: str | QueryNested | Sequence[str | QueryNested]


PropertySelection = str | QueryNested | Sequence[str | QueryNested]
"""`return_properties=` as names: a name, a `QueryNested`, or a list of them."""


@dataclass(frozen=True, slots=True)
class QueryReference:
    """Follow reference `link_on` and return these fields of the objects it points to."""

    link_on: str
    return_properties: PropertySelection | None = None
    return_metadata: MetadataQuery | Sequence[MetadataName] | None = None
    include_vector: bool | str | Sequence[str] = False
    return_references: QueryReference | Sequence[QueryReference] | None = None
    target_collection: str | None = None

    @staticmethod
    def MultiTarget(
        link_on: str,
        target_collection: str,
        return_properties: PropertySelection | None = None,
        return_metadata: MetadataQuery | Sequence[MetadataName] | None = None,
        include_vector: bool | str | Sequence[str] = False,
        return_references: QueryReference | Sequence[QueryReference] | None = None,
    ) -> QueryReference:
        """Follow a reference that may point to several collections, into `target_collection`."""
        return QueryReference(
            link_on,
            return_properties,
            return_metadata,
            include_vector,
            return_references,
            target_collection,
        )
