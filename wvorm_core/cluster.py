"""`client.cluster`: node status, Raft statistics, sharding state and replica movements."""

from wvorm_core._async.cluster import AsyncClusterNamespace, AsyncReplicationsNamespace
from wvorm_core._sync.cluster import ClusterNamespace, ReplicationsNamespace

__all__ = [
    "AsyncClusterNamespace",
    "AsyncReplicationsNamespace",
    "ClusterNamespace",
    "ReplicationsNamespace",
]
