"""`client.batch` and `collection.batch` against the real server, sync and async."""

from __future__ import annotations

import io
import uuid as uuid_lib
from uuid import UUID

import numpy as np
import pytest

import wvorm_core
from wvorm_core._ops.calls import rest
from wvorm_core.batch import BatchProgress, progress_bar
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.collections import Collection
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError

PROPERTIES = [
    Property(name="title", data_type=DataType.TEXT),
    Property(name="n", data_type=DataType.INT),
]


def _all_uuids(col: Collection) -> list[UUID]:
    """Every stored uuid, paging with the cursor (no result window limit)."""
    found: list[UUID] = []
    after: UUID | None = None
    while True:
        page = col.query.fetch_objects(limit=10_000, after=after, return_properties=[])
        if not page.objects:
            return found
        found += [o.uuid for o in page.objects]
        after = page.objects[-1].uuid


def test_client_batch_into_two_collections_reports_refusals(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    other = f"{collection_name}_b"
    first = client.collections.create(collection_name, properties=PROPERTIES)
    second = client.collections.create(other, properties=PROPERTIES)
    try:
        with client.batch.fixed_size(batch_size=10, concurrent_requests=2) as batch:
            for i in range(95):
                batch.add_object(collection_name, {"title": f"a{i}", "n": i})
                batch.add_object(other, {"title": f"b{i}", "n": i})
            bad = batch.add_object(other, {"title": "bad", "n": "not a number"})
            batch.flush()
            assert batch.number_errors == 1
            batch.add_object(collection_name, {"title": "after flush", "n": -1})
        assert len(_all_uuids(first)) == 96
        assert len(_all_uuids(second)) == 95
        [failed] = client.batch.failed_objects
        assert failed.uuid == bad
        assert failed.object_.collection == other
        assert failed.object_.index == 190
        assert "n" in failed.message
        assert failed.properties == {"title": "bad", "n": "not a number"}
        assert client.batch.results.objects_stored == 191

        with client.batch.dynamic() as batch:
            batch.add_object(collection_name, {"title": "fresh", "n": 0})
        assert client.batch.failed_objects == []  # results are local to each context
        assert client.batch.results.objects_sent == 1
    finally:
        client.collections.delete(other)


def test_dynamic_grows_requests_and_keeps_ids(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(
        collection_name, properties=PROPERTIES, vector_config=Configure.Vectors.self_provided()
    )
    vectors = np.random.default_rng(1).random((3000, 16), dtype=np.float32)
    given = [wvorm_core.generate_uuid5(i) for i in range(3000)]
    seen: list[BatchProgress] = []
    with col.batch.dynamic(on_progress=seen.append) as batch:
        returned = [
            batch.add_object({"title": str(i), "n": i}, uuid=given[i], vector=vectors[i])
            for i in range(3000)
        ]
    assert returned == given
    assert len(seen) < 3000 // 100  # one report per answered request: requests grew past 100
    assert col.batch.number_errors == 0
    assert sorted(_all_uuids(col)) == sorted(given)
    assert seen[-1].objects_done == seen[-1].objects_added == 3000
    stored = col.query.fetch_objects(limit=1, include_vector=True, after=None)
    index = given.index(stored.objects[0].uuid)
    assert np.allclose(list(stored.objects[0].vector["default"]), vectors[index])


def test_rate_limit_imports_everything(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    with col.batch.rate_limit(requests_per_minute=6000) as batch:
        for i in range(150):
            batch.add_object({"title": str(i), "n": i})
    assert len(_all_uuids(col)) == 150
    assert col.batch.results.objects_stored == 150


def test_bad_input_raises_at_add_and_background_errors_reach_the_caller(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    with col.batch.fixed_size(batch_size=5) as batch:
        with pytest.raises(WeaviateInvalidInputError, match=r"object 0: .*not a uuid"):
            batch.add_object({"title": "x"}, uuid="nope")
        with pytest.raises(WeaviateInvalidInputError, match=r"object 0: .*vector"):
            batch.add_object({"title": "x"}, vector=np.zeros((2, 2)))
        batch.add_object({"title": "ok", "n": 1})
    assert len(_all_uuids(col)) == 1

    def explode(progress: BatchProgress) -> None:
        raise RuntimeError(f"callback failed at {progress.objects_done}")

    with (  # noqa: PT012
        pytest.raises(RuntimeError, match="callback failed"),
        col.batch.fixed_size(batch_size=2, on_progress=explode) as batch,
    ):
        for i in range(100):
            batch.add_object({"title": str(i), "n": i})
    with pytest.raises(WeaviateError, match="context manager"):
        batch.add_object({"title": "closed"})


def test_progress_bar_prints_counts(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    out = io.StringIO()
    with col.batch.fixed_size(batch_size=4, on_progress=progress_bar(out, every=0)) as batch:
        for i in range(9):
            batch.add_object({"title": str(i), "n": i if i != 8 else "x"})
    assert out.getvalue().rstrip().endswith("batch: 9/9 objects, 1 failed")


async def test_async_batches(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(collection_name, properties=PROPERTIES)
    async with col.batch.fixed_size(batch_size=7, concurrent_requests=3) as batch:
        for i in range(100):
            await batch.add_object({"title": str(i), "n": i})
        await batch.add_object({"title": "bad", "n": "x"})
    assert col.batch.results.objects_stored == 100
    assert [e.properties["title"] for e in col.batch.failed_objects] == ["bad"]
    async with async_client.batch.dynamic() as client_batch:
        ident = await client_batch.add_object(collection_name, {"title": "dyn", "n": 1})
    async with async_client.batch.rate_limit(6000) as limited:
        await limited.add_object(collection_name, {"title": "slow", "n": 2})
    assert await col.data.exists(ident)
    assert async_client.batch.results.objects_stored == 1


def test_hundred_thousand_objects_with_384_dimensions(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    """All 100k objects land once; the ones the server refuses come back with its reason.

    A flat index keeps the server's share short on two cores (HNSW of 100k random 384-d
    vectors takes minutes there); the client's work is the same."""
    flat = Configure.VectorIndex.flat()
    vectors_config = Configure.Vectors.self_provided(vector_index_config=flat)
    col = client.collections.create(
        collection_name, properties=PROPERTIES, vector_config=vectors_config
    )
    rng = np.random.default_rng(7)
    total, refused = 100_000, {13, 50_000, 99_999}
    with col.batch.dynamic() as batch:
        for start in range(0, total, 10_000):
            vectors = rng.standard_normal((10_000, 384), dtype=np.float32)
            for offset in range(10_000):
                i = start + offset
                batch.add_object(
                    {"title": f"t{i}", "n": "bad" if i in refused else i},
                    uuid=UUID(int=i + 1),
                    vector=vectors[offset],
                )
    failed = col.batch.failed_objects
    assert sorted(e.object_.index for e in failed) == sorted(refused)
    assert all("requires an integer" in e.message for e in failed)
    stored = _all_uuids(col)
    assert len(stored) == len(set(stored)) == total - len(refused)
    assert set(stored) == {UUID(int=i + 1) for i in range(total) if i not in refused}


def test_generate_uuid5_is_deterministic() -> None:
    a = wvorm_core.generate_uuid5({"title": "x"}, "Article")
    assert a == wvorm_core.generate_uuid5({"title": "x"}, "Article")
    assert a != wvorm_core.generate_uuid5({"title": "x"}, "Other")
    assert a.version == 5
    assert wvorm_core.generate_uuid5("abc") == uuid_lib.uuid5(uuid_lib.NAMESPACE_DNS, "abc")


def test_tenant_batches_land_in_their_tenant(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    body = {
        "class": collection_name,
        "properties": [p.to_dict() for p in PROPERTIES],
        "multiTenancyConfig": {"enabled": True},
    }
    client._transport.run(rest("POST", "/schema", json=body))
    client._transport.run(
        rest("POST", f"/schema/{collection_name}/tenants", json=[{"name": "a"}, {"name": "b"}])
    )
    base = client.collections.use(collection_name)
    with base.with_tenant("a").batch.fixed_size(batch_size=3) as batch:
        for i in range(5):
            batch.add_object({"title": str(i), "n": i})
    with client.batch.dynamic() as mixed:
        mixed.add_object(collection_name, {"title": "b0", "n": 0}, tenant="b")
        mixed.add_object(collection_name, {"title": "none", "n": 0})
    assert len(_all_uuids(base.with_tenant("a"))) == 5
    assert [o.properties["title"] for o in base.with_tenant("b").query.fetch_objects().objects] == [
        "b0"
    ]
    [refused] = client.batch.failed_objects
    assert refused.properties["title"] == "none"
    assert "tenant" in refused.message
