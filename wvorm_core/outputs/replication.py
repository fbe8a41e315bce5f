"""Replica movement results, in the shape of the official client's
`weaviate.outputs.replication`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar
from uuid import UUID

from wvorm_core.classes.replication import ReplicationType

__all__ = [
    "ReplicateOperation",
    "ReplicateOperationState",
    "ReplicateOperationStatus",
    "ReplicateOperationWithHistory",
    "ReplicateOperationWithoutHistory",
    "ReplicateOperations",
    "ReplicationType",
]


class ReplicateOperationState(str, Enum):
    """The stages a replica movement goes through."""

    REGISTERED = "REGISTERED"
    HYDRATING = "HYDRATING"
    FINALIZING = "FINALIZING"
    DEHYDRATING = "DEHYDRATING"
    INTEGRATING = "INTEGRATING"
    READY = "READY"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class ReplicateOperationStatus:
    """One stage of a replica movement and the error messages met in it."""

    state: ReplicateOperationState
    errors: list[str]


H = TypeVar("H", None, list[ReplicateOperationStatus])


@dataclass(frozen=True, slots=True)
class ReplicateOperation(Generic[H]):
    """A replica movement of one shard between two nodes; `status_history` when asked for.
    `scheduled_for_cancel` / `scheduled_for_delete`: a cancel or delete was requested and the
    replication engine has not applied it yet."""

    collection: str
    shard: str
    source_node: str
    target_node: str
    status: ReplicateOperationStatus
    status_history: H
    transfer_type: ReplicationType
    uuid: UUID
    scheduled_for_cancel: bool = False
    scheduled_for_delete: bool = False


ReplicateOperationWithoutHistory = ReplicateOperation[None]
ReplicateOperationWithHistory = ReplicateOperation[list[ReplicateOperationStatus]]
ReplicateOperations = list[ReplicateOperationWithoutHistory] | list[ReplicateOperationWithHistory]
