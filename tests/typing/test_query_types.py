"""Static types of the read path (query, generate, aggregate, iterator), checked by mypy --strict.

Never executed: each function only states what `mypy --strict` must infer.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from datetime import datetime
from typing import TypedDict
from uuid import UUID

from pydantic import BaseModel
from typing_extensions import assert_type

import wvorm_core
from wvorm_core.classes.aggregate import GroupByAggregate, Metrics
from wvorm_core.classes.query import GroupBy, MetadataQuery, QueryNested, QueryReference
from wvorm_core.collections import (
    AsyncCollection,
    AsyncCollectionIterator,
    Collection,
    CollectionIterator,
)
from wvorm_core.outputs import (
    AggregateGroupByReturn,
    AggregateInteger,
    AggregateReturn,
    AggregateText,
    CrossReference,
    CrossReferences,
    GenerativeObject,
    GenerativeReturn,
    Group,
    Object,
    QueryReturn,
)

Untyped = dict[str, object]


class Question(TypedDict):
    question: str
    points: int


class Short(TypedDict):
    question: str


class Author(TypedDict):
    name: str


class AuthorLinks(TypedDict):
    employer: CrossReference[Short, None]


class Links(TypedDict):
    writtenBy: CrossReference[Author, AuthorLinks]
    category: CrossReference[Short, None]


class QuestionModel(BaseModel):
    question: str
    points: int
    aired: datetime | None = None


def check_untyped_collection(client: wvorm_core.WeaviateClient) -> None:
    q = client.collections.use("Q").query
    assert_type(q.fetch_objects(), QueryReturn[Untyped, CrossReferences])
    assert_type(q.fetch_objects(return_properties=["a"]), QueryReturn[Untyped, CrossReferences])
    assert_type(q.fetch_objects(return_properties=Short), QueryReturn[Short, CrossReferences])
    assert_type(q.fetch_object_by_id(UUID(int=1)), Object[Untyped, CrossReferences] | None)
    assert_type(q.fetch_objects_by_ids([UUID(int=1)]), QueryReturn[Untyped, CrossReferences])
    assert_type(q.bm25("x", query_properties=["a"]), QueryReturn[Untyped, CrossReferences])
    assert_type(q.hybrid("x", alpha=0.5), QueryReturn[Untyped, CrossReferences])
    assert_type(q.near_vector([0.1, 0.2], distance=0.3), QueryReturn[Untyped, CrossReferences])
    assert_type(q.near_text("x", certainty=0.7), QueryReturn[Untyped, CrossReferences])
    assert_type(q.near_object(UUID(int=1)), QueryReturn[Untyped, CrossReferences])
    assert_type(q.near_image(b"png"), QueryReturn[Untyped, CrossReferences])


def check_typed_collection(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_properties=Question)
    q = col.query
    result = q.near_text("biology", limit=2, return_metadata=MetadataQuery(distance=True))
    assert_type(result, QueryReturn[Question, CrossReferences])
    first = result.objects[0]
    assert_type(first.properties, Question)
    assert_type(first.properties["points"], int)
    assert_type(first.uuid, UUID)
    assert_type(first.metadata.distance, float | None)
    assert_type(first.metadata.creation_time, datetime | None)
    assert_type(first.metadata.explain_score, str | None)
    assert_type(first.metadata.is_consistent, bool | None)
    assert_type(first.vector, Mapping[str, array[float]])
    assert_type(first.multi_vector, Mapping[str, list[array[float]]])
    assert_type(first.references, CrossReferences)
    assert_type(first.belongs_to_group, str | None)
    # asking for fewer fields narrows the type: a subset model, or a plain dict for names
    assert_type(q.near_text("x", return_properties=Short).objects[0].properties, Short)
    assert_type(q.bm25("x", return_properties=["question"]).objects[0].properties, Untyped)
    assert_type(
        q.fetch_objects(return_properties=QueryNested("a", ["b"])),
        QueryReturn[Untyped, CrossReferences],
    )
    found = q.fetch_object_by_id("00000000-0000-0000-0000-000000000001")
    assert_type(found, Object[Question, CrossReferences] | None)
    grouped = q.near_vector([0.1], group_by=GroupBy("points", 2, 2))
    assert_type(grouped.groups["x"], Group[Question, CrossReferences])
    refs = q.fetch_objects(return_references=QueryReference("author", return_properties=["n"]))
    assert_type(refs.objects[0].references["author"].objects[0], Object[Untyped, CrossReferences])


def check_pydantic_collection(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_properties=QuestionModel)
    obj = col.query.hybrid("x", validate=True).objects[0]
    assert_type(obj.properties, QuestionModel)
    assert_type(obj.properties.aired, datetime | None)
    assert_type(col.query.fetch_objects(return_properties=Short).objects[0].properties, Short)


def check_generate(client: wvorm_core.WeaviateClient) -> None:
    gen = client.collections.use("Q", data_model_properties=Question).generate
    res = gen.near_text("x", single_prompt="Explain {question}", grouped_task="Sum up")
    assert_type(res, GenerativeReturn[Question, CrossReferences])
    assert_type(res.generated, str | None)
    assert_type(res.objects[0], GenerativeObject[Question, CrossReferences])
    assert_type(res.objects[0].generated, str | None)
    assert_type(gen.fetch_objects(single_prompt="x"), GenerativeReturn[Question, CrossReferences])
    assert_type(
        gen.bm25("x", single_prompt="p", return_properties=Short),
        GenerativeReturn[Short, CrossReferences],
    )
    assert_type(
        gen.hybrid("x", grouped_task="t", return_properties=["a"]),
        GenerativeReturn[Untyped, CrossReferences],
    )
    assert_type(
        gen.near_vector([0.1], single_prompt="p"), GenerativeReturn[Question, CrossReferences]
    )
    assert_type(
        gen.near_object(UUID(int=1), single_prompt="p"), GenerativeReturn[Question, CrossReferences]
    )
    assert_type(
        gen.near_image(b"x", single_prompt="p"), GenerativeReturn[Question, CrossReferences]
    )


def check_aggregate(client: wvorm_core.WeaviateClient) -> None:
    agg = client.collections.use("Q").aggregate
    res = agg.over_all(total_count=True, return_metrics=[Metrics("points").integer()])
    assert_type(res, AggregateReturn)
    assert_type(res.total_count, int | None)
    assert_type(res.metric(Metrics("points").integer()), AggregateInteger)
    assert_type(res.metric(Metrics("question").text()), AggregateText)
    assert_type(res.metric(Metrics("points").integer()).sum_, int | None)
    assert_type(agg.over_all(group_by="points"), AggregateGroupByReturn)
    assert_type(agg.near_text("x", group_by=GroupByAggregate("p")), AggregateGroupByReturn)
    assert_type(agg.near_vector([0.1], object_limit=3), AggregateReturn)
    assert_type(agg.near_object(UUID(int=1), object_limit=3), AggregateReturn)
    assert_type(agg.hybrid("x", object_limit=3), AggregateReturn)
    assert_type(agg.near_image(b"x", object_limit=3), AggregateReturn)


def check_iterator(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_properties=Question)
    assert_type(col.iterator(), CollectionIterator[Question, CrossReferences])
    assert_type(col.iterator(return_properties=Short), CollectionIterator[Short, CrossReferences])
    assert_type(col.iterator(return_properties=["a"]), CollectionIterator[Untyped, CrossReferences])
    for obj in col.iterator(include_vector=True, cache_size=500):
        assert_type(obj, Object[Question, CrossReferences])


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    col = client.collections.use("Q", data_model_properties=Question)
    assert_type(await col.query.near_text("x"), QueryReturn[Question, CrossReferences])
    assert_type(
        await col.query.fetch_object_by_id(UUID(int=1)), Object[Question, CrossReferences] | None
    )
    assert_type(
        await col.query.fetch_objects(return_properties=Short), QueryReturn[Short, CrossReferences]
    )
    assert_type(
        await col.generate.near_text("x", single_prompt="p"),
        GenerativeReturn[Question, CrossReferences],
    )
    assert_type(await col.aggregate.over_all(total_count=True), AggregateReturn)
    assert_type(await col.aggregate.over_all(group_by="points"), AggregateGroupByReturn)
    assert_type(col.iterator(), AsyncCollectionIterator[Question, CrossReferences])
    async for obj in col.iterator():
        assert_type(obj, Object[Question, CrossReferences])


def check_create_with_models(client: wvorm_core.WeaviateClient) -> None:
    assert_type(client.collections.create("Q"), Collection[Untyped, CrossReferences])
    typed = client.collections.create("Q", data_model_properties=Question)
    assert_type(typed, Collection[Question, CrossReferences])
    assert_type(typed.query.fetch_objects().objects[0].properties, Question)
    both = client.collections.create(
        "Q", data_model_properties=QuestionModel, data_model_references=Links
    )
    assert_type(both, Collection[QuestionModel, Links])


async def check_async_create(client: wvorm_core.WeaviateAsyncClient) -> None:
    typed = await client.collections.create("Q", data_model_properties=Question)
    assert_type(typed, AsyncCollection[Question, CrossReferences])


def check_typed_references(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_references=Links)
    assert_type(col, Collection[Untyped, Links])
    first = col.query.near_text("x").objects[0]
    assert_type(first.references, Links)
    author = first.references["writtenBy"].objects[0]
    assert_type(author, Object[Author, AuthorLinks])
    assert_type(author.properties["name"], str)
    assert_type(author.references["employer"].objects[0].properties, Short)
    assert_type(author.references["employer"].objects[0].references, None)
    assert_type(col.generate.fetch_objects(single_prompt="p").objects[0].references, Links)
    for obj in col.iterator():
        assert_type(obj.references["category"].objects, list[Object[Short, None]])


async def check_async_typed_references(client: wvorm_core.WeaviateAsyncClient) -> None:
    col = client.collections.use("Q", Question, data_model_references=Links)
    found = await col.query.fetch_object_by_id(UUID(int=1))
    assert found is not None
    assert_type(found.references["writtenBy"].objects[0].properties, Author)
