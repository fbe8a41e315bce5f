"""What ORM searches and writes return."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from uuid import UUID

from wvorm_core.outputs import MetadataReturn

T = TypeVar("T")


@dataclass(slots=True)
class Hit(Generic[T]):
    """One search result: the object, its uuid, search metadata, vectors, generated text.

    (Not frozen: a frozen dataclass costs twice as much to build, once per result.)"""

    obj: T
    uuid: UUID
    metadata: MetadataReturn
    vector: Mapping[str, Sequence[float]] = field(default_factory=dict)
    generated: str | None = None


@dataclass(frozen=True, slots=True)
class HitGroup(Generic[T]):
    """The hits sharing one value of the grouped property."""

    value: str
    hits: list[Hit[T]]
    min_distance: float
    max_distance: float


@dataclass(frozen=True, slots=True)
class Generated(Generic[T]):
    """A generative search: the hits (each with its own text) and the text over all of them."""

    hits: list[Hit[T]]
    generated: str | None


@dataclass(frozen=True, slots=True)
class Failure(Generic[T]):
    """An object the server refused, with its reason."""

    obj: T
    message: str


@dataclass(frozen=True, slots=True)
class InsertResult(Generic[T]):
    """The outcome of `insert_many`: the uuids stored, and every object refused with why."""

    uuids: list[UUID]
    failures: list[Failure[T]]

    @property
    def ok(self) -> bool:
        return not self.failures
