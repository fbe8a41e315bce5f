"""Create a collection, import, near_text and filtered fetch against the real server."""

from __future__ import annotations

import pytest

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.query import Filter, MetadataQuery, Sort

ROWS = [
    {"title": "dogs bark at night", "points": 100, "tags": ["pets"]},
    {"title": "a dog chases a ball", "points": 300, "tags": ["pets", "play"]},
    {"title": "quantum physics basics", "points": 500, "tags": []},
]
PROPERTIES = [
    Property(name="title", data_type=DataType.TEXT),
    Property(name="points", data_type=DataType.INT),
    Property(name="tags", data_type=DataType.TEXT_ARRAY),
]


def test_create_import_and_query(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    vectors = Configure.Vectors.text2vec_transformers(source_properties=["title"])
    col = client.collections.create(collection_name, properties=PROPERTIES, vector_config=vectors)
    assert client.collections.exists(collection_name)
    assert collection_name in client.collections.list_all()

    result = col.data.insert_many(ROWS)
    assert result.errors == {}
    assert len(result.uuids) == 3

    hits = col.query.near_text("dog", limit=2, return_metadata=MetadataQuery(distance=True))
    assert {h.properties["title"] for h in hits.objects} == {ROWS[0]["title"], ROWS[1]["title"]}
    distances = [h.metadata.distance for h in hits.objects]
    assert all(d is not None for d in distances)
    assert distances == sorted(distances)  # type: ignore[type-var]

    where = Filter.by_property("points").greater_than(150) & Filter.by_property(
        "tags"
    ).contains_any(["pets"])
    found = col.query.fetch_objects(filters=where)
    assert [o.properties for o in found.objects] == [ROWS[1]]
    assert isinstance(found.objects[0].properties["points"], int)

    ordered = col.query.fetch_objects(
        sort=Sort.by_property("points", ascending=False), include_vector=True
    )
    assert [o.properties["points"] for o in ordered.objects] == [500, 300, 100]
    assert all(len(o.vector["default"]) == 256 for o in ordered.objects)
    assert {o.uuid for o in ordered.objects} == set(result.uuids.values())


async def test_async_create_import_and_query(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    vectors = Configure.Vectors.text2vec_transformers(source_properties=["title"])
    col = await async_client.collections.create(
        collection_name, properties=PROPERTIES, vector_config=vectors
    )
    result = await col.data.insert_many(ROWS)
    assert not result.has_errors
    hits = await col.query.near_text("physics", limit=1)
    assert hits.objects[0].properties["title"] == "quantum physics basics"
    page = await col.query.fetch_objects(filters=Filter.by_property("points").equal(100))
    assert [o.properties["title"] for o in page.objects] == ["dogs bark at night"]
    assert await async_client.collections.exists(collection_name)
    await async_client.collections.delete(collection_name)
    assert not await async_client.collections.exists(collection_name)


def test_server_refusals_carry_the_servers_message(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    client.collections.create(collection_name, properties=PROPERTIES)
    with pytest.raises(
        wvorm_core.exceptions.UnexpectedStatusCodeError, match="already exists"
    ) as refused:
        client.collections.create(collection_name, properties=PROPERTIES)
    assert refused.value.status_code == 422
    with pytest.raises(wvorm_core.exceptions.WeaviateQueryError, match=r"no such prop|nosuch"):
        client.collections.use(collection_name).query.fetch_objects(
            filters=Filter.by_property("nosuch").equal(1)
        )


def test_rejected_objects_come_back_with_the_reason(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    result = col.data.insert_many([ROWS[0], {"title": "bad", "points": "not a number"}, ROWS[2]])
    assert set(result.uuids) == {0, 2}
    assert list(result.errors) == [1]
    assert result.errors[1].properties == {"title": "bad", "points": "not a number"}
    assert "points" in result.errors[1].message
    stored = col.query.fetch_objects()
    assert len(stored.objects) == 2
