"""Results of `delete_many`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DeleteManyObject:
    """The outcome for one matched object (verbose deletes only)."""

    uuid: UUID
    successful: bool
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteManyReturn(Generic[T]):
    """How many objects matched, were deleted and failed; `objects` when verbose."""

    failed: int
    matches: int
    objects: T
    successful: int
