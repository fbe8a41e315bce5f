"""One node of three killed with SIGKILL: a QUORUM import goes on, QUORUM reads answer, ALL
does not pretend, the client of the dead node recovers by itself, and repair restores ALL.

Figures (objects sent/stored/failed, kill and recovery times) are printed; `make
check-cluster` shows them.
"""

from __future__ import annotations

import random
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from wvorm_core import WeaviateClient
from wvorm_core.batch import BatchProgress
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.query import MetadataQuery
from wvorm_core.embedded import EmbeddedCluster
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateConnectionError
from wvorm_core.pytest_plugin import CollectionFactory

from .helpers import ITEM_PROPERTIES, item, replicated, wait_for

pytestmark = pytest.mark.cluster

IMPORT_OBJECTS = 50_000
KILLED = 2
SAMPLE = 500


def _uuid(n: int) -> uuid.UUID:
    return uuid.UUID(int=n + 1)


def test_sigkill_in_the_middle_of_a_quorum_import(
    cluster: EmbeddedCluster, collections: CollectionFactory
) -> None:
    collection = collections(properties=ITEM_PROPERTIES, replication_config=replicated())
    quorum = collection.with_consistency_level(ConsistencyLevel.QUORUM)
    killed_after: list[int] = []

    def kill_midway(progress: BatchProgress) -> None:
        if not killed_after and progress.objects_done >= IMPORT_OBJECTS * 3 // 10:
            cluster.kill(KILLED)
            killed_after.append(progress.objects_done)

    started = time.monotonic()
    with quorum.batch.fixed_size(batch_size=500, on_progress=kill_midway) as batch:
        for n in range(IMPORT_OBJECTS):
            batch.add_object(item(n), uuid=_uuid(n))
    imported = time.monotonic() - started
    results = quorum.batch.results
    print(
        f"\nSIGKILL during a QUORUM import: sent {results.objects_sent}, stored "
        f"{results.objects_stored}, failed {len(results.failed_objects)}; node {KILLED} killed "
        f"after {killed_after[:1]} objects were answered; import {imported:.1f} s"
    )

    assert killed_after, "the node was not killed during the import"
    assert killed_after[0] < IMPORT_OBJECTS
    assert not cluster.server(KILLED).is_running()
    assert results.objects_sent == IMPORT_OBJECTS
    assert all(failed.message for failed in results.failed_objects)
    assert results.objects_stored + len(results.failed_objects) == IMPORT_OBJECTS
    assert results.failed_objects == []

    started = time.monotonic()
    cluster.restart(KILLED)
    restarted = time.monotonic() - started

    everything = collection.with_consistency_level(ConsistencyLevel.ALL)
    repaired = wait_for(
        lambda: sum(1 for _ in everything.iterator()) == IMPORT_OBJECTS, 120, "repair at ALL"
    )
    sample = random.Random(16).sample(range(IMPORT_OBJECTS), SAMPLE)
    for n in sample:
        found = everything.query.fetch_object_by_id(
            _uuid(n), return_metadata=MetadataQuery(is_consistent=True)
        )
        assert found is not None, f"object {n} is missing at ALL"
        assert found.properties == item(n)
        assert found.metadata.is_consistent is True
    print(
        f"restart to healthy {restarted:.1f} s; count at ALL == sent {repaired:.1f} s after; "
        f"{SAMPLE} sampled objects equal at ALL field by field"
    )


def test_while_a_node_is_down(cluster: EmbeddedCluster, collections: CollectionFactory) -> None:
    """QUORUM keeps answering; ALL, asked before the cluster has given the node up, fails
    naming the level (REST) or flags its answer as not consistent (gRPC search); the dead
    node's client raises connection errors and works again once the node is back."""
    collection = collections(properties=ITEM_PROPERTIES, replication_config=replicated())
    stored = collection.with_consistency_level(ConsistencyLevel.ALL).data.insert_many(
        [item(n) for n in range(20)]
    )
    assert stored.errors == {}
    first = stored.uuids[0]
    quorum = collection.with_consistency_level(ConsistencyLevel.QUORUM)
    everything = collection.with_consistency_level(ConsistencyLevel.ALL)
    dead_node = 1
    with cluster.client(dead_node) as orphan:
        orphan_items = orphan.collections.use(collection.name)
        assert orphan_items.query.fetch_object_by_id(first) is not None

        cluster.kill(dead_node)
        killed_at = time.monotonic()
        with ThreadPoolExecutor(3) as pool:
            insert_all = pool.submit(everything.data.insert, item(100))
            exists_all = pool.submit(everything.data.exists, first)
            search_all = pool.submit(
                everything.query.fetch_objects, limit=5,
                return_metadata=MetadataQuery(is_consistent=True),
            )  # fmt: skip
            batch_all = everything.data.insert_many([item(101)])
            # refused at once: the replica is missing, or its connection closed under the call
            refusal = batch_all.errors[0].message
            assert re.search("required 3 replicas, got 2|client connection is closing", refusal)

            for _ in range(3):
                started = time.monotonic()
                found = quorum.query.fetch_object_by_id(first)
                assert found is not None
                assert found.properties == item(0)
                assert len(quorum.query.fetch_objects(limit=50).objects) == 20
                assert time.monotonic() - started < 2.0
            with pytest.raises(WeaviateConnectionError):
                orphan.collections.list_all()
            with pytest.raises(WeaviateConnectionError):
                orphan_items.query.fetch_object_by_id(first)

            with pytest.raises(UnexpectedStatusCodeError, match='consistency level "ALL"'):
                insert_all.result()
            with pytest.raises(UnexpectedStatusCodeError, match="consistency level ALL"):
                exists_all.result()
            answered = search_all.result().objects
            assert answered
            assert not any(o.metadata.is_consistent for o in answered)
        all_failed_for = time.monotonic() - killed_at

        # Once gossip has given the node up, ALL means the replicas on the nodes still alive.
        given_up = wait_for(
            lambda: len(collections.client.cluster.nodes()) == 2, 30, "node leaving /v1/nodes"
        )
        assert everything.data.exists(first)

        cluster.restart(dead_node)
        back_at = time.monotonic()
        recovered = wait_for(lambda: _answers(orphan, collection.name), 30, "orphan recovery")
        found = orphan_items.query.fetch_object_by_id(first)
        assert found is not None
        assert found.properties == item(0)
    print(
        f"\nnode {dead_node} SIGKILLed: ALL requests failed after {all_failed_for:.1f} s; node "
        f"left /v1/nodes {given_up:.1f} s later; its own client answered again "
        f"{recovered:.1f} s after the restart ({time.monotonic() - back_at:.1f} s incl. reads)"
    )


def _answers(client: WeaviateClient, name: str) -> bool:
    try:
        client.collections.use(name).query.fetch_objects(limit=1)
    except WeaviateConnectionError:
        return False
    return True
