"""Database.create_all turns models into collections with every collection-level setting."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm import Database, Field, Prop, Ref, WvModel
from wvorm.database import creation_order
from wvorm_core.classes.config import Configure, VectorDistances

SUFFIX = uuid.uuid4().hex[:8]


class Person(WvModel, collection=f"OrmPerson_{SUFFIX}"):
    name: Prop[str]


class Company(WvModel, collection=f"OrmCompany_{SUFFIX}"):
    title: Prop[str]


class Article(
    WvModel,
    collection=f"OrmArticle_{SUFFIX}",
    vectors=[
        Configure.Vectors.text2vec_transformers(
            name="body",
            source_properties=["body"],
            vector_index_config=Configure.VectorIndex.hnsw(
                distance_metric=VectorDistances.DOT,
                quantizer=Configure.VectorIndex.Quantizer.bq(),
            ),
        ),
        Configure.Vectors.self_provided(name="image"),
    ],
    inverted_index=Configure.inverted_index(index_timestamps=True, bm25_b=0.6, bm25_k1=1.1),
    multi_tenancy=Configure.multi_tenancy(enabled=True, auto_tenant_creation=True),
    generative=Configure.Generative.dummy(),
    reranker=Configure.Reranker.dummy(),
):
    """Articles by people or companies."""

    body: Prop[str]
    words: Prop[int] = Field(default=0, index_range_filters=True)
    by: Ref[Person | Company] = Field(default=None, description="who wrote it")
    editor: Ref[Person] = Field(default=None)


@pytest.fixture
def db(client: wvorm_core.WeaviateClient) -> Iterator[Database]:
    database = Database(client)
    yield database
    database.drop_all([Article])


def test_creation_order_puts_targets_first() -> None:
    assert creation_order([Article]) == [Person, Company, Article]
    assert creation_order([Person, Article, Person]) == [Person, Company, Article]


def test_create_all_applies_every_setting(db: Database, client: wvorm_core.WeaviateClient) -> None:
    db.create_all([Article])
    assert client.collections.exists(Person.__wvorm_info__.collection)
    config = client.collections.use(f"OrmArticle_{SUFFIX}").config.get()
    assert config.description == "Articles by people or companies."
    assert set(config.vector_config) == {"body", "image"}
    body = config.vector_config["body"]
    assert body.vectorizer.vectorizer == "text2vec-transformers"
    assert body.vector_index_config.distance_metric == VectorDistances.DOT
    assert config.inverted_index_config.index_timestamps is True
    assert config.inverted_index_config.bm25.b == pytest.approx(0.6)
    assert config.multi_tenancy_config.enabled is True
    assert config.multi_tenancy_config.auto_tenant_creation is True
    assert config.generative_config is not None
    assert config.generative_config.generative == "generative-dummy"
    assert config.reranker_config is not None
    refs = {r.name: r for r in config.references}
    assert set(refs["by"].target_collections) == {
        f"OrmPerson_{SUFFIX}",
        f"OrmCompany_{SUFFIX}",
    }
    assert refs["by"].description == "who wrote it"
    assert refs["editor"].target_collections == (f"OrmPerson_{SUFFIX}",)
    words = next(p for p in config.properties if p.name == "words")
    assert words.index_range_filters is True

    db.create_all([Article])  # idempotent: existing collections are left alone
    db.drop_all([Article])
    assert not client.collections.exists(f"OrmArticle_{SUFFIX}")
    assert not client.collections.exists(f"OrmPerson_{SUFFIX}")
