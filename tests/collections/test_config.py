"""Against the real server: each option group is created, read back exactly, exported,
re-created from the export, and updated where the server allows it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core.classes.config import (
    Configure,
    DataType,
    PQEncoderType,
    Property,
    Reconfigure,
    ReferenceProperty,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    Tokenization,
    VectorDistances,
    VectorFilterStrategy,
)
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError
from wvorm_core.outputs.config import (
    BQConfig,
    CollectionConfig,
    MultiVectorConfig,
    MuveraConfig,
    PQConfig,
    PQEncoderConfig,
    PropertyVectorizerConfig,
    RQConfig,
    SQConfig,
    TextAnalyzerConfig,
    VectorIndexConfigFlat,
    VectorIndexConfigHNSW,
)

V = Configure.Vectors
IX = Configure.VectorIndex
Q = Configure.VectorIndex.Quantizer


@pytest.fixture
def copy_name(client: wvorm_core.WeaviateClient, collection_name: str) -> Iterator[str]:
    name = f"{collection_name}_copy"
    yield name
    client.collections.delete(name)


def _round_trip(client: wvorm_core.WeaviateClient, config: CollectionConfig, copy: str) -> None:
    """The exported config re-creates an identical collection under another name."""
    exported = client.collections.export_config(config.name)
    assert exported == config
    created = client.collections.create_from_config(dataclasses.replace(exported, name=copy))
    again = created.config.get()
    assert dataclasses.replace(again, name=config.name) == config


def _hnsw(config: CollectionConfig, vector: str = "default") -> VectorIndexConfigHNSW:
    index = config.vector_config[vector].vector_index_config
    assert isinstance(index, VectorIndexConfigHNSW)
    return index


def test_properties_and_references(
    client: wvorm_core.WeaviateClient, collection_name: str, copy_name: str
) -> None:
    col = client.collections.create(
        collection_name,
        description="every data type",
        properties=[
            Property(name="title", data_type=DataType.TEXT, tokenization=Tokenization.FIELD,
                     description="the title", skip_vectorization=True),
            Property(name="tags", data_type=DataType.TEXT_ARRAY, index_searchable=False,
                     vectorize_property_name=False,
                     text_analyzer=Configure.text_analyzer(ascii_fold=True, ascii_fold_ignore=["é"],
                                                           stopword_preset="mine")),
            Property(name="count", data_type=DataType.INT, index_range_filters=True),
            Property(name="counts", data_type=DataType.INT_ARRAY, index_filterable=False),
            Property(name="score", data_type=DataType.NUMBER),
            Property(name="scores", data_type=DataType.NUMBER_ARRAY),
            Property(name="flag", data_type=DataType.BOOL),
            Property(name="flags", data_type=DataType.BOOL_ARRAY),
            Property(name="day", data_type=DataType.DATE),
            Property(name="days", data_type=DataType.DATE_ARRAY),
            Property(name="ident", data_type=DataType.UUID),
            Property(name="idents", data_type=DataType.UUID_ARRAY),
            Property(name="where", data_type=DataType.GEO_COORDINATES),
            Property(name="phone", data_type=DataType.PHONE_NUMBER),
            Property(name="image", data_type=DataType.BLOB),
            Property(
                name="address", data_type=DataType.OBJECT,
                nested_properties=[
                    Property(name="city", data_type=DataType.TEXT,
                             tokenization=Tokenization.WHITESPACE),
                    Property(name="geo", data_type=DataType.OBJECT_ARRAY, nested_properties=[
                        Property(name="zip", data_type=DataType.INT),
                    ]),
                ],
            ),
        ],
        references=[
            ReferenceProperty(name="self_ref", target_collection=collection_name, description="me"),
            ReferenceProperty.MultiTarget(name="multi", target_collections=[collection_name]),
        ],
        vector_config=V.text2vec_transformers(source_properties=["title", "tags"]),
        inverted_index_config=Configure.inverted_index(stopword_presets={"mine": ["foo", "bar"]}),
    )  # fmt: skip
    config = col.config.get()
    assert config.description == "every data type"
    by_name = {p.name: p for p in config.properties}
    assert [p.data_type for p in config.properties] == [
        DataType.TEXT, DataType.TEXT_ARRAY, DataType.INT, DataType.INT_ARRAY, DataType.NUMBER,
        DataType.NUMBER_ARRAY, DataType.BOOL, DataType.BOOL_ARRAY, DataType.DATE,
        DataType.DATE_ARRAY, DataType.UUID, DataType.UUID_ARRAY, DataType.GEO_COORDINATES,
        DataType.PHONE_NUMBER, DataType.BLOB, DataType.OBJECT,
    ]  # fmt: skip
    title = by_name["title"]
    assert title.tokenization is Tokenization.FIELD
    assert title.description == "the title"
    module = "text2vec-transformers"
    assert title.vectorizer_configs[module] == PropertyVectorizerConfig(True, True)
    assert by_name["tags"].vectorizer_configs[module] == PropertyVectorizerConfig(False, False)
    assert not by_name["tags"].index_searchable
    assert by_name["tags"].text_analyzer == TextAnalyzerConfig(True, ("é",), "mine")
    assert by_name["title"].text_analyzer is None
    assert config.inverted_index_config.stopword_presets == {"mine": ("foo", "bar")}
    assert by_name["tags"].tokenization is Tokenization.WORD  # the server's default
    assert by_name["count"].index_range_filters
    assert not by_name["counts"].index_filterable
    address = by_name["address"]
    assert [p.name for p in address.nested_properties] == ["city", "geo"]
    assert address.nested_properties[0].tokenization is Tokenization.WHITESPACE
    assert address.nested_properties[1].data_type is DataType.OBJECT_ARRAY
    assert address.nested_properties[1].nested_properties[0].data_type is DataType.INT
    refs = {r.name: r for r in config.references}
    assert refs["self_ref"].target_collections == (collection_name,)
    assert refs["self_ref"].description == "me"
    assert refs["multi"].target_collections == (collection_name,)
    vectorizer = config.vector_config["default"].vectorizer
    assert vectorizer.vectorizer == module
    assert vectorizer.source_properties == ("title", "tags")
    _round_trip(client, config, copy_name)

    col.config.add_property(
        Property(name="extra", data_type=DataType.TEXT, skip_vectorization=True)
    )
    col.config.add_reference(ReferenceProperty(name="later", target_collection=collection_name))
    col.config.update(
        description="changed",
        property_descriptions={"count": "how many"},
        inverted_index_config=Reconfigure.inverted_index(stopword_presets={"mine": ["baz"]}),
    )
    updated = col.config.get()
    extra = next(p for p in updated.properties if p.name == "extra")
    assert extra.vectorizer_configs[module].skip
    assert "later" in {r.name for r in updated.references}
    assert updated.description == "changed"
    assert next(p for p in updated.properties if p.name == "count").description == "how many"
    assert updated.inverted_index_config.stopword_presets == {"mine": ("baz",)}


def test_vector_indexes_and_quantizers(
    client: wvorm_core.WeaviateClient, collection_name: str, copy_name: str
) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="text", data_type=DataType.TEXT)],
        vector_config=[
            V.self_provided(name="pq", vector_index_config=IX.hnsw(
                distance_metric=VectorDistances.DOT, ef=77, ef_construction=64, max_connections=16,
                dynamic_ef_min=50, dynamic_ef_max=400, dynamic_ef_factor=4,
                filter_strategy=VectorFilterStrategy.SWEEPING, flat_search_cutoff=1000,
                vector_cache_max_objects=5000, cleanup_interval_seconds=30,
                quantizer=Q.pq(segments=8, centroids=128, training_limit=1000,
                               encoder_type=PQEncoderType.KMEANS),
            )),
            V.self_provided(name="bq", vector_index_config=IX.flat(
                distance_metric=VectorDistances.L2_SQUARED, vector_cache_max_objects=10,
                quantizer=Q.bq(rescore_limit=30, cache=True),
            )),
            V.self_provided(name="sq", quantizer=Q.sq(training_limit=5000, rescore_limit=10)),
            V.self_provided(name="rq", quantizer=Q.rq(bits=8, rescore_limit=15)),
            V.self_provided(name="plain", vector_index_config=IX.flat()),
            Configure.MultiVectors.self_provided(
                name="multi", encoding=IX.MultiVector.Encoding.muvera(ksim=3, repetitions=5)
            ),
            V.text2vec_transformers(name="text", source_properties=["text"]),
        ],
    )  # fmt: skip
    config = col.config.get()
    pq = _hnsw(config, "pq")
    assert (pq.distance_metric, pq.ef, pq.ef_construction, pq.max_connections) == (
        VectorDistances.DOT, 77, 64, 16,
    )  # fmt: skip
    assert (pq.dynamic_ef_min, pq.dynamic_ef_max, pq.dynamic_ef_factor) == (50, 400, 4)
    assert pq.filter_strategy is VectorFilterStrategy.SWEEPING
    assert (pq.flat_search_cutoff, pq.vector_cache_max_objects) == (1000, 5000)
    assert pq.cleanup_interval_seconds == 30
    assert pq.quantizer == PQConfig(
        centroids=128, segments=8, training_limit=1000,
        encoder=PQEncoderConfig(PQEncoderType.KMEANS, pq.quantizer.encoder.distribution),  # type: ignore[union-attr]
        bit_compression=False,
    )  # fmt: skip
    flat = config.vector_config["bq"].vector_index_config
    assert flat == VectorIndexConfigFlat(
        VectorDistances.L2_SQUARED, 10, BQConfig(cache=True, rescore_limit=30)
    )
    assert _hnsw(config, "sq").quantizer == SQConfig(None, rescore_limit=10, training_limit=5000)
    assert _hnsw(config, "rq").quantizer == RQConfig(None, bits=8, rescore_limit=15)
    plain = config.vector_config["plain"].vector_index_config
    assert isinstance(plain, VectorIndexConfigFlat)
    assert plain.quantizer is None
    assert plain.distance_metric is VectorDistances.COSINE
    assert _hnsw(config, "multi").multi_vector == MultiVectorConfig(
        _hnsw(config, "multi").multi_vector.aggregation,  # type: ignore[union-attr]
        MuveraConfig(ksim=3, dprojections=16, repetitions=5),
    )
    assert _hnsw(config, "text").quantizer is None
    _round_trip(client, config, copy_name)

    col.config.update(
        vector_config=[
            Reconfigure.Vectors.update(
                name="text",
                vector_index_config=Reconfigure.VectorIndex.hnsw(
                    ef=120, dynamic_ef_factor=6, quantizer=Reconfigure.VectorIndex.Quantizer.bq()
                ),
            ),
            Reconfigure.Vectors.update(
                name="plain",
                vector_index_config=Reconfigure.VectorIndex.flat(vector_cache_max_objects=99),
            ),
        ]
    )
    updated = col.config.get()
    text = _hnsw(updated, "text")
    assert (text.ef, text.dynamic_ef_factor) == (120, 6)
    assert isinstance(text.quantizer, BQConfig)
    plain_after = updated.vector_config["plain"].vector_index_config
    assert isinstance(plain_after, VectorIndexConfigFlat)
    assert plain_after.vector_cache_max_objects == 99
    assert updated.vector_config["pq"] == config.vector_config["pq"]


def test_collection_level_settings(
    client: wvorm_core.WeaviateClient, collection_name: str, copy_name: str
) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="text", data_type=DataType.TEXT)],
        inverted_index_config=Configure.inverted_index(
            bm25_b=0.6, bm25_k1=1.4, cleanup_interval_seconds=33, index_timestamps=True,
            index_null_state=True, index_property_length=True,
            stopwords_preset=StopwordsPreset.NONE, stopwords_additions=["foo"],
        ),
        # A single node keeps async replication off whatever is asked, so ask for off.
        replication_config=Configure.replication(
            1, async_enabled=False, deletion_strategy=ReplicationDeletionStrategy.DELETE_ON_CONFLICT
        ),
        sharding_config=Configure.sharding(desired_count=2, virtual_per_physical=64),
        generative_config=Configure.Generative.dummy(),
        reranker_config=Configure.Reranker.dummy(),
    )  # fmt: skip
    config = col.config.get()
    inverted = config.inverted_index_config
    assert (inverted.bm25.b, inverted.bm25.k1, inverted.cleanup_interval_seconds) == (0.6, 1.4, 33)
    assert inverted.index_timestamps
    assert inverted.index_null_state
    assert inverted.index_property_length
    assert inverted.stopwords.preset is StopwordsPreset.NONE
    assert inverted.stopwords.additions == ("foo",)
    replication = config.replication_config
    assert replication.factor == 1
    assert not replication.async_enabled
    assert replication.deletion_strategy is ReplicationDeletionStrategy.DELETE_ON_CONFLICT
    sharding = config.sharding_config
    assert sharding is not None
    assert (sharding.desired_count, sharding.actual_count, sharding.virtual_per_physical) == (
        2,
        2,
        64,
    )
    assert config.generative_config is not None
    assert config.generative_config.generative == "generative-dummy"
    assert config.reranker_config is not None
    assert config.reranker_config.reranker == "reranker-dummy"
    assert not config.multi_tenancy_config.enabled
    assert config.vector_config == {}
    _round_trip(client, config, copy_name)

    col.config.update(
        inverted_index_config=Reconfigure.inverted_index(
            bm25_b=0.9, stopwords_preset=StopwordsPreset.EN, stopwords_removals=["a"]
        ),
        replication_config=Reconfigure.replication(
            deletion_strategy=ReplicationDeletionStrategy.TIME_BASED_RESOLUTION
        ),
        generative_config=Configure.Generative.openai(model="gpt-4o-mini"),
    )
    updated = col.config.get()
    assert updated.inverted_index_config.bm25.b == 0.9
    assert updated.inverted_index_config.bm25.k1 == 1.4
    assert updated.inverted_index_config.stopwords.preset is StopwordsPreset.EN
    assert updated.inverted_index_config.stopwords.removals == ("a",)
    assert not updated.replication_config.async_enabled
    assert (
        updated.replication_config.deletion_strategy
        is ReplicationDeletionStrategy.TIME_BASED_RESOLUTION
    )
    assert updated.generative_config is not None
    assert updated.generative_config.generative == "generative-openai"
    assert updated.generative_config.model["model"] == "gpt-4o-mini"
    assert updated.reranker_config == config.reranker_config


def test_multi_tenancy_settings(
    client: wvorm_core.WeaviateClient, collection_name: str, copy_name: str
) -> None:
    col = client.collections.create(
        collection_name,
        multi_tenancy_config=Configure.multi_tenancy(
            auto_tenant_creation=True, auto_tenant_activation=False
        ),
    )
    config = col.config.get()
    assert config.multi_tenancy_config.enabled
    assert config.multi_tenancy_config.auto_tenant_creation
    assert not config.multi_tenancy_config.auto_tenant_activation
    _round_trip(client, config, copy_name)
    col.config.update(
        multi_tenancy_config=Reconfigure.multi_tenancy(
            auto_tenant_creation=False, auto_tenant_activation=True
        )
    )
    updated = col.config.get().multi_tenancy_config
    assert (updated.auto_tenant_creation, updated.auto_tenant_activation) == (False, True)


def test_api_vectorizer_modules_are_stored_with_their_options(
    client: wvorm_core.WeaviateClient, collection_name: str, copy_name: str
) -> None:
    vectors = [
        V.text2vec_openai(name="openai", model="text-embedding-3-small", dimensions=512),
        V.text2vec_cohere(name="cohere", model="embed-multilingual-v3.0"),
        V.text2vec_jinaai(name="jina", model="jina-embeddings-v3"),
        V.text2vec_voyageai(name="voyage", model="voyage-3", truncate=False),
        V.text2vec_mistral(name="mistral", model="mistral-embed"),
        V.text2vec_nvidia(name="nvidia", model="nvidia/nv-embed-v1"),
        V.text2vec_weaviate(name="weaviate", model="Snowflake/snowflake-arctic-embed-l-v2.0"),
        V.text2vec_huggingface(name="hf", model="sentence-transformers/all-MiniLM-L6-v2"),
        V.text2vec_google(name="google", project_id="p", model="text-embedding-005"),
        V.text2vec_aws(name="aws", region="us-east-1", model="amazon.titan-embed-text-v2:0"),
        V.text2vec_azure_openai(name="azure", resource_name="res", deployment_id="dep"),
    ]
    col = client.collections.create(
        collection_name,
        properties=[Property(name="text", data_type=DataType.TEXT)],
        vector_config=vectors,
    )
    config = col.config.get()
    for vector in vectors:
        stored = config.vector_config[vector.name].vectorizer
        assert stored.vectorizer == vector.vectorizer
        for key, value in vector.vectorizer_settings.items():
            assert stored.model[key] == value, (vector.name, key)
    _round_trip(client, config, copy_name)


def test_ref2vec_and_added_vectors(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="text", data_type=DataType.TEXT)],
        references=[ReferenceProperty(name="link", target_collection=collection_name)],
        vector_config=V.ref2vec_centroid(reference_properties=["link"]),
    )
    config = col.config.get()
    centroid = config.vector_config["default"].vectorizer
    assert centroid.vectorizer == "ref2vec-centroid"
    assert centroid.model["referenceProperties"] == ("link",)
    col.config.add_vector(V.self_provided(name="extra", vector_index_config=IX.flat()))
    added = col.config.get().vector_config["extra"]
    assert added.vectorizer.vectorizer == "none"
    assert isinstance(added.vector_index_config, VectorIndexConfigFlat)
    with pytest.raises(WeaviateInvalidInputError, match=r"already has vectors \['extra'\]"):
        col.config.add_vector(V.self_provided(name="extra"))


def test_create_from_dict_and_listing(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create_from_dict(
        {"class": collection_name, "properties": [{"name": "a", "dataType": ["int"]}]}
    )
    assert col.name == collection_name
    assert col.config.get().properties[0].data_type is DataType.INT
    simple = client.collections.list_all()
    assert simple[collection_name].properties[0].name == "a"
    full = client.collections.list_all(simple=False)
    assert full[collection_name] == col.config.get()
    assert col.config.get_simple() == simple[collection_name]


def test_shards(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name, sharding_config=Configure.sharding(desired_count=2)
    )
    shards = col.config.get_shards()
    assert len(shards) == 2
    assert {s.status for s in shards} == {"READY"}
    first = shards[0].name
    after = col.config.update_shards("READONLY", first)
    assert {s.name: s.status for s in after}[first] == "READONLY"
    assert {s.status for s in col.config.update_shards("READY")} == {"READY"}


def test_server_refusals_are_typed(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name, properties=[Property(name="a", data_type=DataType.INT)]
    )
    with pytest.raises(WeaviateInvalidInputError, match="already has a property 'a'"):
        col.config.add_property(Property(name="a", data_type=DataType.TEXT))
    with pytest.raises(UnexpectedStatusCodeError, match="no module with name"):
        client.collections.create(
            f"{collection_name}_x",
            properties=[Property(name="t", data_type=DataType.TEXT)],
            vector_config=V.text2vec_ollama(source_properties=["t"]),
        )
    with pytest.raises(UnexpectedStatusCodeError, match="replication factor"):
        col.config.update(replication_config=Reconfigure.replication(factor=3))


async def test_async_config(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(
        collection_name,
        properties=[Property(name="text", data_type=DataType.TEXT)],
        vector_config=V.self_provided(vector_index_config=IX.hnsw(ef=42)),
    )
    config = await col.config.get()
    assert _hnsw(config).ef == 42
    assert await async_client.collections.export_config(collection_name) == config
    await col.config.update(
        vector_config=Reconfigure.Vectors.update(
            vector_index_config=Reconfigure.VectorIndex.hnsw(ef=43)
        )
    )
    await col.config.add_property(Property(name="n", data_type=DataType.NUMBER))
    updated = await col.config.get()
    assert _hnsw(updated).ef == 43
    assert [p.name for p in updated.properties] == ["text", "n"]
    assert collection_name in await async_client.collections.list_all(simple=False)
    assert [s.status for s in await col.config.get_shards()] == ["READY"]


def test_one_bm25_parameter_keeps_the_default_of_the_other(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    only_b = client.collections.create(
        collection_name, inverted_index_config=Configure.inverted_index(bm25_b=0.5)
    )
    bm25 = only_b.config.get().inverted_index_config.bm25
    assert (bm25.b, bm25.k1) == (0.5, 1.2)
