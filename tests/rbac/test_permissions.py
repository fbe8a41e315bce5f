"""The permission matrix on a real RBAC server: a db user with a read-only role on one
collection reads it, and gets `InsufficientPermissionsError` for everything else, over REST
and gRPC, blocking and asyncio."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import wvorm_core
from wvorm_core import Auth
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.rbac import Permissions
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import (
    InsufficientPermissionsError,
    WeaviateAuthenticationError,
    WeaviateServerError,
)

Connect = Callable[[str], wvorm_core.WeaviateClient]


@pytest.fixture
def reader_key(admin: wvorm_core.WeaviateClient, unique: Callable[[str], str]) -> Iterator[str]:
    """The key of a db user whose one role reads `Readable` (schema and objects)."""
    role, user = unique("readable-reader"), unique("reader")
    for name in ("Readable", "Hidden"):
        admin.collections.delete(name)
        admin.collections.create(name, properties=[Property(name="text", data_type=DataType.TEXT)])
        admin.collections.use(name).data.insert({"text": f"in {name}"})
    admin.roles.create(
        role_name=role,
        permissions=[
            Permissions.collections(collection="Readable", read_config=True),
            Permissions.data(collection="Readable", read=True),
        ],
    )
    key = admin.users.db.create(user_id=user)
    admin.users.db.assign_roles(user_id=user, role_names=role)
    yield key
    admin.users.db.delete(user_id=user)
    admin.roles.delete(role)
    for name in ("Readable", "Hidden"):
        admin.collections.delete(name)


def test_read_only_role_on_one_collection(connect_as: Connect, reader_key: str) -> None:
    reader = connect_as(reader_key)
    readable = reader.collections.use("Readable")
    assert [o.properties["text"] for o in readable.query.fetch_objects().objects] == ["in Readable"]
    assert readable.config.get().name == "Readable"
    assert list(reader.collections.list_all()) == ["Readable"]  # the others are filtered out

    with pytest.raises(InsufficientPermissionsError, match="create_data") as rest_refusal:
        readable.data.insert({"text": "not allowed"})
    assert rest_refusal.value.status == 403
    refused = readable.data.insert_many([{"text": "not allowed either"}])  # per object
    assert list(refused.errors) == [0]
    assert "insufficient permissions" in refused.errors[0].message
    assert [o.properties["text"] for o in readable.query.fetch_objects().objects] == ["in Readable"]

    hidden = reader.collections.use("Hidden")
    with pytest.raises(InsufficientPermissionsError, match="read_data") as grpc_read:
        hidden.query.fetch_objects()
    assert grpc_read.value.status == "PERMISSION_DENIED"
    with pytest.raises(InsufficientPermissionsError, match="read_collections"):
        hidden.config.get()
    with pytest.raises(InsufficientPermissionsError, match="create_roles"):
        reader.roles.create(role_name="escalate", permissions=Permissions.cluster(read=True))

    refusal = rest_refusal.value
    assert isinstance(refusal, WeaviateServerError)
    assert isinstance(refusal, WeaviateAuthenticationError)  # as a 403 was before


async def test_async_read_only_role(rbac_server: EmbeddedServer, reader_key: str) -> None:
    async with wvorm_core.use_async_with_local(
        host=rbac_server.host,
        port=rbac_server.port,
        grpc_port=rbac_server.grpc_port,
        auth_credentials=Auth.api_key(reader_key),
    ) as reader:
        readable = reader.collections.use("Readable")
        assert len((await readable.query.fetch_objects()).objects) == 1
        with pytest.raises(InsufficientPermissionsError, match="create_data"):
            await readable.data.insert({"text": "not allowed"})
        with pytest.raises(InsufficientPermissionsError) as grpc_read:
            await reader.collections.use("Hidden").query.fetch_objects()
        assert grpc_read.value.status == "PERMISSION_DENIED"
        with pytest.raises(InsufficientPermissionsError, match="read_collections"):
            await reader.collections.use("Hidden").config.get()
