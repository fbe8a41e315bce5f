"""`client.alias` against the real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core.alias import Alias
from wvorm_core.classes.config import DataType, Property
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError


@pytest.fixture
def alias_name(client: wvorm_core.WeaviateClient, collection_name: str) -> Iterator[str]:
    name = f"{collection_name}_alias"
    yield name
    client.alias.delete(alias_name=name)


def test_alias_lifecycle(
    client: wvorm_core.WeaviateClient, collection_name: str, alias_name: str
) -> None:
    other = f"{collection_name}_other"
    client.collections.create(
        collection_name, properties=[Property(name="a", data_type=DataType.INT)]
    )
    try:
        client.collections.create(other)
        client.alias.create(alias_name=alias_name, target_collection=collection_name)
        assert client.alias.get(alias_name=alias_name) == Alias(alias_name, collection_name)
        assert client.alias.list_all()[alias_name] == Alias(alias_name, collection_name)
        assert list(client.alias.list_all(collection=other)) == []
        # The alias works wherever a collection name does.
        client.collections.use(alias_name).data.insert({"a": 1})
        assert len(client.collections.use(collection_name).query.fetch_objects().objects) == 1

        assert client.alias.update(alias_name=alias_name, new_target_collection=other)
        assert client.alias.get(alias_name=alias_name) == Alias(alias_name, other)
        assert client.alias.delete(alias_name=alias_name)
        assert client.alias.get(alias_name=alias_name) is None
        assert not client.alias.delete(alias_name=alias_name)
        assert not client.alias.update(alias_name=alias_name, new_target_collection=other)
        with pytest.raises(UnexpectedStatusCodeError, match="NoSuchCollection"):
            client.alias.create(alias_name=alias_name, target_collection="NoSuchCollection")
        with pytest.raises(WeaviateInvalidInputError, match="invalid collection name"):
            client.alias.create(alias_name="bad name", target_collection=other)
    finally:
        client.collections.delete(other)


async def test_async_alias(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str, alias_name: str
) -> None:
    await async_client.collections.create(collection_name)
    await async_client.alias.create(alias_name=alias_name, target_collection=collection_name)
    assert await async_client.alias.get(alias_name=alias_name) == Alias(alias_name, collection_name)
    assert alias_name in await async_client.alias.list_all(collection=collection_name)
    assert await async_client.alias.delete(alias_name=alias_name)
