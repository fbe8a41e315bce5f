"""Reading and changing one collection's configuration over REST `/v1/schema/{name}`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal, TypeVar
from urllib.parse import quote

from wvorm_core._ops.calls import Op, rest
from wvorm_core.classes.config import (
    AnyReferenceProperty,
    DataType,
    GenerativeProvider,
    InvertedIndexConfigUpdate,
    MultiTenancyConfigUpdate,
    MultiVectorAggregation,
    PQEncoderDistribution,
    PQEncoderType,
    Property,
    ReferenceProperty,
    ReferencePropertyMultiTarget,
    ReplicationConfigUpdate,
    ReplicationDeletionStrategy,
    RerankerProvider,
    StopwordsPreset,
    Tokenization,
    VectorConfig,
    VectorConfigUpdate,
    VectorDistances,
    VectorFilterStrategy,
    VectorIndexType,
    check_collection_name,
)
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError
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

JsonObject = Mapping[str, object]
_T = TypeVar("_T")
_PRIMITIVES = frozenset(t.value for t in DataType)


def _obj(value: object) -> JsonObject:
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return {}


def _get(data: JsonObject, key: str, kind: type[_T], default: _T) -> _T:
    value = data.get(key, default)
    if type(value) is kind:
        return value
    if kind is float and type(value) is int:
        return float(value)  # type: ignore[return-value]
    return default


def _opt(data: JsonObject, key: str, kind: type[_T]) -> _T | None:
    value = data.get(key)
    return value if isinstance(value, kind) else None


def _strings(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(str(v) for v in value)


# ---- parsing the server's schema JSON


def parse_inverted_index(data: JsonObject) -> InvertedIndexConfig:
    bm25 = _obj(data.get("bm25"))
    stopwords = _obj(data.get("stopwords"))
    return InvertedIndexConfig(
        bm25=BM25Config(_get(bm25, "b", float, 0.75), _get(bm25, "k1", float, 1.2)),
        cleanup_interval_seconds=_get(data, "cleanupIntervalSeconds", int, 60),
        index_null_state=_get(data, "indexNullState", bool, False),
        index_property_length=_get(data, "indexPropertyLength", bool, False),
        index_timestamps=_get(data, "indexTimestamps", bool, False),
        stopwords=StopwordsConfig(
            StopwordsPreset(_get(stopwords, "preset", str, "en")),
            _strings(stopwords.get("additions")),
            _strings(stopwords.get("removals")),
        ),
        stopword_presets=_presets(data.get("stopwordPresets")),
        using_block_max_wand=_get(data, "usingBlockMaxWAND", bool, False),
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
    return freeze_map({str(k): _strings(v) or () for k, v in value.items()})


def _nested(data: JsonObject) -> NestedProperty:
    return NestedProperty(*_property_values(data))


def _property_values(data: JsonObject) -> _PropertyValues:
    tokenization = _opt(data, "tokenization", str)
    return (
        str(data["name"]),
        DataType(_data_types(data)[0]),
        _opt(data, "description", str),
        _get(data, "indexFilterable", bool, False),
        _get(data, "indexSearchable", bool, False),
        _get(data, "indexRangeFilters", bool, False),
        Tokenization(tokenization) if tokenization else None,
        tuple(_nested(_obj(n)) for n in _items(data.get("nestedProperties"))),
        _text_analyzer(data.get("textAnalyzer")),
    )


def _text_analyzer(value: object) -> TextAnalyzerConfig | None:
    if not isinstance(value, Mapping):
        return None
    return TextAnalyzerConfig(
        _get(value, "asciiFold", bool, False),
        _strings(value.get("asciiFoldIgnore")),
        _opt(value, "stopwordPreset", str),
    )


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _data_types(data: JsonObject) -> tuple[str, ...]:
    types = _strings(data.get("dataType"))
    if not types:
        raise WeaviateError(f"property {data.get('name')!r} has no dataType in the schema")
    return types


def parse_property(data: JsonObject) -> PropertyConfig:
    modules = {
        module: PropertyVectorizerConfig(
            _get(_obj(c), "skip", bool, False), _get(_obj(c), "vectorizePropertyName", bool, False)
        )
        for module, c in _obj(data.get("moduleConfig")).items()
    }
    return PropertyConfig(*_property_values(data), vectorizer_configs=freeze_map(modules))


def freeze_map(values: Mapping[str, _T]) -> Mapping[str, _T]:
    """A read-only copy of a mapping of frozen values."""
    return MappingProxyType(dict(values))


def parse_reference(data: JsonObject) -> ReferencePropertyConfig:
    return ReferencePropertyConfig(
        str(data["name"]), _opt(data, "description", str), _data_types(data)
    )


def is_reference(data: JsonObject) -> bool:
    return _data_types(data)[0] not in _PRIMITIVES


def _quantizer(data: JsonObject) -> Quantizer | None:
    pq, bq, sq, rq = (_obj(data.get(k)) for k in ("pq", "bq", "sq", "rq"))
    if pq.get("enabled"):
        encoder = _obj(pq.get("encoder"))
        return PQConfig(
            centroids=_get(pq, "centroids", int, 256),
            segments=_get(pq, "segments", int, 0),
            training_limit=_get(pq, "trainingLimit", int, 100000),
            encoder=PQEncoderConfig(
                PQEncoderType(_get(encoder, "type", str, "kmeans")),
                PQEncoderDistribution(_get(encoder, "distribution", str, "log-normal")),
            ),
            bit_compression=_get(pq, "bitCompression", bool, False),
        )
    if bq.get("enabled"):
        return BQConfig(_opt(bq, "cache", bool), _opt(bq, "rescoreLimit", int))
    if sq.get("enabled"):
        return SQConfig(
            _opt(sq, "cache", bool),
            _get(sq, "rescoreLimit", int, 20),
            _get(sq, "trainingLimit", int, 100000),
        )
    if rq.get("enabled"):
        return RQConfig(
            _opt(rq, "cache", bool), _get(rq, "bits", int, 8), _get(rq, "rescoreLimit", int, 20)
        )
    return None


def _multi_vector(data: JsonObject) -> MultiVectorConfig | None:
    if not data.get("enabled"):
        return None
    muvera = _obj(data.get("muvera"))
    encoding = None
    if muvera.get("enabled"):
        encoding = MuveraConfig(
            _get(muvera, "ksim", int, 4),
            _get(muvera, "dprojections", int, 16),
            _get(muvera, "repetitions", int, 10),
        )
    return MultiVectorConfig(
        MultiVectorAggregation(_get(data, "aggregation", str, "maxSim")), encoding
    )


def _distance(data: JsonObject) -> VectorDistances:
    return VectorDistances(_get(data, "distance", str, "cosine"))


def parse_hnsw(data: JsonObject) -> VectorIndexConfigHNSW:
    return VectorIndexConfigHNSW(
        distance_metric=_distance(data),
        ef=_get(data, "ef", int, -1),
        ef_construction=_get(data, "efConstruction", int, 128),
        max_connections=_get(data, "maxConnections", int, 32),
        dynamic_ef_min=_get(data, "dynamicEfMin", int, 100),
        dynamic_ef_max=_get(data, "dynamicEfMax", int, 500),
        dynamic_ef_factor=_get(data, "dynamicEfFactor", int, 8),
        filter_strategy=VectorFilterStrategy(_get(data, "filterStrategy", str, "acorn")),
        flat_search_cutoff=_get(data, "flatSearchCutoff", int, 40000),
        vector_cache_max_objects=_get(data, "vectorCacheMaxObjects", int, 10**12),
        cleanup_interval_seconds=_get(data, "cleanupIntervalSeconds", int, 300),
        skip=_get(data, "skip", bool, False),
        quantizer=_quantizer(data),
        multi_vector=_multi_vector(_obj(data.get("multivector"))),
    )


def parse_flat(data: JsonObject) -> VectorIndexConfigFlat:
    quantizer = _quantizer(data)
    if quantizer is not None and not isinstance(quantizer, (BQConfig, RQConfig)):
        raise WeaviateError(f"a flat index reported an unexpected quantizer: {quantizer}")
    return VectorIndexConfigFlat(
        distance_metric=_distance(data),
        vector_cache_max_objects=_get(data, "vectorCacheMaxObjects", int, 10**12),
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
        threshold=_get(data, "threshold", int, 10000),
        hnsw=parse_hnsw(_obj(data.get("hnsw"))),
        flat=parse_flat(_obj(data.get("flat"))),
    )


def parse_named_vector(data: JsonObject) -> NamedVectorConfig:
    vectorizer = _obj(data.get("vectorizer"))
    module, options = next(iter(vectorizer.items()), ("none", {}))
    model = dict(_obj(options))
    sources = _strings(model.pop("properties", None))
    return NamedVectorConfig(
        VectorizerConfig(module, freeze(model), sources),  # type: ignore[arg-type]
        parse_vector_index(
            _get(data, "vectorIndexType", str, "hnsw"), _obj(data.get("vectorIndexConfig"))
        ),
    )


def _module(modules: JsonObject, prefix: str) -> tuple[str, Mapping[str, object]] | None:
    for module, options in modules.items():
        if module.startswith(prefix):
            return module, freeze(_obj(options))  # type: ignore[return-value]
    return None


def _simple_fields(data: JsonObject) -> dict[str, object]:
    props = [_obj(p) for p in _items(data.get("properties"))]
    modules = _obj(data.get("moduleConfig"))
    generative = _module(modules, "generative-")
    reranker = _module(modules, "reranker-")
    return {
        "name": str(data["class"]),
        "description": _opt(data, "description", str),
        "properties": tuple(parse_property(p) for p in props if not is_reference(p)),
        "references": tuple(parse_reference(p) for p in props if is_reference(p)),
        "vector_config": freeze_map(
            {k: parse_named_vector(_obj(v)) for k, v in _obj(data.get("vectorConfig")).items()}
        ),
        "generative_config": GenerativeConfig(*generative) if generative else None,  # type: ignore[arg-type]
        "reranker_config": RerankerConfig(*reranker) if reranker else None,  # type: ignore[arg-type]
    }


def parse_collection_simple(data: JsonObject) -> CollectionConfigSimple:
    """The parts of a class's schema JSON that `list_all(simple=True)` shows."""
    return CollectionConfigSimple(**_simple_fields(data))  # type: ignore[arg-type]


def parse_collection(data: JsonObject) -> CollectionConfig:
    """A class's schema JSON (`GET /v1/schema/{name}`) as a typed `CollectionConfig`."""
    multi = _obj(data.get("multiTenancyConfig"))
    replication = _obj(data.get("replicationConfig"))
    sharding = _obj(data.get("shardingConfig"))
    return CollectionConfig(
        **_simple_fields(data),  # type: ignore[arg-type]
        inverted_index_config=parse_inverted_index(_obj(data.get("invertedIndexConfig"))),
        multi_tenancy_config=MultiTenancyConfig(
            _get(multi, "enabled", bool, False),
            _get(multi, "autoTenantCreation", bool, False),
            _get(multi, "autoTenantActivation", bool, False),
        ),
        replication_config=ReplicationConfig(
            _get(replication, "factor", int, 1),
            _get(replication, "asyncEnabled", bool, False),
            ReplicationDeletionStrategy(
                _get(replication, "deletionStrategy", str, "NoAutomatedResolution")
            ),
        ),
        sharding_config=ShardingConfig(
            virtual_per_physical=_get(sharding, "virtualPerPhysical", int, 0),
            desired_count=_get(sharding, "desiredCount", int, 0),
            actual_count=_get(sharding, "actualCount", int, 0),
            desired_virtual_count=_get(sharding, "desiredVirtualCount", int, 0),
            actual_virtual_count=_get(sharding, "actualVirtualCount", int, 0),
            key=_get(sharding, "key", str, ""),
            strategy=_get(sharding, "strategy", str, ""),
            function=_get(sharding, "function", str, ""),
        )
        if sharding
        else None,
    )


# ---- operations


def schema_path(name: str) -> str:
    return f"/schema/{quote(check_collection_name(name))}"


def get_schema(name: str) -> Op[dict[str, object]]:
    """The raw schema JSON of one collection."""
    reply = yield from rest("GET", schema_path(name), context=f"get collection {name!r}")
    body = reply.json()
    if not isinstance(body, dict):
        raise WeaviateError(f"collection {name!r}: unexpected schema reply {reply.body[:200]!r}")
    return body


def get_full(name: str) -> Op[CollectionConfig]:
    return parse_collection((yield from get_schema(name)))


def get_simple(name: str) -> Op[CollectionConfigSimple]:
    return parse_collection_simple((yield from get_schema(name)))


def _merge(base: Mapping[str, object], changes: Mapping[str, object]) -> dict[str, object]:
    out = dict(base)
    for key, value in changes.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = _merge(current, value)
        else:
            out[key] = value
    return out


def _merge_vector(body: dict[str, object], update: VectorConfigUpdate, collection: str) -> None:
    vectors = dict(_obj(body.get("vectorConfig")))
    current = vectors.get(update.name)
    if not isinstance(current, Mapping):
        raise WeaviateInvalidInputError(
            f"collection {collection!r} has no vector {update.name!r} (it has {sorted(vectors)})"
        )
    index = update.vector_index_config
    kind = current.get("vectorIndexType")
    if kind != index.index_type.value:
        raise WeaviateInvalidInputError(
            f"vector {update.name!r} of {collection!r} has a {kind} index; "
            f"use Reconfigure.VectorIndex.{kind}(...)"
        )
    settings = _merge(_obj(current.get("vectorIndexConfig")), index.settings)
    vectors[update.name] = {**current, "vectorIndexConfig": settings}
    body["vectorConfig"] = vectors


def update_body(
    body: dict[str, object],
    *,
    description: str | None = None,
    property_descriptions: Mapping[str, str] | None = None,
    inverted_index_config: InvertedIndexConfigUpdate | None = None,
    multi_tenancy_config: MultiTenancyConfigUpdate | None = None,
    replication_config: ReplicationConfigUpdate | None = None,
    vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None = None,
    generative_config: GenerativeProvider | None = None,
    reranker_config: RerankerProvider | None = None,
) -> dict[str, object]:
    """The current schema `body` with the changes applied (the `PUT` body)."""
    name = str(body.get("class"))
    out = dict(body)
    if description is not None:
        out["description"] = description
    if property_descriptions:
        props = [dict(_obj(p)) for p in _items(out.get("properties"))]
        unknown = sorted(set(property_descriptions) - {str(p.get("name")) for p in props})
        if unknown:
            raise WeaviateInvalidInputError(f"collection {name!r} has no properties {unknown}")
        for prop in props:
            if prop.get("name") in property_descriptions:
                prop["description"] = property_descriptions[str(prop["name"])]
        out["properties"] = props
    for key, change in (
        ("invertedIndexConfig", inverted_index_config),
        ("multiTenancyConfig", multi_tenancy_config),
        ("replicationConfig", replication_config),
    ):
        if change is not None:
            out[key] = _merge(_obj(out.get(key)), change.settings)
    for vector in (
        [vector_config] if isinstance(vector_config, VectorConfigUpdate) else vector_config or ()
    ):
        _merge_vector(out, vector, name)
    modules = dict(_obj(out.get("moduleConfig")))
    for prefix, provider in (("generative-", generative_config), ("reranker-", reranker_config)):
        if provider is not None:
            modules = {k: v for k, v in modules.items() if not k.startswith(prefix)}
            modules[provider.module] = dict(provider.settings)
    if modules:
        out["moduleConfig"] = modules
    return out


def put_schema(body: dict[str, object]) -> Op[None]:
    name = str(body["class"])
    yield from rest("PUT", schema_path(name), json=body, context=f"update collection {name!r}")


def vectorizer_modules(body: JsonObject) -> list[str]:
    """The vectorizer modules of a collection's schema JSON, `none` left out."""
    modules: set[str] = set()
    for vector in _obj(body.get("vectorConfig")).values():
        modules.update(m for m in _obj(_obj(vector).get("vectorizer")) if m != "none")
    return sorted(modules)


def add_property(name: str, prop: Property | AnyReferenceProperty) -> Op[None]:
    """Add a property or reference; a property's vectorizer settings go to every module."""
    body = yield from get_schema(name)
    if prop.name in {str(_obj(p).get("name")) for p in _items(body.get("properties"))}:
        raise WeaviateInvalidInputError(f"collection {name!r} already has a property {prop.name!r}")
    payload = (
        prop.to_dict(vectorizer_modules(body)) if isinstance(prop, Property) else prop.to_dict()
    )
    yield from rest(
        "POST",
        f"{schema_path(name)}/properties",
        json=payload,
        context=f"add property {prop.name!r} to {name!r}",
    )


def add_vector(name: str, vectors: Sequence[VectorConfig]) -> Op[None]:
    """Add named vectors to an existing collection."""
    body = yield from get_schema(name)
    current = dict(_obj(body.get("vectorConfig")))
    clash = sorted(v.name for v in vectors if v.name in current)
    if clash:
        raise WeaviateInvalidInputError(f"collection {name!r} already has vectors {clash}")
    names = {str(_obj(p).get("name")) for p in _items(body.get("properties"))}
    for vector in vectors:
        unknown = sorted(set(vector.source_properties or ()) - names)
        if unknown:
            raise WeaviateInvalidInputError(
                f"vector {vector.name!r}: source properties {unknown} are not properties "
                f"of {name!r}"
            )
        current[vector.name] = vector.to_dict()
    yield from put_schema({**body, "vectorConfig": current})


def get_shards(name: str, tenant: str | None = None) -> Op[list[ShardStatus]]:
    params = {"tenant": tenant} if tenant else None
    reply = yield from rest(
        "GET", f"{schema_path(name)}/shards", params=params, context=f"shards of {name!r}"
    )
    return [
        ShardStatus(
            str(_obj(s).get("name")),
            str(_obj(s).get("status")),
            _get(_obj(s), "vectorQueueSize", int, 0),
        )
        for s in _items(reply.json())
    ]


ShardStatusInput = Literal["READY", "READONLY"]


def update_shards(
    name: str,
    status: ShardStatusInput,
    shard_names: Sequence[str] | None,
    tenant: str | None = None,
) -> Op[list[ShardStatus]]:
    """Set the status of the given shards (all when None); returns every shard's status."""
    if status not in ("READY", "READONLY"):
        raise WeaviateInvalidInputError(f"shard status must be READY or READONLY, got {status!r}")
    targets = list(shard_names) if shard_names is not None else None
    if targets is None:
        targets = [s.name for s in (yield from get_shards(name, tenant))]
    for shard in targets:
        yield from rest(
            "PUT",
            f"{schema_path(name)}/shards/{quote(shard)}",
            json={"status": status},
            context=f"update shard {shard!r} of {name!r}",
        )
    return (yield from get_shards(name, tenant))


def update(
    name: str,
    description: str | None,
    property_descriptions: Mapping[str, str] | None,
    inverted_index_config: InvertedIndexConfigUpdate | None,
    multi_tenancy_config: MultiTenancyConfigUpdate | None,
    replication_config: ReplicationConfigUpdate | None,
    vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None,
    generative_config: GenerativeProvider | None,
    reranker_config: RerankerProvider | None,
) -> Op[None]:
    """Read the collection's schema, apply the changes given, and write it back."""
    current = yield from get_schema(name)
    body = update_body(
        current,
        description=description,
        property_descriptions=property_descriptions,
        inverted_index_config=inverted_index_config,
        multi_tenancy_config=multi_tenancy_config,
        replication_config=replication_config,
        vector_config=vector_config,
        generative_config=generative_config,
        reranker_config=reranker_config,
    )
    yield from put_schema(body)


def check_vectors(vector_config: VectorConfig | Sequence[VectorConfig]) -> list[VectorConfig]:
    vectors = [vector_config] if isinstance(vector_config, VectorConfig) else list(vector_config)
    if not vectors:
        raise WeaviateInvalidInputError("add_vector: no vectors given")
    return vectors


def check_reference(
    ref: ReferenceProperty | ReferencePropertyMultiTarget,
) -> ReferenceProperty | ReferencePropertyMultiTarget:
    if not isinstance(ref, (ReferenceProperty, ReferencePropertyMultiTarget)):
        raise WeaviateInvalidInputError(f"add_reference takes a ReferenceProperty, got {ref!r}")
    return ref


def check_property(prop: Property) -> Property:
    if not isinstance(prop, Property):
        raise WeaviateInvalidInputError(f"add_property takes a Property, got {prop!r}")
    return prop
