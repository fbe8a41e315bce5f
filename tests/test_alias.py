"""`client.alias` against the real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core.alias import Alias
from wvorm_core.classes.config import Configure, DataType, Property
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


def _aliased(client: wvorm_core.WeaviateClient, collection: str, alias: str) -> None:
    client.collections.create(
        collection,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="pages", data_type=DataType.INT, index_filterable=False),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    client.alias.create(alias_name=alias, target_collection=collection)


def test_schema_changes_through_an_alias_reach_its_collection(
    client: wvorm_core.WeaviateClient, collection_name: str, alias_name: str
) -> None:
    _aliased(client, collection_name, alias_name)
    config = client.collections.use(alias_name).config
    config.update(description="through the alias")
    config.add_property(Property(name="year", data_type=DataType.INT))
    config.add_property_from_dict({"name": "isbn", "dataType": ["text"]})
    config.add_vector(Configure.Vectors.self_provided(name="second"))
    config.delete_property_index("title", "searchable")
    config.update_property_index("pages", "filterable")
    config.wait_for_property_indexes(timeout=60)
    live = client.collections.use(collection_name).config.get()
    assert live.description == "through the alias"
    assert {p.name for p in live.properties} == {"title", "pages", "year", "isbn"}
    assert set(live.vector_config) == {"default", "second"}
    by_name = {p.name: p for p in live.properties}
    assert by_name["title"].index_searchable is False
    assert by_name["pages"].index_filterable is True


async def test_schema_changes_through_an_alias_asyncio(
    client: wvorm_core.WeaviateClient,
    async_client: wvorm_core.WeaviateAsyncClient,
    collection_name: str,
    alias_name: str,
) -> None:
    _aliased(client, collection_name, alias_name)
    config = async_client.collections.use(alias_name).config
    await config.add_property(Property(name="year", data_type=DataType.INT))
    await config.delete_property_index("title", "filterable")
    live = await async_client.collections.use(collection_name).config.get()
    assert "year" in {p.name for p in live.properties}
    assert next(p for p in live.properties if p.name == "title").index_filterable is False
