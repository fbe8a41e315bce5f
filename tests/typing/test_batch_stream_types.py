"""Static types of `batch.stream()` (mypy only, never run)."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.batch_stream import AsyncClientStreamBatch, ClientStreamBatch
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.collections import AsyncCollectionBatch, CollectionBatch
from wvorm_core.outputs import ErrorObject, ErrorReference


class Article(TypedDict):
    title: str
    points: int


def check_sync(client: wvorm_core.WeaviateClient) -> None:
    with client.batch.stream(ConsistencyLevel.ONE, show_progress=True) as batch:
        assert_type(batch, ClientStreamBatch)
        assert_type(batch.add_object("Article", {"title": "x"}), UUID)
        batch.add_reference(UUID(int=1), "Article", "author", [UUID(int=2)])
        batch.flush()
        assert_type(batch.number_errors, int)
    assert_type(client.batch.failed_objects, list[ErrorObject])
    assert_type(client.batch.failed_references, list[ErrorReference])
    col = client.collections.use("Article", data_model_properties=Article)
    with col.batch.stream() as typed:
        assert_type(typed, CollectionBatch[Article])
        assert_type(typed.add_object({"title": "x", "points": 1}), UUID)
        typed.add_object({"title": 1, "points": 1})  # type: ignore[arg-type]


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    async with client.batch.stream() as batch:
        assert_type(batch, AsyncClientStreamBatch)
        assert_type(await batch.add_object("Article", {"title": "x"}), UUID)
        await batch.flush()
    col = client.collections.use("Article", data_model_properties=Article)
    async with col.batch.stream() as typed:
        assert_type(typed, AsyncCollectionBatch[Article])
        assert_type(await typed.add_object({"title": "x", "points": 1}), UUID)
    assert_type(col.batch.failed_objects, list[ErrorObject])
