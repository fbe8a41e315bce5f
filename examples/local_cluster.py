"""Replication on a local 3-node cluster (docs/embedded.md): `python examples/local_cluster.py`."""

from __future__ import annotations

from wvorm_core.classes.config import Configure, ConsistencyLevel, DataType, Property
from wvorm_core.classes.query import MetadataQuery
from wvorm_core.embedded import EmbeddedCluster


# --8<-- [start:replication]
def survive_a_crash(cluster: EmbeddedCluster, name: str = "Notes") -> list[str]:
    """Write at QUORUM, crash a node, read at QUORUM, bring the node back, read at ALL."""
    with cluster.client(0) as client:
        notes = client.collections.create(
            name,
            properties=[Property(name="text", data_type=DataType.TEXT)],
            replication_config=Configure.replication(factor=3, async_enabled=True),
        )
        quorum = notes.with_consistency_level(ConsistencyLevel.QUORUM)
        quorum.data.insert_many([{"text": "first"}, {"text": "second"}])

        cluster.kill(2)  # SIGKILL: no shutdown, as in a crash
        cluster.wait_until_down(2)  # until the others notice, writes may wait on it
        quorum.data.insert({"text": "written while node 2 was down"})
        print(len(quorum.query.fetch_objects().objects), "objects at QUORUM with a node down")

        cluster.restart(2)  # same ports and data; waits until all nodes are healthy
        every = notes.with_consistency_level(ConsistencyLevel.ALL)
        found = every.query.fetch_objects(return_metadata=MetadataQuery(is_consistent=True))
        client.collections.delete(name)
        return sorted(str(o.properties["text"]) for o in found.objects)


if __name__ == "__main__":
    with EmbeddedCluster(nodes=3) as cluster:  # temporary data, removed on exit
        print(survive_a_crash(cluster))
# --8<-- [end:replication]
