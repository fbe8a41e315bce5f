"""The cluster over REST: `/v1/nodes`, `/v1/cluster/statistics` and `/v1/replication/*`."""

from __future__ import annotations

from typing import cast, get_args
from urllib.parse import quote
from uuid import UUID

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, RestResponse, rest
from wvorm_core.classes.config import check_collection_name
from wvorm_core.classes.replication import ReplicationType
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.cluster import (
    ClusterStatistics,
    Node,
    NodeMinimal,
    NodeStatistics,
    NodeVerbose,
    RaftConfigurationMember,
    RaftStats,
    Shard,
    ShardingState,
    ShardReplicas,
    Stats,
    VectorIndexingStatus,
    Verbosity,
)
from wvorm_core.outputs.replication import (
    ReplicateForceDeleteReturn,
    ReplicateOperation,
    ReplicateOperations,
    ReplicateOperationState,
    ReplicateOperationStatus,
    ReplicateOperationWithHistory,
    ReplicateOperationWithoutHistory,
    ReplicationScaleApplyReturn,
    ReplicationScalePlan,
    ShardScaleActions,
)

_INDEXING_STATES: frozenset[str] = frozenset(get_args(VectorIndexingStatus))


def _text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise WeaviateInvalidInputError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _uuid(value: UUID | str) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        raise WeaviateInvalidInputError(f"invalid operation uuid {value!r}") from None


def nodes(
    collection: str | None = None, shard: str | None = None, output: Verbosity | None = None
) -> Op[list[NodeMinimal] | list[NodeVerbose]]:
    """`GET /v1/nodes[/{collection}]`: every node's status; shards and counts if verbose."""
    if output not in (None, "minimal", "verbose"):
        raise WeaviateInvalidInputError(f"output must be 'minimal' or 'verbose', got {output!r}")
    path = "/nodes" if collection is None else f"/nodes/{quote(check_collection_name(collection))}"
    params: dict[str, str] = {"output": output} if output else {}
    if shard is not None:
        params["shardName"] = _text(shard, "shard")
    reply = yield from rest("GET", path, params=params or None, context="get nodes status")
    listed = [jv.obj(node) for node in jv.items(jv.obj(reply.json()).get("nodes"))]
    if not listed:
        raise WeaviateError(f"the nodes status reply lists no nodes: {reply.body[:200]!r}")
    if output == "verbose":
        return [_node_verbose(node) for node in listed]
    return [_node_minimal(node) for node in listed]


def _node_minimal(node: jv.JsonObject) -> NodeMinimal:
    return Node(
        git_hash=jv.get(node, "gitHash", str, ""),
        name=jv.get(node, "name", str, ""),
        shards=None,
        stats=None,
        status=jv.get(node, "status", str, ""),
        version=jv.get(node, "version", str, ""),
    )


def _count(data: jv.JsonObject, key: str) -> int:
    value = data.get(key)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _shard(data: jv.JsonObject, node: str) -> Shard:
    status = jv.get(data, "vectorIndexingStatus", str, "READY")
    return Shard(
        collection=jv.get(data, "class", str, ""),
        name=jv.get(data, "name", str, ""),
        node=node,
        object_count=_count(data, "objectCount"),
        vector_indexing_status=cast(
            VectorIndexingStatus, status if status in _INDEXING_STATES else "READY"
        ),
        vector_queue_length=_count(data, "vectorQueueLength"),
        compressed=jv.get(data, "compressed", bool, False),
        loaded=jv.opt(data, "loaded", bool),
    )


def _node_verbose(node: jv.JsonObject) -> NodeVerbose:
    name = jv.get(node, "name", str, "")
    stats = jv.obj(node.get("stats"))
    return Node(
        git_hash=jv.get(node, "gitHash", str, ""),
        name=name,
        shards=[_shard(jv.obj(s), name) for s in jv.items(node.get("shards"))],
        stats=Stats(_count(stats, "objectCount"), _count(stats, "shardCount")),
        status=jv.get(node, "status", str, ""),
        version=jv.get(node, "version", str, ""),
    )


def statistics() -> Op[ClusterStatistics]:
    """`GET /v1/cluster/statistics`: the Raft state of every node."""
    reply = yield from rest("GET", "/cluster/statistics", context="get cluster statistics")
    body = jv.obj(reply.json())
    return ClusterStatistics(
        statistics=[_node_statistics(jv.obj(s)) for s in jv.items(body.get("statistics"))],
        synchronized=jv.get(body, "synchronized", bool, False),
    )


def _node_statistics(data: jv.JsonObject) -> NodeStatistics:
    return NodeStatistics(
        candidates=dict(jv.obj(data.get("candidates"))),
        db_loaded=jv.get(data, "dbLoaded", bool, False),
        initial_last_applied_index=_count(data, "initialLastAppliedIndex"),
        is_voter=jv.get(data, "isVoter", bool, False),
        leader_address=jv.get(data, "leaderAddress", str, ""),
        leader_id=jv.get(data, "leaderId", str, ""),
        name=jv.get(data, "name", str, ""),
        is_open=jv.get(data, "open", bool, False),
        raft=_raft(jv.obj(data.get("raft"))),
        ready=jv.get(data, "ready", bool, False),
        status=jv.get(data, "status", str, ""),
    )


def _raft(data: jv.JsonObject) -> RaftStats:
    def field(key: str) -> str:
        value = data.get(key)
        return "" if value is None else str(value)

    members = [
        RaftConfigurationMember(
            address=jv.get(m, "address", str, ""),
            node_id=jv.get(m, "id", str, ""),
            suffrage=_count(m, "suffrage"),
        )
        for m in map(jv.obj, jv.items(data.get("latestConfiguration")))
    ]
    return RaftStats(
        applied_index=field("appliedIndex"),
        commit_index=field("commitIndex"),
        fsm_pending=field("fsmPending"),
        last_contact=field("lastContact"),
        last_log_index=field("lastLogIndex"),
        last_log_term=field("lastLogTerm"),
        last_snapshot_index=field("lastSnapshotIndex"),
        last_snapshot_term=field("lastSnapshotTerm"),
        latest_configuration=members,
        latest_configuration_index=field("latestConfigurationIndex"),
        num_peers=field("numPeers"),
        protocol_version=field("protocolVersion"),
        protocol_version_max=field("protocolVersionMax"),
        protocol_version_min=field("protocolVersionMin"),
        snapshot_version_max=field("snapshotVersionMax"),
        snapshot_version_min=field("snapshotVersionMin"),
        state=field("state"),
        term=field("term"),
    )


def _replication(
    method: str,
    path: str,
    context: str,
    *,
    params: dict[str, str] | None = None,
    json: object = None,
    ok: tuple[int, ...] = (200,),
) -> Op[RestResponse]:
    """One `/v1/replication` call; 501 (replica movement off) raises an error saying so."""
    reply = yield from rest(method, path, params=params, json=json, ok=(*ok, 501), context=context)
    if reply.status == 501:
        raise UnexpectedStatusCodeError(
            context, 501, "replica movement is disabled on the server (REPLICA_MOVEMENT_ENABLED)"
        )
    return reply


def sharding_state(collection: str, shard: str | None = None) -> Op[ShardingState | None]:
    """`GET /v1/replication/sharding-state`; None if the collection or shard is unknown."""
    params = {"collection": check_collection_name(collection)}
    if shard is not None:
        params["shard"] = _text(shard, "shard")
    reply = yield from _replication(
        "GET",
        "/replication/sharding-state",
        f"get sharding state of {collection!r}",
        params=params,
        ok=(200, 404),
    )
    if reply.status == 404:
        return None
    state = jv.obj(jv.obj(reply.json()).get("shardingState"))
    return ShardingState(
        collection=jv.get(state, "collection", str, params["collection"]),
        shards=[
            ShardReplicas(jv.get(s, "shard", str, ""), list(jv.strings(s.get("replicas")) or ()))
            for s in map(jv.obj, jv.items(state.get("shards")))
        ],
    )


def replicate(
    collection: str,
    shard: str,
    source_node: str,
    target_node: str,
    replication_type: ReplicationType = ReplicationType.COPY,
) -> Op[UUID]:
    """`POST /v1/replication/replicate`: start copying or moving a shard replica."""
    body = {
        "collection": check_collection_name(collection),
        "shard": _text(shard, "shard"),
        "sourceNode": _text(source_node, "source_node"),
        "targetNode": _text(target_node, "target_node"),
        "type": ReplicationType(replication_type).value,
    }
    if source_node == target_node:
        raise WeaviateInvalidInputError(f"source_node and target_node are both {source_node!r}")
    reply = yield from _replication(
        "POST", "/replication/replicate", f"replicate shard {shard!r}", json=body
    )
    return _uuid(jv.get(jv.obj(reply.json()), "id", str, ""))


def _status(data: jv.JsonObject) -> ReplicateOperationStatus:
    try:
        state = ReplicateOperationState(data.get("state"))
    except ValueError:
        raise WeaviateError(f"unexpected replication state {data.get('state')!r}") from None
    errors = [
        jv.get(e, "message", str, "") if isinstance(e, dict) else str(e)
        for e in jv.items(data.get("errors"))
    ]
    return ReplicateOperationStatus(state, errors)


def _operation_parts(
    data: jv.JsonObject,
) -> tuple[
    tuple[str, str, str, str, ReplicateOperationStatus], tuple[ReplicationType, UUID, bool, bool]
]:
    head = (
        jv.get(data, "collection", str, ""),
        jv.get(data, "shard", str, ""),
        jv.get(data, "sourceNode", str, ""),
        jv.get(data, "targetNode", str, ""),
        _status(jv.obj(data.get("status"))),
    )
    tail = (
        ReplicationType(jv.get(data, "type", str, "COPY")),
        _uuid(jv.get(data, "id", str, "")),
        jv.get(data, "scheduledForCancel", bool, False),
        jv.get(data, "scheduledForDelete", bool, False),
    )
    return head, tail


def with_history(data: jv.JsonObject) -> ReplicateOperationWithHistory:
    """One operation of a details or list reply, with its status history."""
    head, tail = _operation_parts(data)
    history = [_status(jv.obj(s)) for s in jv.items(data.get("statusHistory"))]
    return ReplicateOperation(*head, history, *tail)


def without_history(data: jv.JsonObject) -> ReplicateOperationWithoutHistory:
    """One operation of a details or list reply, its current status only."""
    head, tail = _operation_parts(data)
    return ReplicateOperation(*head, None, *tail)


def get_operation(
    uuid: UUID | str, include_history: bool = False
) -> Op[ReplicateOperationWithHistory | ReplicateOperationWithoutHistory | None]:
    """`GET /v1/replication/replicate/{id}`; None if there is no such operation."""
    op_id = _uuid(uuid)
    reply = yield from _replication(
        "GET",
        f"/replication/replicate/{op_id}",
        f"get replication {op_id}",
        params={"includeHistory": "true"} if include_history else None,
        ok=(200, 404),
    )
    if reply.status == 404:
        return None
    data = jv.obj(reply.json())
    return with_history(data) if include_history else without_history(data)


def list_operations(
    collection: str | None = None,
    shard: str | None = None,
    target_node: str | None = None,
    include_history: bool = False,
) -> Op[ReplicateOperations]:
    """`GET /v1/replication/replicate/list`, filtered by collection, shard, target node."""
    params: dict[str, str] = {}
    if collection is not None:
        params["collection"] = check_collection_name(collection)
    if shard is not None:
        params["shard"] = _text(shard, "shard")
    if target_node is not None:
        params["targetNode"] = _text(target_node, "target_node")
    if include_history:
        params["includeHistory"] = "true"
    reply = yield from _replication(
        "GET", "/replication/replicate/list", "list replications", params=params
    )
    found = [jv.obj(item) for item in jv.items(reply.json())]
    if include_history:
        return [with_history(item) for item in found]
    return [without_history(item) for item in found]


def list_all_operations() -> Op[list[ReplicateOperationWithHistory]]:
    """Every operation of the cluster, with its status history."""
    reply = yield from _replication(
        "GET", "/replication/replicate/list", "list replications", params={"includeHistory": "true"}
    )
    return [with_history(jv.obj(item)) for item in jv.items(reply.json())]


def cancel_operation(uuid: UUID | str) -> Op[None]:
    """`POST /v1/replication/replicate/{id}/cancel`."""
    op_id = _uuid(uuid)
    yield from _replication(
        "POST", f"/replication/replicate/{op_id}/cancel", f"cancel replication {op_id}", ok=(204,)
    )


def delete_operation(uuid: UUID | str) -> Op[None]:
    """`DELETE /v1/replication/replicate/{id}`."""
    op_id = _uuid(uuid)
    yield from _replication(
        "DELETE", f"/replication/replicate/{op_id}", f"delete replication {op_id}", ok=(204,)
    )


def delete_all_operations() -> Op[None]:
    """`DELETE /v1/replication/replicate`: schedule every operation for deletion."""
    yield from _replication(
        "DELETE", "/replication/replicate", "delete all replications", ok=(204,)
    )


def force_delete_operations(
    uuid: UUID | str | None = None,
    collection: str | None = None,
    shard: str | None = None,
    node: str | None = None,
    dry_run: bool = False,
) -> Op[ReplicateForceDeleteReturn]:
    """`POST /v1/replication/replicate/force-delete`: drop operations from the Raft state
    at once, whatever they are doing (the server warns: at your own risk)."""
    if shard is not None and collection is None:
        raise WeaviateInvalidInputError("force_delete: a shard needs its collection")
    body: dict[str, object] = {"dryRun": dry_run}
    if uuid is not None:
        body["id"] = str(_uuid(uuid))
    if collection is not None:
        body["collection"] = check_collection_name(collection)
    if shard is not None:
        body["shard"] = _text(shard, "shard")
    if node is not None:
        body["node"] = _text(node, "node")
    reply = yield from _replication(
        "POST", "/replication/replicate/force-delete", "force delete replications", json=body
    )
    data = jv.obj(reply.json())
    return ReplicateForceDeleteReturn(
        deleted=[_uuid(str(i)) for i in jv.items(data.get("deleted"))],
        dry_run=jv.get(data, "dryRun", bool, dry_run),
    )


def _scale_plan(data: jv.JsonObject) -> ReplicationScalePlan:
    actions: dict[str, ShardScaleActions] = {}
    for shard, raw in jv.obj(data.get("shardScaleActions")).items():
        action = jv.obj(raw)
        adds = jv.obj(action.get("addNodes"))
        actions[shard] = ShardScaleActions(
            remove_nodes=list(jv.strings(action.get("removeNodes")) or ()),
            add_nodes={node: src if isinstance(src, str) else None for node, src in adds.items()},
        )
    return ReplicationScalePlan(
        plan_id=_uuid(jv.get(data, "planId", str, "")),
        collection=jv.get(data, "collection", str, ""),
        shard_scale_actions=actions,
    )


def scale_plan(collection: str, replication_factor: int) -> Op[ReplicationScalePlan]:
    """`GET /v1/replication/scale`: the plan to give `collection` `replication_factor` replicas."""
    if type(replication_factor) is not int or replication_factor < 1:
        raise WeaviateInvalidInputError(
            f"replication_factor must be an int of at least 1, got {replication_factor!r}"
        )
    name = check_collection_name(collection)
    reply = yield from _replication(
        "GET",
        "/replication/scale",
        f"get scale plan of {name!r}",
        params={"collection": name, "replicationFactor": str(replication_factor)},
    )
    return _scale_plan(jv.obj(reply.json()))


def apply_scale_plan(plan: ReplicationScalePlan) -> Op[ReplicationScaleApplyReturn]:
    """`POST /v1/replication/scale`: start the replica movements of a scale plan."""
    body = {
        "planId": str(plan.plan_id),
        "collection": check_collection_name(plan.collection),
        "shardScaleActions": {
            shard: {"removeNodes": list(action.remove_nodes), "addNodes": dict(action.add_nodes)}
            for shard, action in plan.shard_scale_actions.items()
        },
    }
    reply = yield from _replication(
        "POST", "/replication/scale", f"apply scale plan of {plan.collection!r}", json=body
    )
    data = jv.obj(reply.json())
    return ReplicationScaleApplyReturn(
        plan_id=_uuid(jv.get(data, "planId", str, str(plan.plan_id))),
        collection=jv.get(data, "collection", str, plan.collection),
        operation_ids=[_uuid(str(i)) for i in jv.items(data.get("operationIds"))],
    )
