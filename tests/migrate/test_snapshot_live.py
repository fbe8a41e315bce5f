"""Snapshots against a real v1.39 server: models created by `create_all` diff to nothing.

The server runs the offline modules (`text2vec-transformers` on the stand-in vectorizer,
`text2vec-bigram`, `ref2vec-centroid`, `generative-dummy`, `reranker-dummy`) and
`ASYNC_INDEXING=true` (the dynamic index needs it).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Annotated
from uuid import UUID

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm import Database, Field, Prop, Ref, WvModel
from wvorm.migrate import (
    AddProperty,
    AddVector,
    CreateCollection,
    Snapshot,
    StepKind,
    UpdateCollection,
    diff,
    normalize,
    normalize_class,
    snapshot_of,
)
from wvorm_core.classes.config import (
    Configure,
    DataType,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    Tokenization,
    VectorDistances,
    VectorFilterStrategy,
)
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber

from .live_rest import Rest

IX = Configure.VectorIndex
Q = IX.Quantizer


class Address(BaseModel):
    street: str
    number: int | None = None


class Location(BaseModel):
    label: str
    address: Address
    tags: list[str] = []


class Author(WvModel, collection="MigAuthor"):
    """People who write."""

    name: Prop[str]
    born: Prop[datetime | None] = None


class Publisher(WvModel, collection="MigPublisher", generative=Configure.Generative.dummy()):
    name: Prop[str] = Field(tokenization=Tokenization.FIELD, index_searchable=False)


class Book(
    WvModel,
    collection="MigBook",
    vectors=[
        Configure.Vectors.text2vec_transformers(
            name="body", source_properties=["title", "summary"]
        ),
        Configure.Vectors.text2vec_bigram(
            name="title_vec",
            source_properties=["title"],
            vector_index_config=IX.hnsw(
                ef=64,
                max_connections=16,
                distance_metric=VectorDistances.DOT,
                filter_strategy=VectorFilterStrategy.SWEEPING,
            ),
            quantizer=Q.bq(),
        ),
        Configure.Vectors.self_provided(name="pq_vec", quantizer=Q.pq(segments=4)),
        Configure.Vectors.self_provided(
            name="rq_vec", quantizer=Q.rq(bits=8, rescore_limit=30, cache=True)
        ),
        Configure.Vectors.self_provided(name="sq_vec", quantizer=Q.sq(training_limit=5000)),
        Configure.Vectors.self_provided(
            name="flat_vec", vector_index_config=IX.flat(quantizer=Q.bq(rescore_limit=50))
        ),
        Configure.Vectors.self_provided(
            name="dyn_vec",
            vector_index_config=IX.dynamic(
                distance_metric=VectorDistances.L2_SQUARED,
                threshold=1000,
                hnsw=IX.hnsw(ef_construction=64),
                flat=IX.flat(quantizer=Q.bq()),
            ),
        ),
        Configure.MultiVectors.self_provided(
            name="colbert", encoding=IX.MultiVector.Encoding.muvera(ksim=3)
        ),
        Configure.Vectors.ref2vec_centroid(name="by_author", reference_properties=["author"]),
    ],
    inverted_index=Configure.inverted_index(
        bm25_b=0.7,
        bm25_k1=1.1,
        index_timestamps=True,
        index_null_state=True,
        index_property_length=True,
        stopwords_preset=StopwordsPreset.EN,
        stopwords_additions=["novel"],
        stopword_presets={"bookish": ["chapter", "page"]},
    ),
    replication=Configure.replication(
        factor=1,
        async_enabled=True,
        deletion_strategy=ReplicationDeletionStrategy.DELETE_ON_CONFLICT,
    ),
    sharding=Configure.sharding(virtual_per_physical=64, desired_count=1),
    generative=Configure.Generative.dummy(),
    reranker=Configure.Reranker.dummy(),
):
    """A book."""

    title: Prop[str] = Field(description="the title")
    summary: Prop[str] = Field(tokenization=Tokenization.LOWERCASE, skip_vectorization=False)
    notes: Prop[str | None] = Field(default=None, skip_vectorization=True)
    tags: Prop[list[str]] = Field(default_factory=list, vectorize_property_name=False)
    pages: Prop[int] = Field(default=0, index_range_filters=True)
    price: Prop[float] = Field(default=0.0, index_filterable=False, index_range_filters=True)
    in_print: Prop[bool] = True
    published: Prop[datetime | None] = None
    isbn: Prop[UUID | None] = None
    cover: Prop[bytes | None] = None
    shop: Prop[GeoCoordinate | None] = None
    phone: Prop[PhoneNumber | None] = None
    ratings: Prop[list[float]] = Field(default_factory=list)
    counts: Prop[list[int]] = Field(default_factory=list)
    flags: Prop[list[bool]] = Field(default_factory=list)
    dates: Prop[list[datetime]] = Field(default_factory=list)
    ids: Prop[list[UUID]] = Field(default_factory=list)
    location: Prop[Location | None] = None
    locations: Prop[list[Location]] = Field(default_factory=list)
    code: Annotated[Prop[str], Field(data_type=DataType.TEXT, name="isbnCode")] = ""
    author: Ref[Author] = None
    seller: Ref[Author | Publisher] = None


class Diary(
    WvModel,
    collection="MigDiary",
    multi_tenancy=Configure.multi_tenancy(auto_tenant_creation=True, auto_tenant_activation=True),
    vectors=Configure.Vectors.text2vec_bigram(name="entry_vec"),
):
    entry: Prop[str]


class Plain(WvModel, collection="MigPlain"):
    value: Prop[int]


MODELS: list[type[WvModel]] = [Book, Diary, Plain]


@pytest.fixture(scope="module")
def created(api: Rest, migrate_client: wvorm_core.WeaviateClient) -> Snapshot:
    Database(migrate_client).create_all(MODELS)
    return api.live()


def test_create_all_then_diff_is_empty(created: Snapshot) -> None:
    target = snapshot_of(MODELS)
    assert set(target) == {"MigAuthor", "MigPublisher", "MigBook", "MigDiary", "MigPlain"}
    plan = diff({name: created[name] for name in target}, target)
    assert plan.is_empty, plan.table()
    assert plan.hints == ()


def test_snapshots_agree_but_for_the_servers_shard_count(created: Snapshot) -> None:
    """The only key the desired state leaves to the server is `desiredCount` (node count)."""
    target = snapshot_of(MODELS)
    for name, wanted in target.items():
        got = copy.deepcopy(created[name])
        sharding = got.get("shardingConfig")
        if isinstance(sharding, dict) and "desiredCount" not in wanted.get("shardingConfig", {}):  # type: ignore[operator]
            sharding.pop("desiredCount")
        assert got == wanted, name


def test_normalize_twice_is_the_same(api: Rest, created: Snapshot) -> None:
    assert normalize(created.values()) == created
    assert api.live() == created


def test_planned_create_collection_creates_what_the_models_declare(
    api: Rest,
) -> None:
    class Fresh(
        WvModel,
        collection="MigFresh",
        vectors=Configure.Vectors.text2vec_bigram(name="v", quantizer=Q.sq()),
    ):
        text: Prop[str]
        place: Prop[Location | None] = None

    target = snapshot_of([Fresh])
    plan = diff(api.live(), target)
    creates = [s.operation for s in plan.steps if isinstance(s.operation, CreateCollection)]
    assert [c.collection for c in creates] == ["MigFresh"]
    api("POST", "/schema", creates[0].schema)
    after = api.live()
    assert creates[0].is_applied(after)
    assert diff({"MigFresh": after["MigFresh"]}, target).is_empty


def test_in_place_steps_applied_for_real_leave_nothing_to_do(api: Rest) -> None:
    class Shelf(
        WvModel,
        collection="MigShelf",
        vectors=Configure.Vectors.text2vec_bigram(name="v", source_properties=["label"]),
    ):
        label: Prop[str]

    class ShelfV2(
        WvModel,
        collection="MigShelf",
        description="shelves",
        vectors=[
            Configure.Vectors.text2vec_bigram(
                name="v",
                source_properties=["label"],
                vector_index_config=IX.hnsw(ef=99),
                quantizer=Q.bq(),
            ),
            Configure.Vectors.text2vec_transformers(name="extra"),
        ],
        inverted_index=Configure.inverted_index(bm25_b=0.6, bm25_k1=1.3),
        generative=Configure.Generative.dummy(),
    ):
        label: Prop[str] = Field(description="what is on it")
        height: Prop[int] = 0

    api("POST", "/schema", snapshot_of([Shelf])["MigShelf"])
    target = snapshot_of([ShelfV2])
    plan = diff(api.live(), target)
    kinds = {type(s.operation) for s in plan.steps}
    assert kinds == {AddProperty, UpdateCollection, AddVector}, plan.table()
    assert all(s.kind is StepKind.IN_PLACE for s in plan.steps)
    for step in plan.steps:
        operation = step.operation
        assert not operation.is_applied(api.live())
        if isinstance(operation, AddProperty):
            api("POST", "/schema/MigShelf/properties", operation.property)
        else:
            assert isinstance(operation, (UpdateCollection, AddVector))
            body = operation.apply_to(api.raw_class("MigShelf"))
            api("PUT", "/schema/MigShelf", body)
        assert operation.is_applied(api.live())
    remaining = diff(api.live(), target)
    assert remaining.is_empty, remaining.table()


def test_normalize_class_takes_the_servers_own_json(api: Rest) -> None:
    raw = api.raw_class("MigPlain")
    assert normalize_class(raw) == api.live()["MigPlain"]
