"""Typed results of queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

P = TypeVar("P")


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


@dataclass(frozen=True, slots=True)
class Object(Generic[P]):
    """One object returned by a query."""

    uuid: UUID
    properties: P
    metadata: MetadataReturn
    collection: str
    vector: Mapping[str, list[float]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QueryReturn(Generic[P]):
    """The objects a query returned, in order."""

    objects: list[Object[P]]
