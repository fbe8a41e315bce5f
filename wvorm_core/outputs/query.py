"""Typed results of queries."""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeAlias
from uuid import UUID

from typing_extensions import TypeVar

P = TypeVar("P", default=dict[str, object])
"""The properties type of a collection's objects (a dict, TypedDict or pydantic model)."""

R = TypeVar("R", default="CrossReferences")
"""The references type of a collection's objects: a TypedDict of `CrossReference` fields, or
the untyped `CrossReferences` that `return_references` fills."""

Vector = array  # array[float] ('f' typecode: packed float32)
"""A vector as packed float32 (`array('f')`): a `Sequence[float]`; `numpy.asarray` views it."""


class PhoneNumberType(dict[str, object]):
    """A `phoneNumber` value read back: the server's JSON (`input`, `internationalFormatted`,
    ...) as a dict, with the official client's attribute names on top."""

    @property
    def number(self) -> str:
        return str(self.get("input", ""))

    @property
    def default_country(self) -> str:
        return str(self.get("defaultCountry", ""))

    @property
    def international_formatted(self) -> str:
        return str(self.get("internationalFormatted", ""))

    @property
    def country_code(self) -> int:
        return int(str(self.get("countryCode", 0)))

    @property
    def national(self) -> int:
        return int(str(self.get("national", 0)))

    @property
    def national_formatted(self) -> str:
        return str(self.get("nationalFormatted", ""))

    @property
    def valid(self) -> bool:
        return bool(self.get("valid", False))


@dataclass(frozen=True, slots=True)
class MetadataReturn:
    """Search metadata of one object; a field is None unless it was asked for."""

    creation_time: datetime | None = None
    last_update_time: datetime | None = None
    distance: float | None = None
    certainty: float | None = None
    score: float | None = None
    explain_score: str | None = None
    is_consistent: bool | None = None
    rerank_score: float | None = None


@dataclass(slots=True)
class CrossReference(Generic[P, R]):
    """The objects one reference property points to.

    As an annotation in a `data_model_references` TypedDict, `CrossReference[M, N]` says that
    the link's objects come back as `M` with references `N` (a TypedDict like it, or None).
    """

    objects: list[Object[P, R]]


CrossReferences: TypeAlias = Mapping[str, CrossReference[dict[str, object], "CrossReferences"]]
"""References as asked for by `return_references`: the objects of each link, by link name."""


@dataclass(slots=True)
class Object(Generic[P, R]):
    """One object returned by a query.

    `vector` holds single vectors by name ("default" for an unnamed one) as packed float32;
    `multi_vector` holds multi-vectors (one row per token) by name; `references` holds the
    collection's typed references (`data_model_references`), else those `return_references`
    asked for.
    """

    uuid: UUID
    properties: P
    metadata: MetadataReturn
    collection: str
    vector: Mapping[str, array[float]]
    multi_vector: Mapping[str, list[array[float]]]
    references: R
    belongs_to_group: str | None = None


@dataclass(slots=True)
class Group(Generic[P, R]):
    """One group of a grouped search."""

    name: str
    min_distance: float
    max_distance: float
    number_of_objects: int
    objects: list[Object[P, R]]
    rerank_score: float | None = None


@dataclass(slots=True)
class QueryReturn(Generic[P, R]):
    """The objects a query returned, in order; with `group_by`, also the groups by name."""

    objects: list[Object[P, R]]
    groups: dict[str, Group[P, R]] = field(default_factory=dict)
