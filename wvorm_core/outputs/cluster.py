"""Cluster results, in the shape of the official client's `weaviate.outputs.cluster`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

__all__ = [
    "ClusterStatistics",
    "Node",
    "NodeMinimal",
    "NodeStatistics",
    "NodeVerbose",
    "RaftConfigurationMember",
    "RaftStats",
    "Shard",
    "ShardReplicas",
    "ShardingState",
    "Shards",
    "Stats",
    "VectorIndexingStatus",
    "Verbosity",
]

Verbosity = Literal["minimal", "verbose"]
"""How much `cluster.nodes` reports: node status only, or shards and object counts too."""

VectorIndexingStatus = Literal["READONLY", "INDEXING", "READY", "LAZY_LOADING"]


@dataclass(frozen=True, slots=True)
class Shard:
    """One shard on one node: its objects and the state of its vector index."""

    collection: str
    name: str
    node: str
    object_count: int
    vector_indexing_status: VectorIndexingStatus
    vector_queue_length: int
    compressed: bool
    loaded: bool | None


Shards = list[Shard]


@dataclass(frozen=True, slots=True)
class Stats:
    """The totals of one node."""

    object_count: int
    shard_count: int


Sh = TypeVar("Sh")
St = TypeVar("St")


@dataclass(frozen=True, slots=True)
class Node(Generic[Sh, St]):
    """One node of the cluster; `shards` and `stats` are filled by verbose output only."""

    git_hash: str
    name: str
    shards: Sh
    stats: St
    status: str
    version: str


NodeMinimal = Node[None, None]
NodeVerbose = Node[Shards, Stats]


@dataclass(frozen=True, slots=True)
class ShardReplicas:
    """The nodes that hold a replica of one shard."""

    name: str
    replicas: list[str]


@dataclass(frozen=True, slots=True)
class ShardingState:
    """Where the replicas of a collection's shards are."""

    collection: str
    shards: list[ShardReplicas]


@dataclass(frozen=True, slots=True)
class RaftConfigurationMember:
    """A voter or non-voter of the Raft configuration."""

    address: str
    node_id: str
    suffrage: int


@dataclass(frozen=True, slots=True)
class RaftStats:
    """The Raft consensus figures of one node, as the server reports them (strings)."""

    applied_index: str
    commit_index: str
    fsm_pending: str
    last_contact: str
    last_log_index: str
    last_log_term: str
    last_snapshot_index: str
    last_snapshot_term: str
    latest_configuration: list[RaftConfigurationMember]
    latest_configuration_index: str
    num_peers: str
    protocol_version: str
    protocol_version_max: str
    protocol_version_min: str
    snapshot_version_max: str
    snapshot_version_min: str
    state: str
    term: str


@dataclass(frozen=True, slots=True)
class NodeStatistics:
    """The Raft state of one node: leader, voter, readiness."""

    candidates: dict[str, object]
    db_loaded: bool
    initial_last_applied_index: int
    is_voter: bool
    leader_address: str
    leader_id: str
    name: str
    is_open: bool
    raft: RaftStats
    ready: bool
    status: str


@dataclass(frozen=True, slots=True)
class ClusterStatistics:
    """`cluster.statistics()`: every node's Raft state and whether they agree."""

    statistics: list[NodeStatistics]
    synchronized: bool
