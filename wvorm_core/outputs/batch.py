"""Results of batch writes: what was stored, and every object or reference refused, with why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from wvorm_core.classes.data import ReferenceInputs, Vectors


@dataclass(frozen=True, slots=True)
class BatchObject:
    """An object as it was handed to a batch; `index` is its position in that batch."""

    collection: str
    properties: Mapping[str, object]
    uuid: UUID
    vector: Vectors | None = None
    references: ReferenceInputs | None = None
    tenant: str | None = None
    index: int = 0


@dataclass(frozen=True, slots=True)
class ErrorObject:
    """An object the server refused, with its reason."""

    message: str
    object_: BatchObject
    original_uuid: UUID | None = None

    @property
    def index(self) -> int:
        return self.object_.index

    @property
    def uuid(self) -> UUID:
        return self.object_.uuid

    @property
    def properties(self) -> Mapping[str, object]:
        return self.object_.properties


@dataclass(frozen=True, slots=True)
class BatchReference:
    """A reference as it was handed to a batch."""

    from_collection: str
    from_uuid: UUID
    from_property: str
    to_uuid: UUID
    to_collection: str | None = None
    tenant: str | None = None
    index: int = 0


@dataclass(frozen=True, slots=True)
class ErrorReference:
    """A reference the server refused, with its reason."""

    message: str
    reference: BatchReference


@dataclass(frozen=True, slots=True)
class BatchObjectReturn:
    """The outcome of `insert_many`: the uuid of every stored object, and the ones refused."""

    uuids: dict[int, UUID]
    errors: dict[int, ErrorObject]
    elapsed_seconds: float

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True, slots=True)
class BatchReferenceReturn:
    """The outcome of `reference_add_many`: the references refused, by index."""

    errors: dict[int, ErrorReference]
    elapsed_seconds: float

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


@dataclass(slots=True)
class BatchResult:
    """What one batch context did: counts, and everything refused."""

    objects_sent: int = 0
    objects_stored: int = 0
    references_sent: int = 0
    failed_objects: list[ErrorObject] = field(default_factory=list)
    failed_references: list[ErrorReference] = field(default_factory=list)
