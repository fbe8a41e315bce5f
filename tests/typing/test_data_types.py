"""Static types of the write path: `collection.data`, batches, results (mypy only, never run)."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from pydantic import BaseModel
from typing_extensions import assert_type

import wvorm_core
from wvorm_core.batch import AsyncClientBatch, BatchProgress, ClientBatch
from wvorm_core.classes.data import DataObject, DataReference, ReferenceToMulti
from wvorm_core.classes.query import Filter
from wvorm_core.collections import AsyncCollectionBatch, CollectionBatch
from wvorm_core.outputs import (
    BatchObjectReturn,
    BatchReferenceReturn,
    BatchResult,
    DeleteManyObject,
    DeleteManyReturn,
    ErrorObject,
    ErrorReference,
)


class Article(TypedDict):
    title: str
    points: int


class Note(BaseModel):
    text: str


def check_data(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Article", data_model_properties=Article)
    ident = col.data.insert({"title": "x", "points": 1}, uuid=UUID(int=1), vector=[0.1])
    assert_type(ident, UUID)
    col.data.insert({"title": "x", "points": "1"})  # type: ignore[typeddict-item]
    many = col.data.insert_many(
        [{"title": "x", "points": 1}, DataObject(Article(title="y", points=2))]
    )
    assert_type(many, BatchObjectReturn)
    assert_type(many.uuids[0], UUID)
    assert_type(many.errors[0], ErrorObject)
    assert_type(col.data.exists(ident), bool)
    assert_type(col.data.delete_by_id(ident), bool)
    assert_type(col.data.update(ident, {"points": 3}), None)
    assert_type(col.data.replace(ident, {"title": "z", "points": 0}), None)
    where = Filter.by_property("points").greater_than(1)
    assert_type(col.data.delete_many(where), DeleteManyReturn[None])
    verbose = col.data.delete_many(where, verbose=True)
    assert_type(verbose, DeleteManyReturn[list[DeleteManyObject]])
    assert_type(verbose.objects[0].error, str | None)
    col.data.reference_add(ident, "author", ReferenceToMulti("Person", [ident]))
    refs = col.data.reference_add_many([DataReference("author", ident, [ident])])
    assert_type(refs, BatchReferenceReturn)
    assert_type(refs.errors[0], ErrorReference)

    notes = client.collections.use("Note", data_model_properties=Note)
    assert_type(notes.data.insert(Note(text="n")), UUID)
    notes.data.insert_many([Note(text="n"), DataObject(Note(text="m"))])


def check_batches(client: wvorm_core.WeaviateClient) -> None:
    def report(progress: BatchProgress) -> None:
        assert_type(progress.objects_done, int)

    with client.batch.fixed_size(batch_size=10, on_progress=report) as batch:
        assert_type(batch, ClientBatch)
        assert_type(batch.add_object("Article", {"title": "x"}), UUID)
        batch.add_reference(UUID(int=1), "Article", "author", [UUID(int=2)])
        assert_type(batch.number_errors, int)
    assert_type(client.batch.failed_objects, list[ErrorObject])
    assert_type(client.batch.failed_references, list[ErrorReference])
    assert_type(client.batch.results, BatchResult)

    col = client.collections.use("Article", data_model_properties=Article)
    with col.batch.dynamic() as typed:
        assert_type(typed, CollectionBatch[Article])
        assert_type(typed.add_object({"title": "x", "points": 1}), UUID)
        typed.add_object({"title": 1, "points": 1})  # type: ignore[arg-type]
        typed.add_reference(UUID(int=1), "author", UUID(int=2))
    with col.batch.rate_limit(requests_per_minute=600):
        pass


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    col = client.collections.use("Article", data_model_properties=Article)
    assert_type(await col.data.insert({"title": "x", "points": 1}), UUID)
    assert_type(await col.data.insert_many([{"title": "x", "points": 1}]), BatchObjectReturn)
    verbose = await col.data.delete_many(Filter.by_id().equal(UUID(int=1)), verbose=True)
    assert_type(verbose, DeleteManyReturn[list[DeleteManyObject]])
    async with client.batch.dynamic() as batch:
        assert_type(batch, AsyncClientBatch)
        assert_type(await batch.add_object("Article", {"title": "x"}), UUID)
    async with col.batch.fixed_size(5) as typed:
        assert_type(typed, AsyncCollectionBatch[Article])
        assert_type(await typed.add_object({"title": "x", "points": 1}), UUID)
    assert_type(wvorm_core.generate_uuid5("x"), UUID)
