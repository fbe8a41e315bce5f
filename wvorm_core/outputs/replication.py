"""Replica movement results, in the shape of the official client's
`weaviate.outputs.replication`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar
from uuid import UUID

from wvorm_core.classes.replication import ReplicationType

__all__ = [
    "ReplicateForceDeleteReturn",
    "ReplicateOperation",
    "ReplicateOperationState",
    "ReplicateOperationStatus",
    "ReplicateOperationWithHistory",
    "ReplicateOperationWithoutHistory",
    "ReplicateOperations",
    "ReplicationScaleApplyReturn",
    "ReplicationScalePlan",
    "ReplicationType",
    "ShardScaleActions",
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


@dataclass(frozen=True, slots=True)
class ShardScaleActions:
    """What a scale plan does to one shard: the nodes that lose their replica, and the nodes
    that gain one, each mapped to the node it is copied from (None: start empty)."""

    remove_nodes: list[str]
    add_nodes: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class ReplicationScalePlan:
    """The server's plan to bring a collection to a replication factor, shard by shard; pass
    it to `replications.apply_scale_plan`."""

    plan_id: UUID
    collection: str
    shard_scale_actions: dict[str, ShardScaleActions]


@dataclass(frozen=True, slots=True)
class ReplicationScaleApplyReturn:
    """The replica movements an applied scale plan started."""

    plan_id: UUID
    collection: str
    operation_ids: list[UUID]


@dataclass(frozen=True, slots=True)
class ReplicateForceDeleteReturn:
    """A force delete: on a dry run, the operations it would remove (the server lists them on
    a dry run only)."""

    deleted: list[UUID]
    dry_run: bool
