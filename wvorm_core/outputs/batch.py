"""Results of batch writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class ErrorObject:
    """An object the server refused, with its reason."""

    index: int
    message: str
    uuid: UUID
    properties: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class BatchObjectReturn:
    """The outcome of `insert_many`: the uuid of every object, and the ones refused."""

    uuids: dict[int, UUID]
    errors: dict[int, ErrorObject]
    elapsed_seconds: float

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)
