# Generated from wvorm_core/_async/cluster.py by scripts/unasync.py; do not edit.
"""`client.cluster`: node status, Raft statistics, sharding state and replica movements."""

from __future__ import annotations

from typing import Literal, overload
from uuid import UUID

from wvorm_core._ops import cluster
from wvorm_core._sync._namespace import Namespace
from wvorm_core._transport.base import Transport
from wvorm_core.classes.replication import ReplicationType
from wvorm_core.outputs.cluster import (
    ClusterStatistics,
    NodeMinimal,
    NodeVerbose,
    ShardingState,
    Verbosity,
)
from wvorm_core.outputs.replication import (
    ReplicateForceDeleteReturn,
    ReplicateOperations,
    ReplicateOperationWithHistory,
    ReplicateOperationWithoutHistory,
    ReplicationScaleApplyReturn,
    ReplicationScalePlan,
)


class ReplicationsNamespace(Namespace):
    """Replica movement operations registered in the cluster (blocking)."""

    @overload
    def get(
        self, *, uuid: UUID | str, include_history: Literal[False] = False
    ) -> ReplicateOperationWithoutHistory | None: ...

    @overload
    def get(
        self, *, uuid: UUID | str, include_history: Literal[True]
    ) -> ReplicateOperationWithHistory | None: ...

    def get(
        self, *, uuid: UUID | str, include_history: bool = False
    ) -> ReplicateOperationWithHistory | ReplicateOperationWithoutHistory | None:
        """One operation, or None if there is none with that uuid."""
        return self._transport.run(cluster.get_operation(uuid, include_history))

    def list_all(self) -> list[ReplicateOperationWithHistory]:
        """Every operation, with its status history."""
        return self._transport.run(cluster.list_all_operations())

    @overload
    def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: Literal[False] = False,
    ) -> list[ReplicateOperationWithoutHistory]: ...

    @overload
    def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: Literal[True],
    ) -> list[ReplicateOperationWithHistory]: ...

    def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: bool = False,
    ) -> ReplicateOperations:
        """The operations of a collection, shard or target node."""
        return self._transport.run(
            cluster.list_operations(collection, shard, target_node, include_history)
        )

    def cancel(self, *, uuid: UUID | str) -> None:
        """Stop an operation; it stays listed as CANCELLED."""
        self._transport.run(cluster.cancel_operation(uuid))

    def delete(self, *, uuid: UUID | str) -> None:
        """Cancel an operation if it runs, and forget it."""
        self._transport.run(cluster.delete_operation(uuid))

    def delete_all(self) -> None:
        """Schedule every operation for deletion."""
        self._transport.run(cluster.delete_all_operations())

    def force_delete(
        self,
        *,
        uuid: UUID | str | None = None,
        collection: str | None = None,
        shard: str | None = None,
        node: str | None = None,
        dry_run: bool = False,
    ) -> ReplicateForceDeleteReturn:
        """Remove operations from the cluster state at once, whatever their stage (this may
        lose data): one by `uuid`, those of a `collection` (and `shard`) or target `node`, or
        all of them without arguments. `dry_run=True` only lists them."""
        return self._transport.run(
            cluster.force_delete_operations(uuid, collection, shard, node, dry_run)
        )

    def get_scale_plan(self, *, collection: str, replication_factor: int) -> ReplicationScalePlan:
        """The server's plan (per shard: nodes to add, nodes to remove) to give `collection`
        `replication_factor` replicas."""
        return self._transport.run(cluster.scale_plan(collection, replication_factor))

    def apply_scale_plan(self, plan: ReplicationScalePlan) -> ReplicationScaleApplyReturn:
        """Start the replica movements of a scale plan; their operation uuids."""
        return self._transport.run(cluster.apply_scale_plan(plan))


class ClusterNamespace:
    """The cluster's nodes and shard replicas (blocking)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._replications = ReplicationsNamespace(transport)

    @property
    def replications(self) -> ReplicationsNamespace:
        """Replica movement operations: get, list, query, cancel, delete."""
        return self._replications

    @overload
    def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Literal["minimal"] | None = None,
    ) -> list[NodeMinimal]: ...

    @overload
    def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Literal["verbose"],
    ) -> list[NodeVerbose]: ...

    @overload
    def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Verbosity | None = None,
    ) -> list[NodeMinimal] | list[NodeVerbose]: ...

    def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Verbosity | None = None,
    ) -> list[NodeMinimal] | list[NodeVerbose]:
        """The status of every node; with `output="verbose"` also each node's shards (of
        `collection`, or of one `shard`) with their object counts and indexing state."""
        return self._transport.run(cluster.nodes(collection, shard, output))

    def statistics(self) -> ClusterStatistics:
        """The Raft consensus state of every node."""
        return self._transport.run(cluster.statistics())

    def query_sharding_state(
        self, *, collection: str, shard: str | None = None
    ) -> ShardingState | None:
        """Which nodes hold each shard of `collection`; None if it (or `shard`) is unknown."""
        return self._transport.run(cluster.sharding_state(collection, shard))

    def replicate(
        self,
        *,
        collection: str,
        shard: str,
        source_node: str,
        target_node: str,
        replication_type: ReplicationType = ReplicationType.COPY,
    ) -> UUID:
        """Start copying (or moving) a shard replica to another node; the operation's uuid."""
        return self._transport.run(
            cluster.replicate(collection, shard, source_node, target_node, replication_type)
        )
