"""Data inputs and special property values: `DataObject`, `GeoCoordinate`, `PhoneNumber`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from uuid import UUID

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class GeoCoordinate:
    """A `geoCoordinates` value."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A `phoneNumber` value as sent: the number and its default country (e.g. "NL")."""

    number: str
    default_country: str | None = None


@dataclass(frozen=True, slots=True)
class DataObject(Generic[P]):
    """An object to insert: properties plus an optional uuid and vector(s)."""

    properties: P
    uuid: UUID | str | None = None
    vector: Sequence[float] | Mapping[str, Sequence[float]] | None = None
    references: Mapping[str, object] = field(default_factory=dict)
