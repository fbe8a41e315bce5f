"""Nodes, shards and replica movements (docs/cluster.md)."""

from __future__ import annotations

from uuid import UUID

from wvorm_core import WeaviateClient
from wvorm_core.classes.replication import ReplicationType


# --8<-- [start:nodes]
def shard_report(client: WeaviateClient, collection: str) -> dict[str, int]:
    """Object count of each shard of `collection`, per node."""
    for node in client.cluster.nodes():  # minimal: name, status, version
        print(node.name, node.status, node.version)
    report: dict[str, int] = {}
    for verbose in client.cluster.nodes(collection, output="verbose"):
        for shard in verbose.shards:  # typed: list[Shard] for verbose output
            report[f"{verbose.name}/{shard.name}"] = shard.object_count
            print(shard.collection, shard.name, shard.vector_indexing_status)
    return report


# --8<-- [end:nodes]


# --8<-- [start:replicate]
def move_first_shard(client: WeaviateClient, collection: str, target_node: str) -> UUID | None:
    """Start moving the first shard of `collection` to `target_node`; follow the operation."""
    state = client.cluster.query_sharding_state(collection=collection)
    if state is None:
        return None
    shard = state.shards[0]
    operation_id = client.cluster.replicate(
        collection=collection,
        shard=shard.name,
        source_node=shard.replicas[0],
        target_node=target_node,
        replication_type=ReplicationType.MOVE,
    )
    operation = client.cluster.replications.get(uuid=operation_id, include_history=True)
    if operation is not None:
        print(operation.status.state.value, [s.state.value for s in operation.status_history])
    return operation_id


# --8<-- [end:replicate]
