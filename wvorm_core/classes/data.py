"""Data inputs: `DataObject`, references, and special property values (v4 shapes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, Protocol
from uuid import UUID

from typing_extensions import TypeVar

P = TypeVar("P")


class FloatArray(Protocol):
    """A one-dimensional array of floats, e.g. a numpy array (sent as packed float32)."""

    @property
    def ndim(self) -> int: ...

    def astype(self, dtype: str, copy: bool = ...) -> FloatArray: ...

    def tobytes(self) -> bytes: ...


Vector = Sequence[float] | FloatArray
"""One vector: a list of floats or a one-dimensional array."""

Vectors = Vector | Mapping[str, Vector]
"""The vector of an object, or its named vectors by name."""


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
class ReferenceToMulti:
    """Objects of `target_collection` a multi-target reference points to."""

    target_collection: str
    uuids: UUID | str | Sequence[UUID | str]

    def uuid_list(self) -> list[UUID | str]:
        return [self.uuids] if isinstance(self.uuids, (UUID, str)) else list(self.uuids)


ReferenceInput = UUID | str | Sequence[UUID | str] | ReferenceToMulti
"""What a reference property points to: one uuid, several, or objects of a named collection."""

ReferenceInputs = Mapping[str, ReferenceInput]
"""References of an object by property name."""


R = TypeVar("R", default=ReferenceInputs)


@dataclass(frozen=True, slots=True)
class DataObject(Generic[P, R]):
    """An object to insert: properties plus an optional uuid, vector(s) and references.

    The second type parameter types `references` (as the official client's does)."""

    properties: P
    uuid: UUID | str | None = None
    vector: Vectors | None = None
    references: R | None = None


@dataclass(frozen=True, slots=True)
class DataReference:
    """A reference from `from_uuid`'s `from_property` to one or more objects."""

    from_property: str
    from_uuid: UUID | str
    to_uuid: UUID | str | Sequence[UUID | str]
    MultiTarget: ClassVar[type[DataReferenceMulti]]
    """The official client's spelling of `DataReferenceMulti`."""

    def to_uuids(self) -> list[UUID | str]:
        return [self.to_uuid] if isinstance(self.to_uuid, (UUID, str)) else list(self.to_uuid)


@dataclass(frozen=True, slots=True)
class DataReferenceMulti(DataReference):
    """A reference to objects of `target_collection` on a multi-target reference property."""

    target_collection: str


DataReference.MultiTarget = DataReferenceMulti

DataReferences = DataReference | DataReferenceMulti
