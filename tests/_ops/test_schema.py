"""The create-collection payload, and bad input refused before the network."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wvorm_core._ops.schema import check_create_dict
from wvorm_core.classes.config import (
    Configure,
    DataType,
    Multi2VecField,
    PQEncoderType,
    Property,
    ReferenceProperty,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    Tokenization,
    VectorDistances,
    VectorFilterStrategy,
    collection_schema,
)
from wvorm_core.exceptions import WeaviateInvalidInputError

V = Configure.Vectors
IX = Configure.VectorIndex
Q = Configure.VectorIndex.Quantizer


def test_payload() -> None:
    body = collection_schema(
        "question",
        description="trivia",
        properties=[
            Property(name="text", data_type=DataType.TEXT, tokenization=Tokenization.FIELD),
            Property(name="secret", data_type=DataType.TEXT, skip_vectorization=True),
        ],
        references=[ReferenceProperty(name="author", target_collection="person")],
        vector_config=V.text2vec_transformers(
            source_properties=["text"],
            vector_index_config=IX.hnsw(distance_metric=VectorDistances.DOT, ef=64),
        ),
    )
    module = "text2vec-transformers"
    assert body == {
        "class": "Question",
        "description": "trivia",
        "properties": [
            {
                "name": "text",
                "dataType": ["text"],
                "tokenization": "field",
                "moduleConfig": {module: {"skip": False, "vectorizePropertyName": True}},
            },
            {
                "name": "secret",
                "dataType": ["text"],
                "moduleConfig": {module: {"skip": True, "vectorizePropertyName": True}},
            },
            {"name": "author", "dataType": ["Person"]},
        ],
        "vectorConfig": {
            "default": {
                "vectorizer": {module: {"vectorizeClassName": True, "properties": ["text"]}},
                "vectorIndexType": "hnsw",
                "vectorIndexConfig": {"distance": "dot", "ef": 64},
            }
        },
    }


def test_collection_level_settings() -> None:
    body = collection_schema(
        "Article",
        properties=[
            Property(
                name="meta",
                data_type=DataType.OBJECT_ARRAY,
                description="nested",
                nested_properties=[
                    Property(name="year", data_type=DataType.INT, index_range_filters=True),
                    Property(name="tags", data_type=DataType.TEXT_ARRAY, index_searchable=False),
                ],
            )
        ],
        references=[ReferenceProperty.MultiTarget(name="cites", target_collections=["a", "B"])],
        inverted_index_config=Configure.inverted_index(
            bm25_b=0.5,
            bm25_k1=1.5,
            cleanup_interval_seconds=30,
            index_timestamps=True,
            index_null_state=True,
            index_property_length=True,
            stopwords_preset=StopwordsPreset.NONE,
            stopwords_additions=["x"],
        ),
        multi_tenancy_config=Configure.multi_tenancy(
            auto_tenant_creation=True, auto_tenant_activation=False
        ),
        replication_config=Configure.replication(
            2, async_enabled=True, deletion_strategy=ReplicationDeletionStrategy.DELETE_ON_CONFLICT
        ),
        generative_config=Configure.Generative.openai(model="gpt-4o", temperature=0.2),
        reranker_config=Configure.Reranker.cohere(model="rerank-v3.5"),
    )
    assert body["properties"] == [
        {
            "name": "meta",
            "dataType": ["object[]"],
            "description": "nested",
            "nestedProperties": [
                {"name": "year", "dataType": ["int"], "indexRangeFilters": True},
                {"name": "tags", "dataType": ["text[]"], "indexSearchable": False},
            ],
        },
        {"name": "cites", "dataType": ["A", "B"]},
    ]
    assert body["invertedIndexConfig"] == {
        "bm25": {"b": 0.5, "k1": 1.5},
        "cleanupIntervalSeconds": 30,
        "indexTimestamps": True,
        "indexPropertyLength": True,
        "indexNullState": True,
        "stopwords": {"preset": "none", "additions": ["x"]},
    }
    assert body["multiTenancyConfig"] == {
        "enabled": True,
        "autoTenantCreation": True,
        "autoTenantActivation": False,
    }
    assert body["replicationConfig"] == {
        "factor": 2,
        "asyncEnabled": True,
        "deletionStrategy": "DeleteOnConflict",
    }
    assert body["moduleConfig"] == {
        "generative-openai": {"model": "gpt-4o", "temperature": 0.2},
        "reranker-cohere": {"model": "rerank-v3.5"},
    }
    assert "vectorConfig" not in body
    sharded = collection_schema("A", sharding_config=Configure.sharding(desired_count=3))
    assert sharded["shardingConfig"] == {"desiredCount": 3}


def test_text_analyzer_and_stopword_presets() -> None:
    body = collection_schema(
        "A",
        properties=[
            Property(
                name="t",
                data_type=DataType.TEXT,
                text_analyzer=Configure.text_analyzer(
                    ascii_fold=True, ascii_fold_ignore=["é"], stopword_preset="mine"
                ),
            )
        ],
        inverted_index_config=Configure.inverted_index(stopword_presets={"mine": ["foo"]}),
    )
    assert body["properties"] == [
        {
            "name": "t",
            "dataType": ["text"],
            "textAnalyzer": {"asciiFold": True, "asciiFoldIgnore": ["é"], "stopwordPreset": "mine"},
        }
    ]
    assert body["invertedIndexConfig"] == {"stopwordPresets": {"mine": ["foo"]}}


def _index(vector: object) -> object:
    return collection_schema("A", vector_config=vector)["vectorConfig"]["default"]  # type: ignore[arg-type,index]


def test_vector_indexes_and_quantizers() -> None:
    hnsw = IX.hnsw(
        distance_metric=VectorDistances.L2_SQUARED,
        ef_construction=64,
        max_connections=16,
        dynamic_ef_min=10,
        dynamic_ef_max=20,
        dynamic_ef_factor=4,
        filter_strategy=VectorFilterStrategy.ACORN,
        flat_search_cutoff=1000,
        vector_cache_max_objects=5000,
        cleanup_interval_seconds=10,
        quantizer=Q.pq(
            segments=8, centroids=128, training_limit=500, encoder_type=PQEncoderType.TILE
        ),
    )
    assert _index(V.self_provided(vector_index_config=hnsw)) == {
        "vectorizer": {"none": {}},
        "vectorIndexType": "hnsw",
        "vectorIndexConfig": {
            "distance": "l2-squared",
            "efConstruction": 64,
            "maxConnections": 16,
            "dynamicEfMin": 10,
            "dynamicEfMax": 20,
            "dynamicEfFactor": 4,
            "filterStrategy": "acorn",
            "flatSearchCutoff": 1000,
            "vectorCacheMaxObjects": 5000,
            "cleanupIntervalSeconds": 10,
            "pq": {
                "enabled": True,
                "centroids": 128,
                "segments": 8,
                "trainingLimit": 500,
                "encoder": {"type": "tile"},
            },
        },
    }
    flat = _index(V.self_provided(vector_index_config=IX.flat(quantizer=Q.bq(rescore_limit=50))))
    assert flat == {
        "vectorizer": {"none": {}},
        "vectorIndexType": "flat",
        "vectorIndexConfig": {"bq": {"enabled": True, "rescoreLimit": 50}},
    }
    shortcut = _index(V.self_provided(quantizer=Q.rq(bits=8)))
    assert shortcut["vectorIndexConfig"] == {"rq": {"enabled": True, "bits": 8}}  # type: ignore[index]
    sq = _index(V.self_provided(quantizer=Q.sq(training_limit=10, rescore_limit=5)))
    assert sq["vectorIndexConfig"] == {  # type: ignore[index]
        "sq": {"enabled": True, "rescoreLimit": 5, "trainingLimit": 10}
    }
    dynamic = IX.dynamic(
        distance_metric=VectorDistances.DOT,
        threshold=100,
        hnsw=IX.hnsw(ef=10),
        flat=IX.flat(quantizer=Q.bq()),
    )
    assert _index(V.self_provided(vector_index_config=dynamic)) == {
        "vectorizer": {"none": {}},
        "vectorIndexType": "dynamic",
        "vectorIndexConfig": {
            "distance": "dot",
            "threshold": 100,
            "hnsw": {"ef": 10},
            "flat": {"bq": {"enabled": True}},
        },
    }
    multi = Configure.MultiVectors.self_provided(
        name="colbert", encoding=IX.MultiVector.Encoding.muvera(ksim=2, repetitions=3)
    )
    assert multi.to_dict()["vectorIndexConfig"] == {
        "multivector": {
            "enabled": True,
            "aggregation": "maxSim",
            "muvera": {"enabled": True, "ksim": 2, "repetitions": 3},
        }
    }


@pytest.mark.parametrize(
    ("vector", "module", "settings"),
    [
        (V.text2vec_ollama(model="m", api_endpoint="http://o"), "text2vec-ollama",
         {"model": "m", "apiEndpoint": "http://o"}),
        (V.text2vec_openai(model="m", dimensions=8, type_="text", base_url="http://x"),
         "text2vec-openai", {"model": "m", "dimensions": 8, "type": "text", "baseURL": "http://x"}),
        (V.text2vec_azure_openai(resource_name="r", deployment_id="d"), "text2vec-openai",
         {"isAzure": True, "resourceName": "r", "deploymentId": "d"}),
        (V.text2vec_cohere(model="m", truncate="END"), "text2vec-cohere",
         {"model": "m", "truncate": "END"}),
        (V.text2vec_huggingface(model="m", wait_for_model=True), "text2vec-huggingface",
         {"model": "m", "options": {"waitForModel": True}}),
        (V.text2vec_voyageai(model="m", truncate=False), "text2vec-voyageai",
         {"model": "m", "truncate": False}),
        (V.text2vec_jinaai(model="m", dimensions=4), "text2vec-jinaai",
         {"model": "m", "dimensions": 4}),
        (V.text2vec_google(project_id="p", model="m"), "text2vec-google",
         {"projectId": "p", "modelId": "m"}),
        (V.text2vec_aws(region="eu", model="m"), "text2vec-aws",
         {"region": "eu", "service": "bedrock", "model": "m"}),
        (V.text2vec_mistral(model="m"), "text2vec-mistral", {"model": "m"}),
        (V.text2vec_nvidia(model="m", truncate=True), "text2vec-nvidia",
         {"model": "m", "truncate": True}),
        (V.text2vec_weaviate(model="m"), "text2vec-weaviate", {"model": "m"}),
        (V.text2vec_model2vec(inference_url="http://m"), "text2vec-model2vec",
         {"inferenceUrl": "http://m"}),
        (V.text2vec_bigram(bigram="trigram"), "text2vec-bigram", {"bigram": "trigram"}),
        (V.text2vec_transformers(pooling_strategy="cls", dimensions=3), "text2vec-transformers",
         {"poolingStrategy": "cls", "dimensions": 3}),
    ],
)  # fmt: skip
def test_text_vectorizers(vector: object, module: str, settings: dict[str, object]) -> None:
    assert _index(vector)["vectorizer"] == {  # type: ignore[index]
        module: {"vectorizeClassName": True, **settings}
    }


def test_options_every_text_vectorizer_takes() -> None:
    vector = V.text2vec_cohere(
        model="m", name="body", source_properties=["text"], vectorize_collection_name=False,
        quantizer=Configure.VectorIndex.Quantizer.bq(),
    )  # fmt: skip
    assert (vector.name, vector.source_properties) == ("body", ("text",))
    assert vector.to_dict()["vectorizer"] == {
        "text2vec-cohere": {"vectorizeClassName": False, "model": "m", "properties": ["text"]}
    }
    assert "bq" in vector.to_dict()["vectorIndexConfig"]  # type: ignore[operator]


def test_multi_modal_and_ref2vec() -> None:
    clip = V.multi2vec_clip(
        image_fields=[Multi2VecField("img", 0.7)], text_fields=[Multi2VecField("cap", 0.3)]
    )
    body = collection_schema(
        "A",
        properties=[
            Property(name="img", data_type=DataType.BLOB),
            Property(name="cap", data_type=DataType.TEXT),
        ],
        references=[ReferenceProperty(name="link", target_collection="B")],
        vector_config=[clip, V.ref2vec_centroid(name="centroid", reference_properties=["link"])],
    )
    vectors = body["vectorConfig"]
    assert vectors["default"]["vectorizer"] == {  # type: ignore[index]
        "multi2vec-clip": {
            "vectorizeClassName": True,
            "imageFields": ["img"],
            "textFields": ["cap"],
            "weights": {"imageFields": [0.7], "textFields": [0.3]},
        }
    }
    assert vectors["centroid"]["vectorizer"] == {  # type: ignore[index]
        "ref2vec-centroid": {"referenceProperties": ["link"], "method": "mean"}
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "1abc"}, "invalid collection name '1abc'"),
        ({"name": "has space"}, "invalid collection name"),
        (
            {"name": "A", "properties": [Property(name="x", data_type=DataType.INT)] * 2},
            r"duplicate property names \['x'\]",
        ),
        (
            {"name": "A", "vector_config": V.text2vec_transformers(source_properties=["nope"])},
            r"source properties \['nope'\] are not properties",
        ),
        (
            {"name": "A", "vector_config": [V.self_provided(), V.self_provided()]},
            "duplicate vector names",
        ),
        (
            {"name": "A", "vector_config": V.ref2vec_centroid(reference_properties=["r"])},
            r"reference properties \['r'\] are not reference properties",
        ),
        (
            {
                "name": "A",
                "properties": [Property(name="img", data_type=DataType.TEXT)],
                "vector_config": V.multi2vec_clip(image_fields=["img"]),
            },
            r"image fields \['img'\] are not blob properties",
        ),
        (
            {
                "name": "A",
                "multi_tenancy_config": Configure.multi_tenancy(),
                "sharding_config": Configure.sharding(desired_count=2),
            },
            "leave out sharding_config",
        ),
    ],
)
def test_bad_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        collection_schema(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Property(name="9x", data_type=DataType.TEXT), "invalid property name '9x'"),
        (lambda: Property(name="id", data_type=DataType.TEXT), "'id' is reserved"),
        (lambda: Property(name="x", data_type="text"), "data_type must be a DataType"),  # type: ignore[arg-type]
        (lambda: Property(name="x", data_type=DataType.OBJECT), "needs nested_properties"),
        (
            lambda: Property(name="x", data_type=DataType.INT, tokenization=Tokenization.WORD),
            "tokenization applies to text",
        ),
        (
            lambda: Property(name="x", data_type=DataType.BOOL, index_range_filters=True),
            "index_range_filters applies to int, number and date",
        ),
        (
            lambda: Property(
                name="x",
                data_type=DataType.TEXT,
                nested_properties=[Property(name="y", data_type=DataType.INT)],
            ),
            "nested_properties need",
        ),
        (
            lambda: ReferenceProperty.MultiTarget(name="r", target_collections=[]),
            "no target collections",
        ),
        (lambda: IX.flat(quantizer=Q.pq()), "pq quantizer is not available"),
        (
            lambda: V.self_provided(
                vector_index_config=IX.hnsw(quantizer=Q.bq()), quantizer=Q.sq()
            ),
            "not both",
        ),
        (lambda: IX.dynamic(hnsw=IX.flat()), r"hnsw= takes Configure.VectorIndex.hnsw"),
        (lambda: V.text2vec_aws(region="eu"), "needs a model"),
        (lambda: V.text2vec_huggingface(model="a", endpoint_url="b"), "only one of"),
        (
            lambda: V.text2vec_mistral(modle="m"),
            r"mistral: unexpected arguments \['modle'\]",
        ),
        (lambda: V.multi2vec_clip(), "give image_fields or text_fields"),
        (lambda: Configure.inverted_index(bm25_b=2), "bm25_b must be between 0 and 1"),
        (
            lambda: Configure.inverted_index(stopwords_additions=["a"], stopwords_removals=["a"]),
            "both added and removed",
        ),
        (lambda: Configure.replication(0), "replication factor must be 1 or more"),
        (lambda: Configure.text_analyzer(ascii_fold_ignore=["é"]), "needs ascii_fold=True"),
        (
            lambda: Property(
                name="n", data_type=DataType.INT, text_analyzer=Configure.text_analyzer()
            ),
            "text_analyzer applies to text",
        ),
        (lambda: Configure.inverted_index(stopword_presets={"x": []}), "non-empty list"),
        (lambda: Configure.multi_tenancy(False, auto_tenant_creation=True), "need enabled=True"),
        (lambda: Configure.Generative.custom("openai"), "start with 'generative-'"),
    ],
)
def test_bad_builders(make: Callable[[], object], message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        make()


def test_create_from_dict_input() -> None:
    assert check_create_dict({"class": "book", "properties": []}) == {
        "class": "Book",
        "properties": [],
    }
    with pytest.raises(WeaviateInvalidInputError, match="with a 'class' name"):
        check_create_dict({"name": "Book"})
