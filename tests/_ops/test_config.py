"""Parsing the server's schema JSON into `CollectionConfig`, and the update (PUT) body."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from wvorm_core._ops.config import update_body
from wvorm_core._ops.config_parse import parse_collection, parse_collection_simple
from wvorm_core.classes.config import Configure as C
from wvorm_core.classes.config import (
    DataType,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    Tokenization,
    VectorDistances,
    VectorFilterStrategy,
)
from wvorm_core.classes.config import Reconfigure as RC
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.config import (
    BQConfig,
    MuveraConfig,
    PQConfig,
    PropertyVectorizerConfig,
    RQConfig,
    SQConfig,
    VectorIndexConfigFlat,
    VectorIndexConfigHNSW,
)

RECORDED = json.loads((Path(__file__).parent / "schema_reply.json").read_text())
"""`GET /v1/schema/{name}` from Weaviate 1.39 for a collection with most options set."""


def test_parse_recorded_reply() -> None:
    config = parse_collection(RECORDED)
    assert config.name == "Recorded"
    assert config.description == "d"
    title, body, n, o = config.properties
    assert (title.name, title.data_type, title.tokenization) == (
        "title",
        DataType.TEXT,
        Tokenization.FIELD,
    )
    assert title.vectorizer_configs["text2vec-transformers"] == PropertyVectorizerConfig(True, True)
    assert body.description == "b"
    assert body.index_searchable
    assert not body.index_range_filters
    assert n.index_range_filters
    assert n.tokenization is None
    assert o.data_type is DataType.OBJECT
    assert [(p.name, p.data_type) for p in o.nested_properties] == [("x", DataType.TEXT)]
    assert [(r.name, r.target_collections) for r in config.references] == [("r", ("Recorded",))]

    vectors = config.vector_config
    assert set(vectors) == {"a", "b", "c", "d", "e", "f"}
    a = vectors["a"]
    assert a.vectorizer.vectorizer == "text2vec-transformers"
    assert a.vectorizer.source_properties == ("body",)
    assert a.vectorizer.model["vectorizeClassName"] is True
    assert isinstance(a.vector_index_config, VectorIndexConfigHNSW)
    assert a.vector_index_config.distance_metric is VectorDistances.DOT
    assert a.vector_index_config.ef == 77
    assert a.vector_index_config.filter_strategy is VectorFilterStrategy.ACORN
    assert isinstance(a.vector_index_config.quantizer, PQConfig)
    assert a.vector_index_config.quantizer.segments == 8
    b = vectors["b"].vector_index_config
    assert isinstance(b, VectorIndexConfigFlat)
    assert isinstance(b.quantizer, BQConfig)
    c = vectors["c"].vector_index_config
    assert isinstance(c, VectorIndexConfigHNSW)
    assert c.multi_vector is not None
    assert c.multi_vector.encoding == MuveraConfig(ksim=3, dprojections=16, repetitions=10)
    assert vectors["d"].vectorizer.model["dimensions"] == 512
    e = vectors["e"].vector_index_config
    assert isinstance(e, VectorIndexConfigHNSW)
    assert isinstance(e.quantizer, RQConfig)
    f = vectors["f"].vector_index_config
    assert isinstance(f, VectorIndexConfigHNSW)
    assert f.quantizer == SQConfig(None, 20, 5000)

    inverted = config.inverted_index_config
    assert (inverted.bm25.b, inverted.bm25.k1) == (0.7, 1.1)
    assert inverted.index_timestamps
    assert inverted.index_null_state
    assert inverted.index_property_length
    assert inverted.stopwords.preset is StopwordsPreset.EN
    assert inverted.stopwords.additions == ("foo",)
    assert (
        config.replication_config.deletion_strategy
        is ReplicationDeletionStrategy.DELETE_ON_CONFLICT
    )
    assert config.sharding_config is not None
    assert config.sharding_config.desired_count == 2
    assert config.generative_config is not None
    assert config.generative_config.generative == "generative-dummy"
    assert config.reranker_config is not None
    assert config.reranker_config.reranker == "reranker-dummy"
    assert not config.multi_tenancy_config.enabled


def test_config_is_immutable_and_comparable() -> None:
    first, second = parse_collection(RECORDED), parse_collection(json.loads(json.dumps(RECORDED)))
    assert first == second
    assert first != dataclasses.replace(second, description="other")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.name = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        first.vector_config["a"] = first.vector_config["b"]  # type: ignore[index]
    with pytest.raises(TypeError):
        first.vector_config["d"].vectorizer.model["dimensions"] = 1  # type: ignore[index]


def test_to_dict_is_a_create_body_that_parses_back_to_the_same_config() -> None:
    config = parse_collection(RECORDED)
    body = config.to_dict()
    assert body["class"] == "Recorded"
    assert body["moduleConfig"] == {"generative-dummy": {}, "reranker-dummy": {}}
    assert "actualCount" not in body["shardingConfig"]  # type: ignore[operator]
    # Parsing the create body gives the same config, except the counts only the server knows.
    assert config.sharding_config is not None
    actual = dataclasses.replace(config.sharding_config, actual_count=0, actual_virtual_count=0)
    assert parse_collection(body) == dataclasses.replace(config, sharding_config=actual)


def test_simple_config_has_the_main_parts() -> None:
    simple = parse_collection_simple(RECORDED)
    full = parse_collection(RECORDED)
    assert simple.properties == full.properties
    assert simple.vector_config == full.vector_config
    assert not hasattr(simple, "inverted_index_config")


def test_update_body_merges_into_the_current_schema() -> None:
    body = update_body(
        RECORDED,
        description="new",
        property_descriptions={"n": "a number"},
        inverted_index_config=RC.inverted_index(bm25_b=0.4, stopwords_removals=["a"]),
        replication_config=RC.replication(async_enabled=True),
        multi_tenancy_config=RC.multi_tenancy(auto_tenant_creation=True),
        vector_config=RC.Vectors.update(
            name="a",
            vector_index_config=RC.VectorIndex.hnsw(
                ef=99, quantizer=RC.VectorIndex.Quantizer.pq(training_limit=10)
            ),
        ),
        generative_config=C.Generative.openai(model="m"),
    )
    assert body["description"] == "new"
    assert [p["description"] for p in body["properties"] if p["name"] == "n"] == ["a number"]  # type: ignore[attr-defined]
    inverted = body["invertedIndexConfig"]
    assert inverted["bm25"] == {"b": 0.4, "k1": 1.1}  # type: ignore[index]
    assert inverted["stopwords"]["removals"] == ["a"]  # type: ignore[index]
    assert inverted["stopwords"]["additions"] == ["foo"]  # type: ignore[index]
    assert body["replicationConfig"]["asyncEnabled"] is True  # type: ignore[index]
    assert body["replicationConfig"]["factor"] == 1  # type: ignore[index]
    assert body["multiTenancyConfig"]["autoTenantCreation"] is True  # type: ignore[index]
    index = body["vectorConfig"]["a"]["vectorIndexConfig"]  # type: ignore[index]
    assert index["ef"] == 99
    assert index["pq"]["trainingLimit"] == 10
    assert index["pq"]["segments"] == 8
    assert index["pq"]["enabled"] is True
    assert body["moduleConfig"] == {"generative-openai": {"model": "m"}, "reranker-dummy": {}}
    assert RECORDED["description"] == "d"  # the input is not changed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"property_descriptions": {"zzz": "?"}}, r"has no properties \['zzz'\]"),
        (
            {
                "vector_config": RC.Vectors.update(
                    name="x", vector_index_config=RC.VectorIndex.hnsw()
                )
            },
            "has no vector 'x'",
        ),
        (
            {
                "vector_config": RC.Vectors.update(
                    name="b", vector_index_config=RC.VectorIndex.hnsw()
                )
            },
            r"has a flat index; use Reconfigure.VectorIndex.flat",
        ),
    ],
)
def test_update_body_refuses_what_cannot_apply(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        update_body(RECORDED, **kwargs)  # type: ignore[arg-type]
