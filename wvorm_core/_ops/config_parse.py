"""Parsing a collection's schema JSON into the `wvorm_core.outputs.config` classes.

Kept apart from the operations in `_ops.config`, which import it when they first parse, so
that importing the client does not build the config output classes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import ParamSpec, TypeVar

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.json_values import JsonObject
from wvorm_core.classes.config import (
    DataType,
    MultiVectorAggregation,
    PQEncoderDistribution,
    PQEncoderType,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    Tokenization,
    VectorDistances,
    VectorFilterStrategy,
    VectorIndexType,
)
from wvorm_core.exceptions import WeaviateError
from wvorm_core.outputs.config import (
    BM25Config,
    BQConfig,
    CollectionConfig,
    CollectionConfigSimple,
    GenerativeConfig,
    InvertedIndexConfig,
    MultiTenancyConfig,
    MultiVectorConfig,
    MuveraConfig,
    NamedVectorConfig,
    NestedProperty,
    PQConfig,
    PQEncoderConfig,
    PropertyConfig,
    PropertyVectorizerConfig,
    Quantizer,
    ReferencePropertyConfig,
    ReplicationConfig,
    RerankerConfig,
    RQConfig,
    ShardingConfig,
    ShardStatus,
    SQConfig,
    StopwordsConfig,
    TextAnalyzerConfig,
    VectorIndexConfigAny,
    VectorIndexConfigDynamic,
    VectorIndexConfigFlat,
    VectorIndexConfigHNSW,
    VectorizerConfig,
    freeze,
)

_T = TypeVar("_T")
_P = ParamSpec("_P")
_PRIMITIVES = frozenset(t.value for t in DataType)


def _schema_reader(parse: Callable[_P, _T]) -> Callable[_P, _T]:
    """`parse`, failing with a `WeaviateError` on a schema of a shape it cannot read (a key
    missing, a value of the wrong type, an unknown enum value)."""

    @functools.wraps(parse)
    def read(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return parse(*args, **kwargs)
        except WeaviateError:
            raise
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise WeaviateError(
                f"the server's schema cannot be read: {type(error).__name__}: {error}"
            ) from error

    return read


def parse_inverted_index(data: JsonObject) -> InvertedIndexConfig:
    bm25 = jv.obj(data.get("bm25"))
    stopwords = jv.obj(data.get("stopwords"))
    return InvertedIndexConfig(
        bm25=BM25Config(jv.get(bm25, "b", float, 0.75), jv.get(bm25, "k1", float, 1.2)),
        cleanup_interval_seconds=jv.get(data, "cleanupIntervalSeconds", int, 60),
        index_null_state=jv.get(data, "indexNullState", bool, False),
        index_property_length=jv.get(data, "indexPropertyLength", bool, False),
        index_timestamps=jv.get(data, "indexTimestamps", bool, False),
        stopwords=StopwordsConfig(
            StopwordsPreset(jv.get(stopwords, "preset", str, "en")),
            jv.strings(stopwords.get("additions")),
            jv.strings(stopwords.get("removals")),
        ),
        stopword_presets=_presets(data.get("stopwordPresets")),
        using_block_max_wand=jv.get(data, "usingBlockMaxWAND", bool, False),
    )


_PropertyValues = tuple[
    str,
    DataType,
    "str | None",
    bool,
    bool,
    bool,
    "Tokenization | None",
    "tuple[NestedProperty, ...]",
    "TextAnalyzerConfig | None",
]


def _presets(value: object) -> Mapping[str, tuple[str, ...]] | None:
    if not isinstance(value, Mapping) or not value:
        return None
    return freeze_map({str(k): jv.strings(v) or () for k, v in value.items()})


def _nested(data: JsonObject) -> NestedProperty:
    return NestedProperty(*_property_values(data))


def _property_values(data: JsonObject) -> _PropertyValues:
    tokenization = jv.opt(data, "tokenization", str)
    return (
        str(data["name"]),
        DataType(_data_types(data)[0]),
        jv.opt(data, "description", str),
        jv.get(data, "indexFilterable", bool, False),
        jv.get(data, "indexSearchable", bool, False),
        jv.get(data, "indexRangeFilters", bool, False),
        Tokenization(tokenization) if tokenization else None,
        tuple(_nested(jv.obj(n)) for n in jv.items(data.get("nestedProperties"))),
        _text_analyzer(data.get("textAnalyzer")),
    )


def _text_analyzer(value: object) -> TextAnalyzerConfig | None:
    if not isinstance(value, Mapping):
        return None
    return TextAnalyzerConfig(
        jv.get(value, "asciiFold", bool, False),
        jv.strings(value.get("asciiFoldIgnore")),
        jv.opt(value, "stopwordPreset", str),
    )


def _data_types(data: JsonObject) -> tuple[str, ...]:
    types = jv.strings(data.get("dataType"))
    if not types:
        raise WeaviateError(f"property {data.get('name')!r} has no dataType in the schema")
    return types


def parse_property(data: JsonObject) -> PropertyConfig:
    modules = {
        module: PropertyVectorizerConfig(
            jv.get(jv.obj(c), "skip", bool, False),
            jv.get(jv.obj(c), "vectorizePropertyName", bool, False),
        )
        for module, c in jv.obj(data.get("moduleConfig")).items()
    }
    return PropertyConfig(*_property_values(data), vectorizer_configs=freeze_map(modules))


def freeze_map(values: Mapping[str, _T]) -> Mapping[str, _T]:
    """A read-only copy of a mapping of frozen values."""
    return MappingProxyType(dict(values))


def parse_reference(data: JsonObject) -> ReferencePropertyConfig:
    return ReferencePropertyConfig(
        str(data["name"]), jv.opt(data, "description", str), _data_types(data)
    )


def is_reference(data: JsonObject) -> bool:
    return _data_types(data)[0] not in _PRIMITIVES


def _quantizer(data: JsonObject) -> Quantizer | None:
    pq, bq, sq, rq = (jv.obj(data.get(k)) for k in ("pq", "bq", "sq", "rq"))
    if pq.get("enabled"):
        encoder = jv.obj(pq.get("encoder"))
        return PQConfig(
            centroids=jv.get(pq, "centroids", int, 256),
            segments=jv.get(pq, "segments", int, 0),
            training_limit=jv.get(pq, "trainingLimit", int, 100000),
            encoder=PQEncoderConfig(
                PQEncoderType(jv.get(encoder, "type", str, "kmeans")),
                PQEncoderDistribution(jv.get(encoder, "distribution", str, "log-normal")),
            ),
            bit_compression=jv.get(pq, "bitCompression", bool, False),
        )
    if bq.get("enabled"):
        return BQConfig(jv.opt(bq, "cache", bool), jv.opt(bq, "rescoreLimit", int))
    if sq.get("enabled"):
        return SQConfig(
            jv.opt(sq, "cache", bool),
            jv.get(sq, "rescoreLimit", int, 20),
            jv.get(sq, "trainingLimit", int, 100000),
        )
    if rq.get("enabled"):
        return RQConfig(
            jv.opt(rq, "cache", bool),
            jv.get(rq, "bits", int, 8),
            jv.get(rq, "rescoreLimit", int, 20),
        )
    return None


def _multi_vector(data: JsonObject) -> MultiVectorConfig | None:
    if not data.get("enabled"):
        return None
    muvera = jv.obj(data.get("muvera"))
    encoding = None
    if muvera.get("enabled"):
        encoding = MuveraConfig(
            jv.get(muvera, "ksim", int, 4),
            jv.get(muvera, "dprojections", int, 16),
            jv.get(muvera, "repetitions", int, 10),
        )
    return MultiVectorConfig(
        MultiVectorAggregation(jv.get(data, "aggregation", str, "maxSim")), encoding
    )


def _distance(data: JsonObject) -> VectorDistances:
    return VectorDistances(jv.get(data, "distance", str, "cosine"))


def parse_hnsw(data: JsonObject) -> VectorIndexConfigHNSW:
    return VectorIndexConfigHNSW(
        distance_metric=_distance(data),
        ef=jv.get(data, "ef", int, -1),
        ef_construction=jv.get(data, "efConstruction", int, 128),
        max_connections=jv.get(data, "maxConnections", int, 32),
        dynamic_ef_min=jv.get(data, "dynamicEfMin", int, 100),
        dynamic_ef_max=jv.get(data, "dynamicEfMax", int, 500),
        dynamic_ef_factor=jv.get(data, "dynamicEfFactor", int, 8),
        filter_strategy=VectorFilterStrategy(jv.get(data, "filterStrategy", str, "acorn")),
        flat_search_cutoff=jv.get(data, "flatSearchCutoff", int, 40000),
        vector_cache_max_objects=jv.get(data, "vectorCacheMaxObjects", int, 10**12),
        cleanup_interval_seconds=jv.get(data, "cleanupIntervalSeconds", int, 300),
        skip=jv.get(data, "skip", bool, False),
        quantizer=_quantizer(data),
        multi_vector=_multi_vector(jv.obj(data.get("multivector"))),
    )


def parse_flat(data: JsonObject) -> VectorIndexConfigFlat:
    quantizer = _quantizer(data)
    if quantizer is not None and not isinstance(quantizer, (BQConfig, RQConfig)):
        raise WeaviateError(f"a flat index reported an unexpected quantizer: {quantizer}")
    return VectorIndexConfigFlat(
        distance_metric=_distance(data),
        vector_cache_max_objects=jv.get(data, "vectorCacheMaxObjects", int, 10**12),
        quantizer=quantizer,
    )


def parse_vector_index(index_type: str, data: JsonObject) -> VectorIndexConfigAny:
    kind = VectorIndexType(index_type)
    if kind is VectorIndexType.HNSW:
        return parse_hnsw(data)
    if kind is VectorIndexType.FLAT:
        return parse_flat(data)
    return VectorIndexConfigDynamic(
        distance_metric=_distance(data),
        threshold=jv.get(data, "threshold", int, 10000),
        hnsw=parse_hnsw(jv.obj(data.get("hnsw"))),
        flat=parse_flat(jv.obj(data.get("flat"))),
    )


def parse_named_vector(data: JsonObject) -> NamedVectorConfig:
    vectorizer = jv.obj(data.get("vectorizer"))
    module, options = next(iter(vectorizer.items()), ("none", {}))
    model = dict(jv.obj(options))
    sources = jv.strings(model.pop("properties", None))
    return NamedVectorConfig(
        VectorizerConfig(module, freeze(model), sources),  # type: ignore[arg-type]
        parse_vector_index(
            jv.get(data, "vectorIndexType", str, "hnsw"), jv.obj(data.get("vectorIndexConfig"))
        ),
    )


def _module(modules: JsonObject, prefix: str) -> tuple[str, Mapping[str, object]] | None:
    for module, options in modules.items():
        if module.startswith(prefix):
            return module, freeze(jv.obj(options))  # type: ignore[return-value]
    return None


def _simple_fields(data: JsonObject) -> dict[str, object]:
    props = [jv.obj(p) for p in jv.items(data.get("properties"))]
    modules = jv.obj(data.get("moduleConfig"))
    generative = _module(modules, "generative-")
    reranker = _module(modules, "reranker-")
    return {
        "name": str(data["class"]),
        "description": jv.opt(data, "description", str),
        "properties": tuple(parse_property(p) for p in props if not is_reference(p)),
        "references": tuple(parse_reference(p) for p in props if is_reference(p)),
        "vector_config": freeze_map(
            {k: parse_named_vector(jv.obj(v)) for k, v in jv.obj(data.get("vectorConfig")).items()}
        ),
        "generative_config": GenerativeConfig(*generative) if generative else None,  # type: ignore[arg-type]
        "reranker_config": RerankerConfig(*reranker) if reranker else None,  # type: ignore[arg-type]
    }


@_schema_reader
def parse_collection_simple(data: JsonObject) -> CollectionConfigSimple:
    """The parts of a class's schema JSON that `list_all(simple=True)` shows."""
    return CollectionConfigSimple(**_simple_fields(data))  # type: ignore[arg-type]


@_schema_reader
def parse_collection(data: JsonObject) -> CollectionConfig:
    """A class's schema JSON (`GET /v1/schema/{name}`) as a typed `CollectionConfig`."""
    multi = jv.obj(data.get("multiTenancyConfig"))
    replication = jv.obj(data.get("replicationConfig"))
    sharding = jv.obj(data.get("shardingConfig"))
    return CollectionConfig(
        **_simple_fields(data),  # type: ignore[arg-type]
        inverted_index_config=parse_inverted_index(jv.obj(data.get("invertedIndexConfig"))),
        multi_tenancy_config=MultiTenancyConfig(
            jv.get(multi, "enabled", bool, False),
            jv.get(multi, "autoTenantCreation", bool, False),
            jv.get(multi, "autoTenantActivation", bool, False),
        ),
        replication_config=ReplicationConfig(
            jv.get(replication, "factor", int, 1),
            jv.get(replication, "asyncEnabled", bool, False),
            ReplicationDeletionStrategy(
                jv.get(replication, "deletionStrategy", str, "NoAutomatedResolution")
            ),
        ),
        sharding_config=ShardingConfig(
            virtual_per_physical=jv.get(sharding, "virtualPerPhysical", int, 0),
            desired_count=jv.get(sharding, "desiredCount", int, 0),
            actual_count=jv.get(sharding, "actualCount", int, 0),
            desired_virtual_count=jv.get(sharding, "desiredVirtualCount", int, 0),
            actual_virtual_count=jv.get(sharding, "actualVirtualCount", int, 0),
            key=jv.get(sharding, "key", str, ""),
            strategy=jv.get(sharding, "strategy", str, ""),
            function=jv.get(sharding, "function", str, ""),
        )
        if sharding
        else None,
    )


@_schema_reader
def parse_shards(body: object) -> list[ShardStatus]:
    return [
        ShardStatus(
            str(jv.obj(s).get("name")),
            str(jv.obj(s).get("status")),
            jv.get(jv.obj(s), "vectorQueueSize", int, 0),
        )
        for s in jv.items(body)
    ]
