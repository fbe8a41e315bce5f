"""`collection.data` against the real server: every write, sync and async, tenants, consistency."""

from __future__ import annotations

from uuid import UUID

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm_core._ops.calls import rest
from wvorm_core.classes.config import Configure, ConsistencyLevel, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError

PROPERTIES = [
    Property(name="title", data_type=DataType.TEXT),
    Property(name="points", data_type=DataType.INT),
]
U1 = UUID("00000000-0000-4000-8000-000000000001")


def _stored(col: Collection) -> dict[UUID, dict[str, object]]:
    return {o.uuid: dict(o.properties) for o in col.query.fetch_objects(limit=100).objects}


def test_insert_update_replace_delete(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(
        collection_name, properties=PROPERTIES, vector_config=Configure.Vectors.self_provided()
    )
    first = col.data.insert({"title": "a", "points": 1}, uuid=U1, vector=[1.0, 0.0, 0.0])
    assert first == U1
    second = col.data.insert({"title": "b", "points": 2}, vector=[0.0, 1.0, 0.0])
    assert isinstance(second, UUID)
    assert col.data.exists(U1)
    assert not col.data.exists(UUID(int=12345))

    col.data.update(U1, {"points": 10})
    assert _stored(col)[U1] == {"title": "a", "points": 10}
    col.data.replace(U1, {"title": "z", "points": 3}, vector=[0.0, 0.0, 1.0])
    stored = col.query.fetch_objects(include_vector=True, filters=Filter.by_id().equal(U1))
    assert stored.objects[0].properties == {"title": "z", "points": 3}
    assert list(stored.objects[0].vector["default"]) == [0.0, 0.0, 1.0]

    with pytest.raises(UnexpectedStatusCodeError, match="already exists") as refused:
        col.data.insert({"title": "dup"}, uuid=U1)
    assert refused.value.status_code == 422

    assert col.data.delete_by_id(U1)
    assert not col.data.exists(U1)
    assert set(_stored(col)) == {second}


def test_bad_input_fails_before_the_network(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.use(collection_name)
    with pytest.raises(WeaviateInvalidInputError, match="not a uuid"):
        col.data.insert({"title": "x"}, uuid="nope")
    with pytest.raises(WeaviateInvalidInputError, match="properties must be a mapping"):
        col.data.insert(["title"])  # type: ignore[arg-type]
    with pytest.raises(WeaviateInvalidInputError, match="vector"):
        col.data.insert({"title": "x"}, vector=["a", "b"])  # type: ignore[list-item]
    with pytest.raises(WeaviateInvalidInputError, match="2\\*\\*53"):
        col.data.insert_many([{"points": 2**60}])
    with pytest.raises(WeaviateInvalidInputError, match="must be a Filter"):
        col.data.delete_many("title = x")  # type: ignore[arg-type]
    assert not client.collections.exists(collection_name)


def test_insert_many_with_uuids_vectors_and_errors(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(
        collection_name, properties=PROPERTIES, vector_config=Configure.Vectors.self_provided()
    )
    result = col.data.insert_many(
        [
            DataObject({"title": "a", "points": 1}, uuid=U1, vector=[0.5, 0.5]),
            {"title": "b", "points": 2},
            {"title": "c", "points": "three"},
        ]
    )
    assert result.uuids[0] == U1
    assert set(result.uuids) == {0, 1}
    assert result.errors[2].uuid not in result.uuids.values()
    assert "points" in result.errors[2].message
    assert result.errors[2].object_.properties == {"title": "c", "points": "three"}
    assert set(_stored(col)) == {U1, result.uuids[1]}


def test_delete_many_counts_dry_run_and_verbose(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    col.data.insert_many([{"title": t, "points": i} for i, t in enumerate("abcdef")])
    where = Filter.by_property("points").greater_or_equal(3)

    dry = col.data.delete_many(where, dry_run=True)
    assert (dry.matches, dry.successful, dry.failed, dry.objects) == (3, 3, 0, None)
    assert len(_stored(col)) == 6

    done = col.data.delete_many(where, verbose=True)
    assert done.matches == 3
    assert len(done.objects) == 3
    assert all(o.successful and o.error is None for o in done.objects)
    remaining = _stored(col)
    assert sorted(p["points"] for p in remaining.values()) == [0, 1, 2]  # type: ignore[type-var]
    assert not {o.uuid for o in done.objects} & set(remaining)


class Article(BaseModel):
    title: str
    points: int


def test_pydantic_properties_are_dumped(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    client.collections.create(collection_name, properties=PROPERTIES)
    col = client.collections.use(collection_name, data_model_properties=Article)
    ident = col.data.insert(Article(title="typed", points=7))
    col.data.insert_many([Article(title="many", points=8)])
    col.data.replace(ident, Article(title="replaced", points=9))
    stored = sorted(
        (o.properties for o in col.query.fetch_objects().objects), key=lambda a: a.points
    )
    assert stored == [Article(title="many", points=8), Article(title="replaced", points=9)]


def test_named_vectors(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=PROPERTIES,
        vector_config=[
            Configure.Vectors.self_provided(name="a"),
            Configure.Vectors.self_provided(name="b"),
        ],
    )
    col.data.insert({"title": "x"}, uuid=U1, vector={"a": [1.0, 0.0], "b": [0.0, 1.0, 0.0]})
    col.data.insert_many([DataObject({"title": "y"}, vector={"a": [0.5, 0.5], "b": [1.0] * 3})])
    found = col.query.fetch_objects(include_vector=True, filters=Filter.by_id().equal(U1))
    vectors = {name: list(v) for name, v in found.objects[0].vector.items()}
    assert vectors == {"a": [1.0, 0.0], "b": [0.0, 1.0, 0.0]}


def _multi_tenant(client: wvorm_core.WeaviateClient, name: str, tenants: list[str]) -> None:
    body = {
        "class": name,
        "properties": [p.to_dict() for p in PROPERTIES],
        "multiTenancyConfig": {"enabled": True},
    }
    client._transport.run(rest("POST", "/schema", json=body))
    client._transport.run(
        rest("POST", f"/schema/{name}/tenants", json=[{"name": t} for t in tenants])
    )


def test_tenant_and_consistency_level_reach_every_write(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    _multi_tenant(client, collection_name, ["alpha", "beta"])
    base = client.collections.use(collection_name)
    alpha = base.with_tenant("alpha").with_consistency_level(ConsistencyLevel.ALL)
    beta = base.with_tenant("beta").with_consistency_level(ConsistencyLevel.ONE)

    ident = alpha.data.insert({"title": "a", "points": 1})
    alpha.data.insert_many([{"title": "b", "points": 2}])
    alpha.data.update(ident, {"points": 5})
    beta.data.insert_many([{"title": "c", "points": 3}])
    assert alpha.data.exists(ident)
    assert not beta.data.exists(ident)
    assert sorted(o.properties["points"] for o in alpha.query.fetch_objects().objects) == [2, 5]
    assert [o.properties["title"] for o in beta.query.fetch_objects().objects] == ["c"]

    alpha.data.replace(ident, {"title": "back", "points": 5})
    assert not beta.data.delete_many(Filter.by_property("points").equal(5)).matches
    assert alpha.data.delete_many(Filter.by_property("points").equal(5)).successful == 1
    assert not alpha.data.exists(ident)
    other = alpha.query.fetch_objects().objects[0].uuid
    assert alpha.data.delete_by_id(other)
    assert alpha.query.fetch_objects().objects == []
    assert len(beta.query.fetch_objects().objects) == 1

    with pytest.raises(UnexpectedStatusCodeError, match="tenant"):
        base.data.insert({"title": "no tenant"})
    result = base.data.insert_many([{"title": "no tenant"}])
    assert "tenant" in result.errors[0].message


async def test_async_writes(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(collection_name, properties=PROPERTIES)
    ident = await col.data.insert({"title": "a", "points": 1})
    many = await col.data.insert_many([{"title": "b", "points": 2}, {"title": "c", "points": 3}])
    assert not many.has_errors
    assert await col.data.exists(ident)
    await col.data.update(ident, {"points": 100})
    await col.data.replace(many.uuids[0], {"title": "B", "points": 20})
    stored = {o.uuid: o.properties for o in (await col.query.fetch_objects()).objects}
    assert stored[ident] == {"title": "a", "points": 100}
    assert stored[many.uuids[0]] == {"title": "B", "points": 20}
    deleted = await col.data.delete_many(Filter.by_property("points").less_than(50), verbose=True)
    assert {o.uuid for o in deleted.objects} == {many.uuids[0], many.uuids[1]}
    assert await col.data.delete_by_id(ident)
    assert (await col.query.fetch_objects()).objects == []
