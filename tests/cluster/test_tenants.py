"""Tenants on the 3-node cluster: create, write and read per tenant at QUORUM, deactivate,
activate again, each tenant's shard on all three nodes."""

from __future__ import annotations

import pytest

from wvorm_core.classes.config import Configure, ConsistencyLevel
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.embedded import EmbeddedCluster
from wvorm_core.exceptions import WeaviateError
from wvorm_core.pytest_plugin import CollectionFactory

from .helpers import ITEM_PROPERTIES, item, replicated

pytestmark = pytest.mark.cluster

TENANTS = ("alpha", "beta", "gamma")


def test_tenants_under_quorum(cluster: EmbeddedCluster, collections: CollectionFactory) -> None:
    collection = collections(
        properties=ITEM_PROPERTIES,
        replication_config=replicated(),
        multi_tenancy_config=Configure.multi_tenancy(),
    )
    collection.tenants.create(list(TENANTS))
    assert set(collection.tenants.get()) == set(TENANTS)

    for t, tenant in enumerate(TENANTS):
        writer = collection.with_tenant(tenant).with_consistency_level(ConsistencyLevel.QUORUM)
        stored = writer.data.insert_many([item(100 * t + n) for n in range(5)])
        assert stored.errors == {}
    for i in range(len(cluster)):
        with cluster.client(i) as client:
            for t, tenant in enumerate(TENANTS):
                reader = (
                    client.collections.use(collection.name)
                    .with_tenant(tenant)
                    .with_consistency_level(ConsistencyLevel.QUORUM)
                )
                found = reader.query.fetch_objects(limit=20).objects
                assert sorted(o.properties["n"] for o in found) == [100 * t + n for n in range(5)]

    beta = collection.with_tenant("beta").with_consistency_level(ConsistencyLevel.QUORUM)
    collection.tenants.update(Tenant("beta", TenantActivityStatus.INACTIVE))
    statuses = {name: t.activity_status for name, t in collection.tenants.get().items()}
    assert statuses["beta"] == TenantActivityStatus.INACTIVE
    assert statuses["alpha"] == TenantActivityStatus.ACTIVE
    with pytest.raises(WeaviateError, match=r"(?i)beta.*not active|not active.*beta"):
        beta.query.fetch_objects(limit=1)
    with pytest.raises(WeaviateError, match=r"(?i)not active"):
        beta.data.insert(item(999))
    alpha = collection.with_tenant("alpha").with_consistency_level(ConsistencyLevel.QUORUM)
    assert len(alpha.query.fetch_objects(limit=20).objects) == 5

    collection.tenants.update(Tenant("beta", TenantActivityStatus.ACTIVE))
    assert sorted(o.properties["n"] for o in beta.query.fetch_objects(limit=20).objects) == [
        100 + n for n in range(5)
    ]
    beta.data.insert(item(150))
    with cluster.client(2) as client:
        far = client.collections.use(collection.name).with_tenant("beta")
        assert len(far.with_consistency_level(ConsistencyLevel.QUORUM).query.fetch_objects(
            limit=20
        ).objects) == 6  # fmt: skip
