"""`batch.stream()` (server-side batching over `BatchStream`) against the real server."""

from __future__ import annotations

from uuid import UUID

import numpy as np
import pytest

import wvorm_core
from wvorm_core.batch import BatchProgress
from wvorm_core.classes.config import DataType, Property, ReferenceProperty
from wvorm_core.classes.query import QueryReference
from wvorm_core.collections import Collection
from wvorm_core.exceptions import WeaviateError

PROPERTIES = [
    Property(name="title", data_type=DataType.TEXT),
    Property(name="n", data_type=DataType.INT),
]


def _all_uuids(col: Collection) -> set[UUID]:
    found: set[UUID] = set()
    after: UUID | None = None
    while True:
        page = col.query.fetch_objects(limit=10_000, after=after, return_properties=[])
        if not page.objects:
            return found
        found |= {o.uuid for o in page.objects}
        after = page.objects[-1].uuid


def test_stream_imports_five_thousand_objects_with_vectors(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    vectors = np.random.default_rng(7).random((5000, 32), dtype=np.float32)
    with col.batch.stream() as batch:
        added = [
            batch.add_object({"title": f"t{i}", "n": i}, vector=vectors[i]) for i in range(5000)
        ]
    assert batch.number_errors == 0
    assert col.batch.results.objects_stored == 5000
    assert _all_uuids(col) == set(added)
    one = col.query.fetch_object_by_id(added[4321], include_vector=True)
    assert one is not None
    assert one.properties["n"] == 4321
    assert np.allclose(one.vector["default"], vectors[4321])


def test_stream_reports_refused_objects_with_the_server_reason(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    with client.batch.stream() as batch:
        for i in range(300):
            batch.add_object(collection_name, {"title": f"t{i}", "n": i})
        bad = batch.add_object(collection_name, {"title": "bad", "n": "not a number"})
        also_bad = batch.add_object(collection_name, {"title": 5, "n": 1.5})
        batch.flush()
        assert batch.number_errors == 2
        batch.add_object(collection_name, {"title": "after flush", "n": -1})
    failed = {f.uuid: f for f in client.batch.failed_objects}
    assert set(failed) == {bad, also_bad}
    assert "n" in failed[bad].message
    assert failed[bad].properties == {"title": "bad", "n": "not a number"}
    assert failed[also_bad].message
    assert client.batch.results.objects_stored == 301
    assert len(_all_uuids(col)) == 301


def test_stream_adds_references_after_their_objects(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    authors = client.collections.create(f"{collection_name}Author", properties=PROPERTIES)
    try:
        books = client.collections.create(
            collection_name,
            properties=PROPERTIES,
            references=[ReferenceProperty(name="by", target_collection=authors.name)],
        )
        with client.batch.stream() as batch:
            people = [batch.add_object(authors.name, {"n": i}) for i in range(50)]
            pairs = []
            for i in range(400):
                book = batch.add_object(collection_name, {"n": i})
                batch.add_reference(book, collection_name, "by", people[i % 50])
                pairs.append((book, people[i % 50]))
            batch.add_reference(people[0], collection_name, "by", people[1])
        assert [r.reference.from_uuid for r in client.batch.failed_references] == [people[0]]
        assert client.batch.results.references_sent == 401
        for book, person in pairs[::37]:
            got = books.query.fetch_object_by_id(book, return_references=QueryReference("by"))
            assert got is not None
            assert [o.uuid for o in got.references["by"].objects] == [person]
    finally:
        client.collections.delete(f"{collection_name}Author")


def test_an_exception_in_the_stream_is_raised_in_the_caller_and_nothing_is_dropped(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    client.collections.create(collection_name, properties=PROPERTIES)

    def explode(progress: BatchProgress) -> None:
        raise RuntimeError("callback broke")

    added: list[UUID] = []

    def run() -> None:
        with client.batch.stream(on_progress=explode) as batch:
            for i in range(2000):
                added.append(batch.add_object(collection_name, {"n": i}))

    with pytest.raises(RuntimeError, match="callback broke"):
        run()
    assert added
    results = client.batch.results
    failed = {f.uuid for f in client.batch.failed_objects}
    assert results.objects_stored + len(failed) == len(added)
    assert failed <= set(added)
    assert all("callback broke" in f.message for f in client.batch.failed_objects)


def test_stream_needs_a_context_manager(client: wvorm_core.WeaviateClient) -> None:
    with pytest.raises(WeaviateError, match="context manager"):
        client.batch.stream().add_object("Anything", {})


async def test_async_stream_imports_and_reports(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(collection_name, properties=PROPERTIES)
    async with col.batch.stream() as batch:
        added = [await batch.add_object({"title": f"t{i}", "n": i}) for i in range(1500)]
        bad = await batch.add_object({"title": "bad", "n": "x"})
        await batch.add_reference(added[0], "missing", added[1])
    assert col.batch.results.objects_stored == 1500
    [failed] = col.batch.failed_objects
    assert failed.uuid == bad
    assert "n" in failed.message
    [ref] = col.batch.failed_references
    assert ref.reference.from_uuid == added[0]
    assert ref.message
    count = await col.aggregate.over_all(total_count=True)
    assert count.total_count == 1500
