"""The 3-node cluster tests: the plugin's `weaviate_cluster`, healthy before every test, with
async replication repairing within seconds instead of the default 30 s, and replica
movement on (it also serves the sharding state)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wvorm_core import WeaviateClient
from wvorm_core.embedded import EmbeddedCluster
from wvorm_core.pytest_plugin import CollectionFactory


@pytest.fixture(scope="session")
def weaviate_cluster_environment() -> dict[str, str]:
    return {
        "ASYNC_REPLICATION_FREQUENCY": "1s",
        "ASYNC_REPLICATION_FREQUENCY_WHILE_PROPAGATING": "1s",
        "ASYNC_REPLICATION_PROPAGATION_DELAY": "1s",
        "REPLICA_MOVEMENT_ENABLED": "true",
    }


@pytest.fixture
def cluster(weaviate_cluster: EmbeddedCluster) -> Iterator[EmbeddedCluster]:
    """The session cluster with every node up; a node a test left down is started again."""
    _heal(weaviate_cluster)
    yield weaviate_cluster
    _heal(weaviate_cluster)


def _heal(cluster: EmbeddedCluster) -> None:
    for i, server in enumerate(cluster.servers):
        if not server.is_running():
            cluster.restart(i, wait_healthy=False)
    cluster.wait_until_healthy()


@pytest.fixture
def node0(cluster: EmbeddedCluster) -> Iterator[WeaviateClient]:
    with cluster.client(0) as client:
        yield client


@pytest.fixture
def collections(node0: WeaviateClient) -> Iterator[CollectionFactory]:
    factory = CollectionFactory(node0, prefix="Cluster")
    yield factory
    factory.cleanup()
