"""Static types of the client surface, checked by `mypy --strict` (never executed)."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from pydantic import BaseModel
from typing_extensions import assert_type

import wvorm_core
from wvorm_core import ServerVersion
from wvorm_core.classes.query import Filter
from wvorm_core.collections import AsyncCollection, Collection
from wvorm_core.outputs import (
    BatchObjectReturn,
    CollectionConfigSimple,
    CrossReference,
    CrossReferences,
    MetadataReturn,
    Object,
    QueryReturn,
)


def check_sync(client: wvorm_core.WeaviateClient) -> None:
    assert_type(client.get_meta()["version"], str)
    assert_type(client.server_version, ServerVersion)
    assert_type(client.is_ready(), bool)
    collection = client.collections.use("Question")
    assert_type(collection, Collection)
    assert_type(collection.data.insert_many([{"a": 1}]), BatchObjectReturn)
    result = collection.query.near_text("x", limit=2, filters=Filter.by_property("a").equal(1))
    assert_type(result, QueryReturn[dict[str, object]])
    first = result.objects[0]
    assert_type(first, Object[dict[str, object]])
    assert_type(first.uuid, UUID)
    assert_type(first.metadata, MetadataReturn)
    assert_type(first.metadata.distance, float | None)
    assert_type(client.collections.list_all(), dict[str, CollectionConfigSimple])


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    assert_type((await client.get_meta())["version"], str)
    collection = client.collections.use("Question")
    assert_type(collection, AsyncCollection)
    result = await collection.query.fetch_objects(limit=1)
    assert_type(result, QueryReturn[dict[str, object]])
    assert_type(await client.collections.exists("Question"), bool)


class QuestionProps(TypedDict):
    question: str
    points: int


class Links(TypedDict):
    author: CrossReference[QuestionProps, None]


class QuestionModel(BaseModel):
    question: str


def check_data_models(client: wvorm_core.WeaviateClient) -> None:
    assert_type(client.collections.use("Q"), Collection[dict[str, object], CrossReferences])
    assert_type(
        client.collections.use("Q", QuestionProps), Collection[QuestionProps, CrossReferences]
    )
    assert_type(
        client.collections.use("Q", data_model_properties=QuestionModel),
        Collection[QuestionModel, CrossReferences],
    )
    assert_type(
        client.collections.use("Q", data_model_references=Links),
        Collection[dict[str, object], Links],
    )
