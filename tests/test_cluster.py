"""`client.cluster` against the one-node test server, and the multi-node operations' requests
and reply parsing over a scripted transport (a local cluster comes with a later issue)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import pytest

import wvorm_core
from wvorm_core import WeaviateClient
from wvorm_core._ops.calls import Call, RestRequest, RestResponse
from wvorm_core.classes.backup import BackupStorage
from wvorm_core.classes.replication import ReplicationType
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError
from wvorm_core.outputs.cluster import Shard, ShardingState, ShardReplicas, Stats
from wvorm_core.outputs.replication import (
    ReplicateOperationState,
    ReplicateOperationStatus,
    ReplicateOperationWithoutHistory,
    ReplicationScalePlan,
    ShardScaleActions,
)
from wvorm_core.testing import ScriptedTransport, json_response


def _flush(client: WeaviateClient, collection: str) -> None:
    """Write `collection`'s memtables to disk, where `nodes()` counts objects: a backup
    flushes them (small imports otherwise stay in the write-ahead log for long)."""
    backup_id = f"flush-{uuid.uuid4().hex[:12]}"
    client.backup.create(
        backup_id,
        BackupStorage.FILESYSTEM,
        include_collections=collection,
        wait_for_completion=True,
    )


def _settled(
    client: WeaviateClient,
    op_id: uuid.UUID,
    done: Callable[[ReplicateOperationWithoutHistory | None], bool],
) -> ReplicateOperationWithoutHistory | None:
    """The operation once `done` holds for it (the server applies cancels and deletes in
    the background), or as it is after 20 s."""
    deadline = time.monotonic() + 20
    operation = client.cluster.replications.get(uuid=op_id)
    while not done(operation) and time.monotonic() < deadline:
        time.sleep(0.2)
        operation = client.cluster.replications.get(uuid=op_id)
    return operation


def test_nodes(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(collection_name)
    client.collections.use(collection_name).data.insert_many([{"n": i} for i in range(3)])

    [minimal] = client.cluster.nodes()
    assert minimal.name == "node1"
    assert minimal.status == "HEALTHY"
    assert minimal.version == "1.39.2"
    assert (minimal.shards, minimal.stats) == (None, None)

    _flush(client, collection_name)
    [node] = client.cluster.nodes(collection_name, output="verbose")
    assert node.stats == Stats(object_count=3, shard_count=1)
    [shard] = node.shards
    assert shard.collection == collection_name
    assert shard.node == "node1"
    assert shard.object_count == 3
    assert shard.vector_indexing_status == "READY"
    assert shard.loaded is True

    [everything] = client.cluster.nodes(output="verbose")
    assert shard.name in {s.name for s in everything.shards}
    [one_shard] = client.cluster.nodes(collection_name, shard.name, output="verbose")
    assert [s.name for s in one_shard.shards] == [shard.name]
    with pytest.raises(WeaviateInvalidInputError, match="output"):
        client.cluster.nodes(output="loud")  # type: ignore[call-overload]


def test_statistics_and_sharding_state(client: WeaviateClient, collection_name: str) -> None:
    stats = client.cluster.statistics()
    assert stats.synchronized
    [node] = stats.statistics
    assert (node.name, node.leader_id, node.raft.state) == ("node1", "node1", "Leader")
    assert (node.is_voter, node.ready, node.db_loaded) == (True, True, True)
    assert [m.node_id for m in node.raft.latest_configuration] == ["node1"]

    client.collections.create(collection_name)
    state = client.cluster.query_sharding_state(collection=collection_name)
    assert state is not None
    assert state.collection == collection_name
    [replicas] = state.shards
    assert replicas.replicas == ["node1"]
    one = client.cluster.query_sharding_state(collection=collection_name, shard=replicas.name)
    assert one == state
    assert client.cluster.query_sharding_state(collection="NoSuchCollection") is None


def test_replications_on_one_node(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(collection_name)
    state = client.cluster.query_sharding_state(collection=collection_name)
    assert state is not None
    shard = state.shards[0].name
    # The server registers a movement to a node it does not have; it cannot progress.
    op_id = client.cluster.replicate(
        collection=collection_name, shard=shard, source_node="node1", target_node="node2"
    )
    operation = client.cluster.replications.get(uuid=op_id)
    assert operation is not None
    assert (operation.uuid, operation.collection, operation.shard) == (
        op_id,
        collection_name,
        shard,
    )
    assert (operation.source_node, operation.target_node) == ("node1", "node2")
    assert operation.transfer_type is ReplicationType.COPY
    assert operation.status_history is None
    detailed = client.cluster.replications.get(uuid=op_id, include_history=True)
    assert detailed is not None
    assert isinstance(detailed.status_history, list)
    assert [o.uuid for o in client.cluster.replications.query(collection=collection_name)] == [
        op_id
    ]
    assert op_id in {o.uuid for o in client.cluster.replications.list_all()}
    assert client.cluster.replications.query(target_node="node3") == []
    client.cluster.replications.cancel(uuid=op_id)
    # One node cannot run the movement, so the cancel and the delete stay scheduled.
    canceled = _settled(client, op_id, lambda op: op is None or op.scheduled_for_cancel)
    assert canceled is None or canceled.scheduled_for_cancel
    client.cluster.replications.delete(uuid=op_id)
    deleted = _settled(client, op_id, lambda op: op is None or op.scheduled_for_delete)
    assert deleted is None or deleted.scheduled_for_delete
    client.cluster.replications.delete_all()
    assert client.cluster.replications.get(uuid=uuid.uuid4()) is None
    with pytest.raises(WeaviateInvalidInputError, match="both 'node1'"):
        client.cluster.replicate(
            collection=collection_name, shard=shard, source_node="node1", target_node="node1"
        )
    with pytest.raises(WeaviateInvalidInputError, match="uuid"):
        client.cluster.replications.cancel(uuid="not-a-uuid")


async def test_async_cluster(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    await async_client.collections.create(collection_name)
    [node] = await async_client.cluster.nodes(collection_name, output="verbose")
    assert [s.collection for s in node.shards] == [collection_name]
    [minimal] = await async_client.cluster.nodes(output="minimal")
    assert minimal.stats is None
    assert (await async_client.cluster.statistics()).synchronized
    state = await async_client.cluster.query_sharding_state(collection=collection_name)
    assert state is not None
    assert state.shards[0].replicas == ["node1"]
    assert (
        await async_client.cluster.replications.query(
            collection=collection_name, include_history=True
        )
        == []
    )


# The multi-node operations, over a scripted transport: requests and reply parsing.

OP_ID = uuid.UUID("7f0c1a52-3a0e-4a6e-9d62-6a1f4f1f2b10")
OPERATION = {
    "id": str(OP_ID),
    "collection": "Article",
    "shard": "s1",
    "sourceNode": "node1",
    "targetNode": "node2",
    "type": "MOVE",
    "status": {"state": "HYDRATING", "errors": []},
    "statusHistory": [
        {"state": "REGISTERED", "errors": [{"message": "target busy", "whenErroredUnixMs": 1}]}
    ],
}


def _scripted(answer: Callable[[RestRequest], object]) -> tuple[WeaviateClient, list[Call]]:
    def handler(call: Call) -> object:
        assert isinstance(call, RestRequest)
        return answer(call)

    transport = ScriptedTransport(handler)
    return WeaviateClient(transport=transport, skip_init_checks=True), transport.requests


def test_replicate_request() -> None:
    client, requests = _scripted(lambda call: json_response({"id": str(OP_ID)}))
    started = client.cluster.replicate(
        collection="article",
        shard="s1",
        source_node="node1",
        target_node="node2",
        replication_type=ReplicationType.MOVE,
    )
    assert started == OP_ID
    [call] = requests
    assert isinstance(call, RestRequest)
    assert (call.method, call.path) == ("POST", "/replication/replicate")
    assert call.json == {
        "collection": "Article",
        "shard": "s1",
        "sourceNode": "node1",
        "targetNode": "node2",
        "type": "MOVE",
    }


def test_replication_operations_parse() -> None:
    def answer(call: RestRequest) -> object:
        if call.method != "GET":
            return RestResponse(204, b"")
        return json_response(OPERATION if call.path.endswith(str(OP_ID)) else [OPERATION])

    client, requests = _scripted(answer)
    plain = client.cluster.replications.get(uuid=OP_ID)
    assert plain is not None
    assert plain.status_history is None
    assert plain.status == ReplicateOperationStatus(ReplicateOperationState.HYDRATING, [])
    assert (plain.source_node, plain.target_node, plain.transfer_type) == (
        "node1",
        "node2",
        ReplicationType.MOVE,
    )
    full = client.cluster.replications.get(uuid=str(OP_ID), include_history=True)
    assert full is not None
    assert full.status_history == [
        ReplicateOperationStatus(ReplicateOperationState.REGISTERED, ["target busy"])
    ]
    [listed] = client.cluster.replications.query(
        collection="article", shard="s1", target_node="node2", include_history=True
    )
    assert listed == full
    client.cluster.replications.cancel(uuid=OP_ID)
    client.cluster.replications.delete(uuid=OP_ID)
    calls = [
        (c.method, c.path, dict(c.params or {})) for c in requests if isinstance(c, RestRequest)
    ]
    assert calls == [
        ("GET", f"/replication/replicate/{OP_ID}", {}),
        ("GET", f"/replication/replicate/{OP_ID}", {"includeHistory": "true"}),
        (
            "GET",
            "/replication/replicate/list",
            {
                "collection": "Article",
                "shard": "s1",
                "targetNode": "node2",
                "includeHistory": "true",
            },
        ),
        ("POST", f"/replication/replicate/{OP_ID}/cancel", {}),
        ("DELETE", f"/replication/replicate/{OP_ID}", {}),
    ]


def test_multi_node_parse() -> None:
    def node(name: str, count: int) -> dict[str, object]:
        shard = {
            "class": "Article",
            "name": f"shard-{name}",
            "objectCount": count,
            "vectorIndexingStatus": "INDEXING",
            "vectorQueueLength": 7,
            "compressed": True,
            "loaded": True,
        }
        return {
            "name": name,
            "status": "HEALTHY",
            "version": "1.39.2",
            "gitHash": "abc",
            "stats": {"objectCount": count, "shardCount": 1},
            "shards": [shard],
        }

    def answer(call: RestRequest) -> object:
        if call.path.startswith("/nodes"):
            return json_response({"nodes": [node("node1", 5), node("node2", 4)]})
        replicas = [{"shard": "s1", "replicas": ["node1", "node2"]}]
        return json_response({"shardingState": {"collection": "Article", "shards": replicas}})

    client, requests = _scripted(answer)
    nodes = client.cluster.nodes("article", "shard-node2", output="verbose")
    assert [n.stats.object_count for n in nodes] == [5, 4]
    assert nodes[1].shards == [
        Shard("Article", "shard-node2", "node2", 4, "INDEXING", 7, True, True)
    ]
    state = client.cluster.query_sharding_state(collection="Article", shard="s1")
    assert state == ShardingState("Article", [ShardReplicas("s1", ["node1", "node2"])])
    first = requests[0]
    assert isinstance(first, RestRequest)
    assert (first.path, first.params) == (
        "/nodes/Article",
        {"output": "verbose", "shardName": "shard-node2"},
    )


def test_disabled_replica_movement_says_so() -> None:
    client, _ = _scripted(lambda call: json_response(None, status=501))
    with pytest.raises(UnexpectedStatusCodeError, match="REPLICA_MOVEMENT_ENABLED"):
        client.cluster.replications.list_all()


def test_scale_plan_and_force_delete_on_one_node(
    client: WeaviateClient, collection_name: str
) -> None:
    client.collections.create(collection_name)
    replications = client.cluster.replications
    plan = replications.get_scale_plan(collection=collection_name, replication_factor=1)
    assert (plan.collection, plan.shard_scale_actions) == (collection_name, {})
    applied = replications.apply_scale_plan(plan)
    assert (applied.plan_id, applied.operation_ids) == (plan.plan_id, [])
    with pytest.raises(UnexpectedStatusCodeError, match="not enough storage replicas"):
        replications.get_scale_plan(collection=collection_name, replication_factor=2)
    with pytest.raises(WeaviateInvalidInputError, match="replication_factor"):
        replications.get_scale_plan(collection=collection_name, replication_factor=0)

    state = client.cluster.query_sharding_state(collection=collection_name)
    assert state is not None
    op_id = client.cluster.replicate(
        collection=collection_name,
        shard=state.shards[0].name,
        source_node="node1",
        target_node="node2",
    )
    dry = replications.force_delete(collection=collection_name, dry_run=True)
    assert (dry.deleted, dry.dry_run) == ([op_id], True)
    assert replications.get(uuid=op_id) is not None
    assert replications.force_delete(collection=collection_name).dry_run is False
    assert replications.get(uuid=op_id) is None
    with pytest.raises(WeaviateInvalidInputError, match="needs its collection"):
        replications.force_delete(shard="s1")


def test_scale_plan_requests() -> None:
    plan_id = uuid.UUID("0c1e1f3a-1111-4222-8333-444455556666")
    plan_body = {
        "planId": str(plan_id),
        "collection": "Article",
        "shardScaleActions": {
            "s1": {"removeNodes": ["node1"], "addNodes": {"node2": "node1", "node3": None}}
        },
    }

    def answer(call: RestRequest) -> object:
        if call.method == "GET":
            return json_response(plan_body)
        ids = [str(OP_ID)]
        return json_response({"planId": str(plan_id), "collection": "Article", "operationIds": ids})

    client, requests = _scripted(answer)
    plan = client.cluster.replications.get_scale_plan(collection="article", replication_factor=2)
    assert plan == ReplicationScalePlan(
        plan_id, "Article", {"s1": ShardScaleActions(["node1"], {"node2": "node1", "node3": None})}
    )
    applied = client.cluster.replications.apply_scale_plan(plan)
    assert applied.operation_ids == [OP_ID]
    get, post = requests
    assert isinstance(get, RestRequest)
    assert isinstance(post, RestRequest)
    assert get.params == {"collection": "Article", "replicationFactor": "2"}
    assert post.json == plan_body
