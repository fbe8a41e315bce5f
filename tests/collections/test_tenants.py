"""Tenants against the real server: create, get (gRPC), update, remove, and scoped handles."""

from __future__ import annotations

import pytest

import wvorm_core
from wvorm_core._ops.tenants import as_tenants, get_request, parse_reply
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError
from wvorm_core.proto.v1 import tenants_pb2

ACTIVE = TenantActivityStatus.ACTIVE
INACTIVE = TenantActivityStatus.INACTIVE


def test_get_request_and_reply_parsing() -> None:
    request = get_request("Books", ["a", "b"])
    assert request.collection == "Books"
    assert list(request.names.values) == ["a", "b"]
    assert not get_request("Books", None).HasField("names")
    status = tenants_pb2.TenantActivityStatus
    reply = tenants_pb2.TenantsGetReply(
        tenants=[
            tenants_pb2.Tenant(name="hot", activity_status=status.TENANT_ACTIVITY_STATUS_HOT),
            tenants_pb2.Tenant(name="cold", activity_status=status.TENANT_ACTIVITY_STATUS_COLD),
            tenants_pb2.Tenant(name="off", activity_status=status.TENANT_ACTIVITY_STATUS_FROZEN),
        ]
    )
    assert parse_reply(reply) == {
        "hot": Tenant("hot", ACTIVE),
        "cold": Tenant("cold", INACTIVE),
        "off": Tenant("off", TenantActivityStatus.OFFLOADED),
    }


@pytest.mark.parametrize(
    ("tenants", "message"),
    [
        ([], "no tenants given"),
        (["a", Tenant("a")], r"given twice: \['a'\]"),
        ([""], "non-empty name"),
        ([3], "tenants are names or Tenant values"),
    ],
)
def test_bad_tenants(tenants: list[object], message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        as_tenants(tenants)  # type: ignore[arg-type]


def test_server_reported_statuses_cannot_be_set() -> None:
    with pytest.raises(WeaviateInvalidInputError, match="ONLOADING is reported by the server"):
        Tenant("t", TenantActivityStatus.ONLOADING).to_dict()


def test_tenants_lifecycle(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="title", data_type=DataType.TEXT)],
        multi_tenancy_config=Configure.multi_tenancy(),
    )
    col.tenants.create(["alice", Tenant("bob", INACTIVE)])
    assert col.tenants.get() == {"alice": Tenant("alice", ACTIVE), "bob": Tenant("bob", INACTIVE)}
    assert col.tenants.get_by_names(["bob", "nobody"]) == {"bob": Tenant("bob", INACTIVE)}
    assert col.tenants.get_by_name("alice") == Tenant("alice", ACTIVE)
    assert col.tenants.get_by_name("nobody") is None
    assert col.tenants.exists("alice")
    assert not col.tenants.exists(Tenant("nobody"))

    col.tenants.update([Tenant("bob", ACTIVE), Tenant("alice", INACTIVE)])
    assert col.tenants.get() == {"alice": Tenant("alice", INACTIVE), "bob": Tenant("bob", ACTIVE)}

    bob = col.with_tenant(Tenant("bob"))
    assert bob.tenant == "bob"
    bob.data.insert({"title": "bob's"})
    col.with_tenant("alice")  # a handle makes no request
    assert [o.properties["title"] for o in bob.query.fetch_objects().objects] == ["bob's"]
    with pytest.raises(UnexpectedStatusCodeError, match="tenant"):
        col.with_tenant("alice").data.insert({"title": "inactive"})
    assert [s.name for s in bob.config.get_shards()] == ["bob"]

    col.tenants.remove(["alice"])
    assert set(col.tenants.get()) == {"bob"}


def test_auto_tenant_creation(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="title", data_type=DataType.TEXT)],
        multi_tenancy_config=Configure.multi_tenancy(auto_tenant_creation=True),
    )
    col.with_tenant("fresh").data.insert_many([{"title": "x"}])
    assert col.tenants.get() == {"fresh": Tenant("fresh", ACTIVE)}


async def test_async_tenants(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(
        collection_name, multi_tenancy_config=Configure.multi_tenancy()
    )
    await col.tenants.create("carol")
    await col.tenants.update(Tenant("carol", INACTIVE))
    assert await col.tenants.get() == {"carol": Tenant("carol", INACTIVE)}
    assert await col.tenants.get_by_name("carol") == Tenant("carol", INACTIVE)
    assert await col.tenants.get_by_names(["carol"]) == {"carol": Tenant("carol", INACTIVE)}
    assert await col.tenants.exists("carol")
    await col.tenants.remove("carol")
    assert await col.tenants.get() == {}
