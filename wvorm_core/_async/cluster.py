"""`client.cluster`: node status, Raft statistics, sharding state and replica movements."""

from __future__ import annotations

from typing import Literal, overload
from uuid import UUID

from wvorm_core._async._namespace import AsyncNamespace
from wvorm_core._ops import cluster
from wvorm_core._transport.base import AsyncTransport
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


class AsyncReplicationsNamespace(AsyncNamespace):
    """Replica movement operations registered in the cluster (asyncio)."""

    @overload
    async def get(
        self, *, uuid: UUID | str, include_history: Literal[False] = False
    ) -> ReplicateOperationWithoutHistory | None: ...

    @overload
    async def get(
        self, *, uuid: UUID | str, include_history: Literal[True]
    ) -> ReplicateOperationWithHistory | None: ...

    async def get(
        self, *, uuid: UUID | str, include_history: bool = False
    ) -> ReplicateOperationWithHistory | ReplicateOperationWithoutHistory | None:
        """One operation, or None if there is none with that uuid."""
        return await self._transport.run(cluster.get_operation(uuid, include_history))

    async def list_all(self) -> list[ReplicateOperationWithHistory]:
        """Every operation, with its status history."""
        return await self._transport.run(cluster.list_all_operations())

    @overload
    async def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: Literal[False] = False,
    ) -> list[ReplicateOperationWithoutHistory]: ...

    @overload
    async def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: Literal[True],
    ) -> list[ReplicateOperationWithHistory]: ...

    async def query(
        self,
        *,
        collection: str | None = None,
        shard: str | None = None,
        target_node: str | None = None,
        include_history: bool = False,
    ) -> ReplicateOperations:
        """The operations of a collection, shard or target node."""
        return await self._transport.run(
            cluster.list_operations(collection, shard, target_node, include_history)
        )

    async def cancel(self, *, uuid: UUID | str) -> None:
        """Stop an operation; it stays listed as CANCELLED."""
        await self._transport.run(cluster.cancel_operation(uuid))

    async def delete(self, *, uuid: UUID | str) -> None:
        """Cancel an operation if it runs, and forget it."""
        await self._transport.run(cluster.delete_operation(uuid))

    async def delete_all(self) -> None:
        """Schedule every operation for deletion."""
        await self._transport.run(cluster.delete_all_operations())

    async def force_delete(
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
        return await self._transport.run(
            cluster.force_delete_operations(uuid, collection, shard, node, dry_run)
        )

    async def get_scale_plan(
        self, *, collection: str, replication_factor: int
    ) -> ReplicationScalePlan:
        """The server's plan (per shard: nodes to add, nodes to remove) to give `collection`
        `replication_factor` replicas."""
        return await self._transport.run(cluster.scale_plan(collection, replication_factor))

    async def apply_scale_plan(self, plan: ReplicationScalePlan) -> ReplicationScaleApplyReturn:
        """Start the replica movements of a scale plan; their operation uuids."""
        return await self._transport.run(cluster.apply_scale_plan(plan))


class AsyncClusterNamespace:
    """The cluster's nodes and shard replicas (asyncio)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self._replications = AsyncReplicationsNamespace(transport)

    @property
    def replications(self) -> AsyncReplicationsNamespace:
        """Replica movement operations: get, list, query, cancel, delete."""
        return self._replications

    @overload
    async def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Literal["minimal"] | None = None,
    ) -> list[NodeMinimal]: ...

    @overload
    async def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Literal["verbose"],
    ) -> list[NodeVerbose]: ...

    @overload
    async def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Verbosity | None = None,
    ) -> list[NodeMinimal] | list[NodeVerbose]: ...

    async def nodes(
        self,
        collection: str | None = None,
        shard: str | None = None,
        *,
        output: Verbosity | None = None,
    ) -> list[NodeMinimal] | list[NodeVerbose]:
        """The status of every node; with `output="verbose"` also each node's shards (of
        `collection`, or of one `shard`) with their object counts and indexing state."""
        return await self._transport.run(cluster.nodes(collection, shard, output))

    async def statistics(self) -> ClusterStatistics:
        """The Raft consensus state of every node."""
        return await self._transport.run(cluster.statistics())

    async def query_sharding_state(
        self, *, collection: str, shard: str | None = None
    ) -> ShardingState | None:
        """Which nodes hold each shard of `collection`; None if it (or `shard`) is unknown."""
        return await self._transport.run(cluster.sharding_state(collection, shard))

    async def replicate(
        self,
        *,
        collection: str,
        shard: str,
        source_node: str,
        target_node: str,
        replication_type: ReplicationType = ReplicationType.COPY,
    ) -> UUID:
        """Start copying (or moving) a shard replica to another node; the operation's uuid."""
        return await self._transport.run(
            cluster.replicate(collection, shard, source_node, target_node, replication_type)
        )
