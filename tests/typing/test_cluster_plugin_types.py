"""Static types of `EmbeddedCluster` and the pytest plugin's `CollectionFactory` (mypy only)."""

from __future__ import annotations

from typing import TypedDict

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.collections import Collection
from wvorm_core.embedded import ClusterNode, EmbeddedCluster, EmbeddedServer
from wvorm_core.pytest_plugin import CollectionFactory


class Note(TypedDict):
    text: str


def check_cluster(cluster: EmbeddedCluster) -> None:
    assert_type(cluster.nodes, tuple[ClusterNode, ...])
    assert_type(cluster.servers, tuple[EmbeddedServer, ...])
    assert_type(cluster.server(0), EmbeddedServer)
    assert_type(cluster.client(1), wvorm_core.WeaviateClient)
    assert_type(cluster.async_client(2), wvorm_core.WeaviateAsyncClient)
    assert_type(cluster.kill(0), None)
    assert_type(cluster.restart(0, wait_healthy=False), None)
    with EmbeddedCluster(3) as started:
        assert_type(started, EmbeddedCluster)


def check_factory(factory: CollectionFactory) -> None:
    assert_type(factory(), Collection)
    assert_type(factory(data_model_properties=Note), Collection[Note])
    assert_type(factory.unique_name(), str)
