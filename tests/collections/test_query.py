"""`collection.query` against the real server: every search kind and every return option."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import TypedDict
from uuid import UUID

import httpx
import numpy as np
import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm_core.classes.config import ConsistencyLevel, DataType, Property
from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.classes.query import (
    BM25Operator,
    Filter,
    GroupBy,
    HybridFusion,
    MetadataQuery,
    Move,
    QueryNested,
    QueryReference,
    Rerank,
    Sort,
    TargetVectors,
)
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import WeaviateInvalidInputError, WeaviateQueryError
from wvorm_core.testing import vectorize

WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
ROWS = [
    {
        "title": "dogs bark at night",
        "body": "a loud dog",
        "points": 100,
        "price": 1.5,
        "done": True,
        "when": WHEN,
        "tags": ["pets"],
        "place": GeoCoordinate(52.37, 4.89),
        "meta": {"source": "web", "rank": 1},
    },
    {
        "title": "a dog chases a ball",
        "body": "playful puppy",
        "points": 300,
        "price": 2.5,
        "done": False,
        "when": WHEN.replace(year=2025),
        "tags": ["pets", "play"],
        "place": GeoCoordinate(48.85, 2.35),
        "meta": {"source": "book", "rank": 2},
    },
    {
        "title": "quantum physics basics",
        "body": "particles and waves",
        "points": 500,
        "price": 9.0,
        "done": True,
        "when": WHEN.replace(year=2026),
        "tags": [],
        "place": GeoCoordinate(40.71, -74.0),
        "meta": {"source": "web", "rank": 3},
    },
]
IDS = [UUID(int=i + 1) for i in range(len(ROWS))]


def _property(name: str, data_type: str, **extra: object) -> dict[str, object]:
    return {"name": name, "dataType": [data_type], **extra}


SCHEMA_PROPERTIES = [
    _property("title", "text"),
    _property("body", "text"),
    _property("points", "int"),
    _property("price", "number"),
    _property("done", "boolean"),
    _property("when", "date"),
    _property("tags", "text[]"),
    _property("place", "geoCoordinates"),
    _property(
        "meta",
        "object",
        nestedProperties=[_property("source", "text"), _property("rank", "int")],
    ),
]


def create_schema(server: EmbeddedServer, body: dict[str, object]) -> None:
    """Create a collection from its REST JSON (for settings `collections.create` lacks)."""
    reply = httpx.post(f"http://{server.host}:{server.port}/v1/schema", json=body, timeout=30)
    assert reply.status_code == 200, reply.text


def rest_insert(server: EmbeddedServer, objects: list[dict[str, object]]) -> None:
    url = f"http://{server.host}:{server.port}/v1/batch/objects"
    reply = httpx.post(url, json={"objects": objects}, timeout=30)
    assert reply.status_code == 200, reply.text
    assert all("errors" not in (o.get("result") or {}) for o in reply.json()), reply.text


def _unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


class Props(TypedDict):
    title: str
    points: int


class Article(BaseModel):
    title: str
    points: int
    price: float
    when: datetime


@pytest.fixture(scope="module")
def articles(
    client: wvorm_core.WeaviateClient, server: EmbeddedServer
) -> Iterator[wvorm_core.collections.Collection]:
    """A collection of ROWS vectorized (title) by text2vec-transformers, with generative and
    reranker dummies, created once for the module's read-only tests."""
    name = _unique("Articles")
    create_schema(
        server,
        {
            "class": name,
            "properties": SCHEMA_PROPERTIES,
            "vectorConfig": {
                "default": {
                    "vectorizer": {
                        "text2vec-transformers": {
                            "properties": ["title"],
                            "vectorizeClassName": False,
                        }
                    },
                    "vectorIndexType": "hnsw",
                }
            },
            "moduleConfig": {"generative-dummy": {}, "reranker-dummy": {}},
            "invertedIndexConfig": {
                "indexNullState": True,
                "indexTimestamps": True,
                "indexPropertyLength": True,
            },
        },
    )
    col = client.collections.use(name)
    items = [
        wvorm_core.classes.data.DataObject(row, uuid=i) for row, i in zip(ROWS, IDS, strict=True)
    ]
    result = col.data.insert_many(items)
    assert not result.errors
    yield col
    client.collections.delete(name)


def titles(result: object) -> list[str]:
    return [o.properties["title"] for o in result.objects]  # type: ignore[attr-defined]


def test_fetch_objects_paging_and_sorting(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    assert titles(q.fetch_objects(sort=Sort.by_property("points"))) == [r["title"] for r in ROWS]
    desc = q.fetch_objects(sort=Sort.by_property("points", ascending=False), limit=2, offset=1)
    assert titles(desc) == [ROWS[1]["title"], ROWS[0]["title"]]
    two = Sort.by_property("done").then_by_property("points", ascending=False)
    assert titles(q.fetch_objects(sort=two)) == [
        ROWS[1]["title"],
        ROWS[2]["title"],
        ROWS[0]["title"],
    ]
    assert [o.uuid for o in q.fetch_objects(after=IDS[0]).objects] == IDS[1:]
    assert [o.uuid for o in q.fetch_objects(limit=1).objects] == IDS[:1]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (Filter.by_property("points").equal(300), [1]),
        (Filter.by_property("points").not_equal(300), [0, 2]),
        (Filter.by_property("points").less_than(300), [0]),
        (Filter.by_property("points").less_or_equal(300), [0, 1]),
        (Filter.by_property("price").greater_than(2.5), [2]),
        (Filter.by_property("price").greater_or_equal(2.5), [1, 2]),
        (Filter.by_property("title").like("dog*"), [0, 1]),
        (Filter.by_property("body").like("pupp?"), [1]),
        (Filter.by_property("tags").contains_any(["play", "nothing"]), [1]),
        (Filter.by_property("tags").contains_all(["pets", "play"]), [1]),
        (Filter.by_property("tags").contains_none(["pets"]), [2]),
        (Filter.by_property("done").equal(False), [1]),
        (Filter.by_property("when").greater_than(WHEN), [1, 2]),
        (Filter.by_property("place").within_geo_range(GeoCoordinate(52.0, 4.9), 100_000), [0]),
        (Filter.by_id().equal(IDS[2]), [2]),
        (Filter.by_property("title", length=True).less_than(19), [0]),
        (Filter.by_property("tags").is_none(True), [2]),
        (Filter.by_creation_time().greater_than(WHEN), [0, 1, 2]),
        (Filter.not_(Filter.by_property("points").equal(100)), [1, 2]),
        (Filter.by_property("done").equal(True) & Filter.by_property("points").less_than(200), [0]),
        (Filter.by_property("points").equal(100) | Filter.by_property("points").equal(500), [0, 2]),
    ],
)
def test_filters_of_every_operator(
    articles: wvorm_core.collections.Collection, where: object, expected: list[int]
) -> None:
    found = articles.query.fetch_objects(filters=where, sort=Sort.by_property("points"))  # type: ignore[arg-type]
    assert [o.uuid for o in found.objects] == [IDS[i] for i in expected]


def test_properties_come_back_with_their_types(articles: wvorm_core.collections.Collection) -> None:
    obj = articles.query.fetch_object_by_id(IDS[0])
    assert obj is not None
    props = dict(obj.properties)
    place = props.pop("place")
    assert isinstance(place, GeoCoordinate)
    assert (place.latitude, place.longitude) == pytest.approx((52.37, 4.89), abs=1e-5)
    assert props == {k: v for k, v in ROWS[0].items() if k != "place"}
    assert isinstance(props["points"], int)
    assert isinstance(props["when"], datetime)


def test_fetch_by_id_and_ids(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    assert q.fetch_object_by_id(UUID(int=999)) is None
    found = q.fetch_object_by_id(str(IDS[1]), return_properties=["points"])
    assert found is not None
    assert found.properties == {"points": 300}
    some = q.fetch_objects_by_ids([IDS[2], IDS[0], UUID(int=999)], sort=Sort.by_property("points"))
    assert [o.uuid for o in some.objects] == [IDS[0], IDS[2]]
    with pytest.raises(WeaviateInvalidInputError, match="non-empty list"):
        q.fetch_objects_by_ids([])


def test_return_properties_names_nested_and_models(
    articles: wvorm_core.collections.Collection, client: wvorm_core.WeaviateClient
) -> None:
    q = articles.query
    only = q.fetch_objects(return_properties=["title"], limit=1)
    assert only.objects[0].properties == {"title": ROWS[0]["title"]}
    nested = q.fetch_objects(return_properties=[QueryNested("meta", ["rank"])], limit=1)
    assert nested.objects[0].properties == {"meta": {"rank": 1}}
    typed = q.fetch_objects(return_properties=Props, limit=1)
    assert typed.objects[0].properties == {"title": ROWS[0]["title"], "points": 100}
    models = client.collections.use(articles.name, data_model_properties=Article)
    first = models.query.fetch_objects(limit=1).objects[0].properties
    assert first == Article(title="dogs bark at night", points=100, price=1.5, when=WHEN)
    checked = models.query.fetch_objects(limit=1, validate=True).objects[0].properties
    assert checked == first
    assert checked.model_fields_set == {"title", "points", "price", "when"}


def test_metadata_and_vectors(articles: wvorm_core.collections.Collection) -> None:
    res = articles.query.near_text(
        "dog", limit=2, return_metadata=MetadataQuery.full(), include_vector=True
    )
    first = res.objects[0]
    meta = first.metadata
    assert meta.distance is not None
    assert meta.certainty is not None
    assert meta.creation_time is not None
    assert meta.creation_time.year >= 2024
    assert meta.last_update_time is not None
    vector = first.vector["default"]
    assert len(vector) == 256
    assert list(vector) == pytest.approx(vectorize(str(first.properties["title"])), abs=1e-6)
    as_numpy = np.asarray(vector)  # a float32 view of the packed vector, no copy
    assert as_numpy.dtype == np.float32
    assert np.shares_memory(as_numpy, np.frombuffer(vector, dtype=np.float32))
    names = articles.query.fetch_objects(limit=1, return_metadata=["creation_time"])
    assert names.objects[0].metadata.creation_time is not None
    assert names.objects[0].metadata.distance is None
    assert articles.query.fetch_objects(limit=1).objects[0].vector == {}
    with pytest.raises(WeaviateInvalidInputError, match="unknown metadata"):
        articles.query.fetch_objects(return_metadata=["distanse"])  # type: ignore[list-item]


def test_bm25(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    res = q.bm25("dog", return_metadata=MetadataQuery(score=True, explain_score=True))
    assert set(titles(res)) == {ROWS[0]["title"], ROWS[1]["title"]} or titles(res)
    assert all(o.metadata.score is not None for o in res.objects)
    assert titles(q.bm25("puppy", query_properties=["title"])) == []
    assert titles(q.bm25("puppy", query_properties=["body"])) == [ROWS[1]["title"]]
    both = q.bm25("dog ball", query_properties=["title"], operator=BM25Operator.and_())
    assert titles(both) == [ROWS[1]["title"]]
    either = q.bm25("ball quantum", operator=BM25Operator.or_(minimum_match=1))
    assert set(titles(either)) == {ROWS[1]["title"], ROWS[2]["title"]}


def test_near_text_and_move(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    assert titles(q.near_text("physics", limit=1)) == [ROWS[2]["title"]]
    assert titles(q.near_text("dog", distance=0.0001)) == []
    moved = q.near_text("dog", limit=1, move_to=Move(force=1.0, concepts=["quantum physics"]))
    assert titles(moved) == [ROWS[2]["title"]]
    away = q.near_text("dog", limit=1, move_away=Move(force=1.0, objects=[IDS[0]], concepts="bark"))
    assert titles(away) != [ROWS[0]["title"]]


def test_near_vector_and_near_object(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    res = q.near_vector(vectorize(ROWS[2]["title"]), limit=1, return_metadata=["distance"])  # type: ignore[arg-type]
    assert res.objects[0].uuid == IDS[2]
    assert res.objects[0].metadata.distance == pytest.approx(0.0, abs=1e-5)
    as_numpy = q.near_vector(np.array(vectorize(ROWS[1]["title"]), dtype=np.float64), limit=1)  # type: ignore[arg-type]
    assert as_numpy.objects[0].uuid == IDS[1]
    sure = q.near_vector(vectorize(ROWS[0]["title"]), certainty=0.999)  # type: ignore[arg-type]
    assert [o.uuid for o in sure.objects] == [IDS[0]]
    near = q.near_object(IDS[0], limit=2, return_metadata=["distance"])
    assert near.objects[0].uuid == IDS[0]
    with pytest.raises(WeaviateInvalidInputError, match="certainty or distance"):
        q.near_vector([0.1] * 256, certainty=0.5, distance=0.5)
    with pytest.raises(WeaviateInvalidInputError, match="vector must be"):
        q.near_vector(["a", "b"])  # type: ignore[list-item]


def test_hybrid(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    keyword = q.hybrid("puppy", alpha=0.0, query_properties=["body"])
    assert titles(keyword) == [ROWS[1]["title"]]
    vector = q.hybrid("physics", alpha=1.0, limit=1, fusion_type=HybridFusion.RELATIVE_SCORE)
    assert titles(vector) == [ROWS[2]["title"]]
    given = q.hybrid(None, alpha=1.0, vector=vectorize(ROWS[0]["title"]), limit=1)  # type: ignore[arg-type]
    assert titles(given) == [ROWS[0]["title"]]
    ranked = q.hybrid("dog", fusion_type=HybridFusion.RANKED, return_metadata=["score"])
    assert all(o.metadata.score is not None for o in ranked.objects)
    capped = q.hybrid(str(ROWS[2]["title"]), alpha=1.0, max_vector_distance=0.01)
    assert titles(capped) == [ROWS[2]["title"]]
    assert len(q.hybrid(str(ROWS[2]["title"]), alpha=1.0, max_vector_distance=2.0).objects) == 3
    with pytest.raises(WeaviateInvalidInputError, match="alpha"):
        q.hybrid("x", alpha=1.5)


def test_auto_limit_group_by_and_rerank(articles: wvorm_core.collections.Collection) -> None:
    q = articles.query
    cut = q.near_text("quantum physics basics", auto_limit=1)
    assert titles(cut)[0] == ROWS[2]["title"]
    assert len(cut.objects) < len(ROWS)
    grouped = q.near_text("dog", group_by=GroupBy("done", number_of_groups=2, objects_per_group=5))
    assert set(grouped.groups) == {"true", "false"}
    assert grouped.groups["false"].number_of_objects == 1
    assert grouped.groups["false"].objects[0].uuid == IDS[1]
    assert {o.belongs_to_group for o in grouped.objects} == {"true", "false"}
    reranked = q.near_text("dog", limit=3, rerank=Rerank(prop="body", query="dog"))
    scores = [o.metadata.rerank_score for o in reranked.objects]
    assert all(s is not None for s in scores)
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_near_image_refused_without_an_image_module(
    articles: wvorm_core.collections.Collection,
) -> None:
    with pytest.raises(WeaviateQueryError, match=r"(?i)image|vectori|module"):
        articles.query.near_image(b"\x89PNG fake bytes")


def test_near_text_through_bigram_is_refused_clearly(
    client: wvorm_core.WeaviateClient, server: EmbeddedServer, collection_name: str
) -> None:
    create_schema(
        server,
        {
            "class": collection_name,
            "properties": [_property("title", "text")],
            "vectorConfig": {
                "default": {"vectorizer": {"text2vec-bigram": {}}, "vectorIndexType": "hnsw"}
            },
        },
    )
    col = client.collections.use(collection_name)
    assert not col.data.insert_many([{"title": "hello world"}]).errors
    assert len(col.query.fetch_objects(include_vector=True).objects[0].vector["default"]) > 0
    with pytest.raises(WeaviateQueryError, match="vectorize"):
        col.query.near_text("hello")


def test_named_and_multi_vectors(
    client: wvorm_core.WeaviateClient, server: EmbeddedServer, collection_name: str
) -> None:
    none = {"vectorizer": {"none": {}}, "vectorIndexType": "hnsw"}
    create_schema(
        server,
        {
            "class": collection_name,
            "properties": [_property("title", "text")],
            "vectorConfig": {
                "a": none,
                "b": none,
                "colbert": {**none, "vectorIndexConfig": {"multivector": {"enabled": True}}},
            },
        },
    )
    rows = [
        ("x", [1.0, 0.0, 0.0], [0.0, 1.0], [[1.0, 0.0], [0.0, 1.0]]),
        ("y", [0.0, 1.0, 0.0], [1.0, 0.0], [[0.5, 0.5], [0.9, 0.1]]),
    ]
    rest_insert(
        server,
        [
            {
                "class": collection_name,
                "id": str(UUID(int=i + 1)),
                "properties": {"title": t},
                "vectors": {"a": a, "b": b, "colbert": m},
            }
            for i, (t, a, b, m) in enumerate(rows)
        ],
    )
    q = client.collections.use(collection_name).query
    assert titles(q.near_vector([0.0, 1.0, 0.0], target_vector="a", limit=1)) == ["y"]
    assert titles(q.near_vector({"b": [0.0, 1.0]}, limit=1)) == ["x"]
    joined = q.near_vector(
        {"a": [1.0, 0.0, 0.0], "b": [1.0, 0.0]}, target_vector=TargetVectors.sum(["a", "b"])
    )
    assert len(joined.objects) == 2
    weighted = q.near_vector(
        {"a": [1.0, 0.0, 0.0], "b": [1.0, 0.0]},
        target_vector=TargetVectors.manual_weights({"a": 0.0, "b": 1.0}),
        limit=1,
    )
    assert titles(weighted) == ["y"]
    multi = q.near_vector(
        [[0.5, 0.5], [0.9, 0.1]], target_vector="colbert", return_metadata=["distance"]
    )
    assert titles(multi) == ["x", "y"]
    # late interaction over normalized query rows: x's rows are the unit axes
    best_x = -(0.5 / math.hypot(0.5, 0.5) + 0.9 / math.hypot(0.9, 0.1))
    assert multi.objects[0].metadata.distance == pytest.approx(best_x, abs=1e-5)
    got = q.fetch_object_by_id(UUID(int=1), include_vector=["a", "colbert"])
    assert got is not None
    assert list(got.vector["a"]) == [1.0, 0.0, 0.0]
    assert "b" not in got.vector
    assert [list(row) for row in got.multi_vector["colbert"]] == [[1.0, 0.0], [0.0, 1.0]]
    everything = q.fetch_object_by_id(UUID(int=2), include_vector=True)
    assert everything is not None
    assert set(everything.vector) == {"a", "b"}
    assert set(everything.multi_vector) == {"colbert"}


def test_references_multi_target_and_nested(
    client: wvorm_core.WeaviateClient, server: EmbeddedServer
) -> None:
    author, book, shelf = _unique("Author"), _unique("Book"), _unique("Shelf")
    try:
        create_schema(server, {"class": author, "properties": [_property("name", "text")]})
        create_schema(
            server,
            {
                "class": book,
                "properties": [_property("title", "text"), _property("writtenBy", author)],
            },
        )
        create_schema(
            server,
            {
                "class": shelf,
                "properties": [
                    _property("label", "text"),
                    {"name": "holds", "dataType": [book, author]},
                ],
            },
        )
        a, b, s = UUID(int=11), UUID(int=12), UUID(int=13)
        beacon = "weaviate://localhost/{}/{}"
        rest_insert(server, [{"class": author, "id": str(a), "properties": {"name": "Ann"}}])
        rest_insert(
            server,
            [
                {
                    "class": book,
                    "id": str(b),
                    "properties": {
                        "title": "Go",
                        "writtenBy": [{"beacon": beacon.format(author, a)}],
                    },
                }
            ],
        )
        rest_insert(
            server,
            [
                {
                    "class": shelf,
                    "id": str(s),
                    "properties": {
                        "label": "top",
                        "holds": [
                            {"beacon": beacon.format(book, b)},
                            {"beacon": beacon.format(author, a)},
                        ],
                    },
                },
            ],
        )
        books = client.collections.use(book).query
        res = books.fetch_objects(
            return_references=QueryReference("writtenBy", return_properties=["name"])
        )
        ref = res.objects[0].references["writtenBy"].objects[0]
        assert (ref.uuid, ref.properties, ref.collection) == (a, {"name": "Ann"}, author)
        shelves = client.collections.use(shelf).query
        deep = shelves.fetch_objects(
            return_properties=["label"],
            return_references=QueryReference.MultiTarget(
                "holds",
                target_collection=book,
                return_properties=["title"],
                return_references=QueryReference("writtenBy", return_properties=["name"]),
            ),
        )
        held = deep.objects[0].references["holds"].objects
        assert [o.properties for o in held] == [{"title": "Go"}]
        assert held[0].references["writtenBy"].objects[0].properties == {"name": "Ann"}
        to_author = shelves.fetch_objects(
            return_references=QueryReference.MultiTarget("holds", target_collection=author)
        )
        assert to_author.objects[0].references["holds"].objects[0].properties == {"name": "Ann"}
        by_ref = Filter.by_ref("writtenBy").by_property("name").equal("Ann")
        assert [o.uuid for o in books.fetch_objects(filters=by_ref).objects] == [b]
        nobody = Filter.by_ref("writtenBy").by_property("name").equal("Bob")
        assert books.fetch_objects(filters=nobody).objects == []
        counted = Filter.by_ref_count("holds").greater_or_equal(2)
        assert [o.uuid for o in shelves.fetch_objects(filters=counted).objects] == [s]
        multi = Filter.by_ref_multi_target("holds", book).by_property("title").equal("Go")
        assert [o.uuid for o in shelves.fetch_objects(filters=multi).objects] == [s]
    finally:
        client.collections.delete([shelf, book, author])


def test_tenants_and_consistency(
    client: wvorm_core.WeaviateClient, server: EmbeddedServer, collection_name: str
) -> None:
    create_schema(
        server,
        {
            "class": collection_name,
            "properties": [_property("title", "text")],
            "multiTenancyConfig": {"enabled": True},
        },
    )
    url = f"http://{server.host}:{server.port}/v1/schema/{collection_name}/tenants"
    assert httpx.post(url, json=[{"name": "t1"}, {"name": "t2"}]).status_code == 200
    col = client.collections.use(collection_name)
    assert not col.with_tenant("t1").data.insert_many([{"title": "one"}]).errors
    assert not col.with_tenant("t2").data.insert_many([{"title": "two"}, {"title": "2"}]).errors
    t1 = col.with_tenant("t1").with_consistency_level(ConsistencyLevel.ALL)
    assert titles(t1.query.fetch_objects()) == ["one"]
    assert titles(t1.query.bm25("one")) == ["one"]
    assert len(col.with_tenant("t2").query.fetch_objects().objects) == 2
    with pytest.raises(WeaviateQueryError, match="tenant"):
        col.query.fetch_objects()


async def test_async_query_kinds(
    async_client: wvorm_core.WeaviateAsyncClient, articles: wvorm_core.collections.Collection
) -> None:
    col = async_client.collections.use(articles.name, data_model_properties=Props)
    q = col.query
    fetched = await q.fetch_objects(sort=Sort.by_property("points"))
    assert [o.properties for o in fetched.objects] == [
        {"title": r["title"], "points": r["points"]} for r in ROWS
    ]
    assert (await q.fetch_object_by_id(UUID(int=999))) is None
    one = await q.fetch_object_by_id(IDS[0])
    assert one is not None
    assert one.properties["points"] == 100
    assert len((await q.fetch_objects_by_ids(IDS[:2])).objects) == 2
    assert (await q.bm25("puppy", query_properties=["body"])).objects[0].uuid == IDS[1]
    assert (await q.near_text("physics", limit=1)).objects[0].uuid == IDS[2]
    nv = await q.near_vector(vectorize(ROWS[0]["title"]), limit=1)  # type: ignore[arg-type]
    assert nv.objects[0].uuid == IDS[0]
    assert (await q.near_object(IDS[1], limit=1)).objects[0].uuid == IDS[1]
    assert (await q.hybrid("puppy", alpha=0.0, query_properties=["body"])).objects[0].uuid == IDS[1]
    with pytest.raises(WeaviateQueryError):
        await q.near_image(b"not an image")


def test_unknown_option_is_refused_before_sending(
    articles: wvorm_core.collections.Collection,
) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="unexpected arguments: limt"):
        articles.query.fetch_objects(limt=3)  # type: ignore[call-arg]
    with pytest.raises(WeaviateInvalidInputError, match="non-negative"):
        articles.query.fetch_objects(limit=-1)
    with pytest.raises(WeaviateInvalidInputError, match=r"collection\.generate"):
        articles.query.fetch_objects(single_prompt="x")  # type: ignore[call-arg]


def test_create_with_a_data_model_types_the_reads(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="points", data_type=DataType.INT),
            Property(name="extra", data_type=DataType.TEXT),
        ],
        data_model_properties=Props,
    )
    assert not col.data.insert_many([{"title": "t", "points": 2, "extra": "not in Props"}]).errors
    assert col.query.fetch_objects().objects[0].properties == {"title": "t", "points": 2}
