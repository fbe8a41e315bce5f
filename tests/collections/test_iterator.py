"""`collection.iterator()` against the real server: the cursor over every object."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.exceptions import WeaviateInvalidInputError

N = 23


class Row(TypedDict):
    n: int


def _fill(client: wvorm_core.WeaviateClient, name: str) -> list[UUID]:
    col = client.collections.create(
        name,
        properties=[
            Property(name="n", data_type=DataType.INT),
            Property(name="s", data_type=DataType.TEXT),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    rows = [DataObject({"n": i, "s": f"row {i}"}, vector=[float(i), 1.0]) for i in range(N)]
    result = col.data.insert_many(rows)
    assert not result.errors
    return sorted(result.uuids.values())


def test_iterates_every_object_in_uuid_order(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    ids = _fill(client, collection_name)
    col = client.collections.use(collection_name, data_model_properties=Row)
    seen = list(col.iterator(cache_size=5, include_vector=True, return_metadata=["creation_time"]))
    assert [o.uuid for o in seen] == ids
    assert sorted(o.properties["n"] for o in seen) == list(range(N))
    assert all(set(o.properties) == {"n"} for o in seen)
    assert all(list(o.vector["default"]) == [float(o.properties["n"]), 1.0] for o in seen)
    assert all(o.metadata.creation_time is not None for o in seen)
    named = list(client.collections.use(collection_name).iterator(return_properties=["s"]))
    assert sorted(o.properties["s"] for o in named) == sorted(f"row {i}" for i in range(N))
    assert [o.uuid for o in col.iterator(after=ids[-3])] == ids[-2:]
    assert list(col.iterator(after=ids[-1])) == []
    with pytest.raises(WeaviateInvalidInputError, match="cache_size"):
        col.iterator(cache_size=0)


async def test_async_iteration(
    client: wvorm_core.WeaviateClient,
    async_client: wvorm_core.WeaviateAsyncClient,
    collection_name: str,
) -> None:
    ids = _fill(client, collection_name)
    col = async_client.collections.use(collection_name)
    seen = [o.uuid async for o in col.iterator(cache_size=N)]
    assert seen == ids
