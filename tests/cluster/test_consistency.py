"""Replication factor 3: the cluster as `EmbeddedCluster` starts it, and writes and reads at
consistency ONE, QUORUM and ALL through every node."""

from __future__ import annotations

import uuid

import pytest

from wvorm_core import WeaviateClient
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.query import MetadataQuery
from wvorm_core.embedded import EmbeddedCluster
from wvorm_core.exceptions import EmbeddedServerError
from wvorm_core.pytest_plugin import CollectionFactory

from .helpers import ITEM_PROPERTIES, REPLICAS, item, replicated

pytestmark = pytest.mark.cluster

LEVELS = [ConsistencyLevel.ONE, ConsistencyLevel.QUORUM, ConsistencyLevel.ALL]


def test_every_node_sees_every_node_healthy(cluster: EmbeddedCluster) -> None:
    assert len(cluster) == REPLICAS
    names = {node.name for node in cluster.nodes}
    ports = [
        port
        for n in cluster.nodes
        for port in (n.http_port, n.grpc_port, n.gossip_port, n.data_port, n.raft_port)
    ] + [n.raft_rpc_port for n in cluster.nodes]
    assert len(set(ports)) == len(ports), "nodes share a port"
    assert len({cluster.server(i).data_path for i in range(len(cluster))}) == REPLICAS
    for i in range(len(cluster)):
        with cluster.client(i) as client:
            nodes = client.cluster.nodes()
            assert {n.name for n in nodes} == names
            assert {n.status for n in nodes} == {"HEALTHY"}
    with pytest.raises(EmbeddedServerError, match=r"no node 3: the cluster has nodes 0\.\.2"):
        cluster.client(3)


def test_nodes_must_be_a_positive_count() -> None:
    with pytest.raises(EmbeddedServerError, match="nodes must be a whole number of at least 1"):
        EmbeddedCluster(0)


def test_each_shard_is_on_all_three_nodes(
    cluster: EmbeddedCluster, collections: CollectionFactory
) -> None:
    collection = collections(properties=ITEM_PROPERTIES, replication_config=replicated())
    config = collection.config.get()
    assert config.replication_config.factor == REPLICAS
    assert config.replication_config.async_enabled is True
    state = collections.client.cluster.query_sharding_state(collection=collection.name)
    assert state is not None
    assert state.shards
    for shard in state.shards:
        assert sorted(shard.replicas) == sorted(node.name for node in cluster.nodes)


@pytest.mark.parametrize("write_level", LEVELS, ids=lambda level: level.value)
def test_write_at_a_level_then_read_at_every_level_from_every_node(
    cluster: EmbeddedCluster, collections: CollectionFactory, write_level: ConsistencyLevel
) -> None:
    collection = collections(properties=ITEM_PROPERTIES, replication_config=replicated())
    writer = collection.with_consistency_level(write_level)
    single = writer.data.insert(item(0))
    many = writer.data.insert_many(
        [
            DataObject(properties=item(n), uuid=uuid.uuid5(uuid.NAMESPACE_OID, str(n)))
            for n in (1, 2)
        ]
    )
    assert many.errors == {}
    expected = {single: item(0), **{many.uuids[i]: item(n) for i, n in ((0, 1), (1, 2))}}
    for i in range(len(cluster)):
        with cluster.client(i) as client:
            _reads_back(client, collection.name, expected)


def _reads_back(client: WeaviateClient, name: str, expected: dict[uuid.UUID, object]) -> None:
    for level in LEVELS:
        reader = client.collections.use(name).with_consistency_level(level)
        consistent = MetadataQuery(is_consistent=True)
        for ident, properties in expected.items():
            found = reader.query.fetch_object_by_id(ident, return_metadata=consistent)
            assert found is not None, f"{ident} missing at {level.value}"
            assert found.properties == properties
            assert found.metadata.is_consistent is True
        listed = reader.query.fetch_objects(limit=10, return_metadata=consistent).objects
        assert {o.uuid: o.properties for o in listed} == expected
        assert all(o.metadata.is_consistent for o in listed)
        assert reader.data.exists(next(iter(expected)))


def test_cluster_client_keyword_arguments_reach_connect(cluster: EmbeddedCluster) -> None:
    with cluster.client(2, headers={"X-Test": "1"}) as client:
        assert client.is_ready()
