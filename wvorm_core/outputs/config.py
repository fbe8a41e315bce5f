"""Collection configuration as the server reports it: typed, immutable, comparable with `==`.

`CollectionConfig.to_dict()` is the create form (`POST /v1/schema` body) of the same collection,
so `client.collections.create_from_config(config)` reproduces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Literal

from wvorm_core._read_only import ReadOnlyList
from wvorm_core.classes._module_names import GenerativeSearches as GenerativeSearches
from wvorm_core.classes._module_names import Rerankers as Rerankers
from wvorm_core.classes._module_names import Vectorizers as Vectorizers
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

JsonValue = str | int | float | bool | None | tuple["JsonValue", ...] | Mapping[str, "JsonValue"]
"""A JSON value, frozen: arrays are tuples, objects read-only mappings."""


def freeze(value: object) -> JsonValue:
    """A JSON value with lists turned into tuples and dicts into read-only mappings."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return ReadOnlyList(freeze(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not a JSON value: {value!r}")


def thaw(value: object) -> object:
    """The plain JSON (dicts and lists) of a frozen value."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def _some(**values: object) -> dict[str, object]:
    return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True)
class BM25Config:
    b: float
    k1: float


@dataclass(frozen=True)
class StopwordsConfig:
    preset: StopwordsPreset
    additions: tuple[str, ...] | None
    removals: tuple[str, ...] | None


@dataclass(frozen=True)
class InvertedIndexConfig:
    bm25: BM25Config
    cleanup_interval_seconds: int
    index_null_state: bool
    index_property_length: bool
    index_timestamps: bool
    stopwords: StopwordsConfig
    stopword_presets: Mapping[str, tuple[str, ...]] | None
    using_block_max_wand: bool

    def to_dict(self) -> dict[str, object]:
        stopwords = self.stopwords
        return {
            "bm25": {"b": self.bm25.b, "k1": self.bm25.k1},
            "cleanupIntervalSeconds": self.cleanup_interval_seconds,
            "indexNullState": self.index_null_state,
            "indexPropertyLength": self.index_property_length,
            "indexTimestamps": self.index_timestamps,
            "stopwords": {
                "preset": stopwords.preset.value,
                "additions": list(stopwords.additions) if stopwords.additions else None,
                "removals": list(stopwords.removals) if stopwords.removals else None,
            },
            "usingBlockMaxWAND": self.using_block_max_wand,
            **_some(
                stopwordPresets={k: list(v) for k, v in self.stopword_presets.items()}
                if self.stopword_presets
                else None
            ),
        }


@dataclass(frozen=True)
class MultiTenancyConfig:
    enabled: bool
    auto_tenant_creation: bool
    auto_tenant_activation: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "enabled": self.enabled,
            "autoTenantCreation": self.auto_tenant_creation,
            "autoTenantActivation": self.auto_tenant_activation,
        }


@dataclass(frozen=True)
class ReplicationConfig:
    factor: int
    async_enabled: bool
    deletion_strategy: ReplicationDeletionStrategy

    def to_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "asyncEnabled": self.async_enabled,
            "deletionStrategy": self.deletion_strategy.value,
        }


@dataclass(frozen=True)
class ShardingConfig:
    virtual_per_physical: int
    desired_count: int
    actual_count: int
    desired_virtual_count: int
    actual_virtual_count: int
    key: str
    strategy: str
    function: str

    def to_dict(self) -> dict[str, object]:
        """The settings a create request may give (the actual counts are the server's)."""
        return {
            "virtualPerPhysical": self.virtual_per_physical,
            "desiredCount": self.desired_count,
            "desiredVirtualCount": self.desired_virtual_count,
            "key": self.key,
            "strategy": self.strategy,
            "function": self.function,
        }


@dataclass(frozen=True)
class PropertyVectorizerConfig:
    """How one vectorizer module treats a property."""

    skip: bool
    vectorize_property_name: bool


@dataclass(frozen=True)
class TextAnalyzerConfig:
    ascii_fold: bool
    ascii_fold_ignore: tuple[str, ...] | None
    stopword_preset: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "asciiFold": self.ascii_fold,
            **_some(
                asciiFoldIgnore=list(self.ascii_fold_ignore) if self.ascii_fold_ignore else None,
                stopwordPreset=self.stopword_preset,
            ),
        }


@dataclass(frozen=True)
class NestedProperty:
    name: str
    data_type: DataType
    description: str | None
    index_filterable: bool
    index_searchable: bool
    index_range_filters: bool
    tokenization: Tokenization | None
    nested_properties: tuple[NestedProperty, ...]
    text_analyzer: TextAnalyzerConfig | None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "dataType": [self.data_type.value],
            "indexFilterable": self.index_filterable,
            "indexSearchable": self.index_searchable,
            "indexRangeFilters": self.index_range_filters,
        }
        out.update(
            _some(
                description=self.description,
                tokenization=self.tokenization.value if self.tokenization else None,
            )
        )
        if self.nested_properties:
            out["nestedProperties"] = [p.to_dict() for p in self.nested_properties]
        if self.text_analyzer is not None:
            out["textAnalyzer"] = self.text_analyzer.to_dict()
        return out


@dataclass(frozen=True)
class PropertyConfig(NestedProperty):
    """A property; `vectorizer_configs` maps each vectorizer module to its settings."""

    vectorizer_configs: Mapping[str, PropertyVectorizerConfig]

    def to_dict(self) -> dict[str, object]:
        out = super().to_dict()
        if self.vectorizer_configs:
            out["moduleConfig"] = {
                module: {"skip": c.skip, "vectorizePropertyName": c.vectorize_property_name}
                for module, c in self.vectorizer_configs.items()
            }
        return out


@dataclass(frozen=True)
class ReferencePropertyConfig:
    name: str
    description: str | None
    target_collections: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "dataType": list(self.target_collections),
            **_some(description=self.description),
        }


@dataclass(frozen=True)
class PQEncoderConfig:
    type_: PQEncoderType
    distribution: PQEncoderDistribution


@dataclass(frozen=True)
class PQConfig:
    centroids: int
    segments: int
    training_limit: int
    encoder: PQEncoderConfig
    bit_compression: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "pq": {
                "enabled": True,
                "centroids": self.centroids,
                "segments": self.segments,
                "trainingLimit": self.training_limit,
                "encoder": {
                    "type": self.encoder.type_.value,
                    "distribution": self.encoder.distribution.value,
                },
                "bitCompression": self.bit_compression,
            }
        }


@dataclass(frozen=True)
class BQConfig:
    cache: bool | None
    rescore_limit: int | None

    def to_dict(self) -> dict[str, object]:
        return {"bq": {"enabled": True, **_some(cache=self.cache, rescoreLimit=self.rescore_limit)}}


@dataclass(frozen=True)
class SQConfig:
    cache: bool | None
    rescore_limit: int
    training_limit: int

    def to_dict(self) -> dict[str, object]:
        settings = _some(
            cache=self.cache, rescoreLimit=self.rescore_limit, trainingLimit=self.training_limit
        )
        return {"sq": {"enabled": True, **settings}}


@dataclass(frozen=True)
class RQConfig:
    cache: bool | None
    bits: int
    rescore_limit: int

    def to_dict(self) -> dict[str, object]:
        settings = _some(cache=self.cache, bits=self.bits, rescoreLimit=self.rescore_limit)
        return {"rq": {"enabled": True, **settings}}


Quantizer = PQConfig | BQConfig | SQConfig | RQConfig


@dataclass(frozen=True)
class MuveraConfig:
    ksim: int
    dprojections: int
    repetitions: int


@dataclass(frozen=True)
class MultiVectorConfig:
    """Multi-vector settings; `encoding` is set when MUVERA is on."""

    aggregation: MultiVectorAggregation
    encoding: MuveraConfig | None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"enabled": True, "aggregation": self.aggregation.value}
        if self.encoding is not None:
            e = self.encoding
            out["muvera"] = {
                "enabled": True,
                "ksim": e.ksim,
                "dprojections": e.dprojections,
                "repetitions": e.repetitions,
            }
        return out


@dataclass(frozen=True)
class VectorIndexConfigHNSW:
    distance_metric: VectorDistances
    ef: int
    ef_construction: int
    max_connections: int
    dynamic_ef_min: int
    dynamic_ef_max: int
    dynamic_ef_factor: int
    filter_strategy: VectorFilterStrategy
    flat_search_cutoff: int
    vector_cache_max_objects: int
    cleanup_interval_seconds: int
    skip: bool
    quantizer: Quantizer | None
    multi_vector: MultiVectorConfig | None

    @property
    def index_type(self) -> Literal[VectorIndexType.HNSW]:
        return VectorIndexType.HNSW

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "distance": self.distance_metric.value,
            "ef": self.ef,
            "efConstruction": self.ef_construction,
            "maxConnections": self.max_connections,
            "dynamicEfMin": self.dynamic_ef_min,
            "dynamicEfMax": self.dynamic_ef_max,
            "dynamicEfFactor": self.dynamic_ef_factor,
            "filterStrategy": self.filter_strategy.value,
            "flatSearchCutoff": self.flat_search_cutoff,
            "vectorCacheMaxObjects": self.vector_cache_max_objects,
            "cleanupIntervalSeconds": self.cleanup_interval_seconds,
            "skip": self.skip,
        }
        if self.quantizer is not None:
            out.update(self.quantizer.to_dict())
        if self.multi_vector is not None:
            out["multivector"] = self.multi_vector.to_dict()
        return out


@dataclass(frozen=True)
class VectorIndexConfigFlat:
    distance_metric: VectorDistances
    vector_cache_max_objects: int
    quantizer: BQConfig | RQConfig | None

    @property
    def index_type(self) -> Literal[VectorIndexType.FLAT]:
        return VectorIndexType.FLAT

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "distance": self.distance_metric.value,
            "vectorCacheMaxObjects": self.vector_cache_max_objects,
        }
        if self.quantizer is not None:
            out.update(self.quantizer.to_dict())
        return out


@dataclass(frozen=True)
class VectorIndexConfigDynamic:
    distance_metric: VectorDistances
    threshold: int
    hnsw: VectorIndexConfigHNSW
    flat: VectorIndexConfigFlat

    @property
    def index_type(self) -> Literal[VectorIndexType.DYNAMIC]:
        return VectorIndexType.DYNAMIC

    def to_dict(self) -> dict[str, object]:
        return {
            "distance": self.distance_metric.value,
            "threshold": self.threshold,
            "hnsw": self.hnsw.to_dict(),
            "flat": self.flat.to_dict(),
        }


VectorIndexConfigAny = VectorIndexConfigHNSW | VectorIndexConfigFlat | VectorIndexConfigDynamic


@dataclass(frozen=True)
class VectorizerConfig:
    """A vector's vectorizer: the module (`"none"` when self-provided) and its options."""

    vectorizer: str
    model: Mapping[str, JsonValue]
    source_properties: tuple[str, ...] | None

    def to_dict(self) -> dict[str, object]:
        settings = dict(thaw(self.model))  # type: ignore[call-overload]
        if self.source_properties is not None:
            settings["properties"] = list(self.source_properties)
        return {self.vectorizer: settings}


@dataclass(frozen=True)
class NamedVectorConfig:
    vectorizer: VectorizerConfig
    vector_index_config: VectorIndexConfigAny

    def to_dict(self) -> dict[str, object]:
        return {
            "vectorizer": self.vectorizer.to_dict(),
            "vectorIndexType": self.vector_index_config.index_type.value,
            "vectorIndexConfig": self.vector_index_config.to_dict(),
        }


@dataclass(frozen=True)
class GenerativeConfig:
    generative: str
    model: Mapping[str, JsonValue]


@dataclass(frozen=True)
class RerankerConfig:
    reranker: str
    model: Mapping[str, JsonValue]


@dataclass(frozen=True)
class CollectionConfigSimple:
    """The parts of a collection's configuration that `list_all(simple=True)` shows."""

    name: str
    description: str | None
    properties: tuple[PropertyConfig, ...]
    references: tuple[ReferencePropertyConfig, ...]
    vector_config: Mapping[str, NamedVectorConfig]
    generative_config: GenerativeConfig | None
    reranker_config: RerankerConfig | None


@dataclass(frozen=True)
class CollectionConfig(CollectionConfigSimple):
    """The full configuration of a collection, as the server reports it."""

    inverted_index_config: InvertedIndexConfig
    multi_tenancy_config: MultiTenancyConfig
    replication_config: ReplicationConfig
    sharding_config: ShardingConfig | None

    def to_dict(self) -> dict[str, object]:
        """The `POST /v1/schema` body that creates this collection again."""
        out: dict[str, object] = {"class": self.name, **_some(description=self.description)}
        out["properties"] = [p.to_dict() for p in self.properties] + [
            r.to_dict() for r in self.references
        ]
        if self.vector_config:
            out["vectorConfig"] = {k: v.to_dict() for k, v in self.vector_config.items()}
        modules: dict[str, object] = {}
        if self.generative_config is not None:
            modules[self.generative_config.generative] = thaw(self.generative_config.model)
        if self.reranker_config is not None:
            modules[self.reranker_config.reranker] = thaw(self.reranker_config.model)
        if modules:
            out["moduleConfig"] = modules
        out["invertedIndexConfig"] = self.inverted_index_config.to_dict()
        out["multiTenancyConfig"] = self.multi_tenancy_config.to_dict()
        out["replicationConfig"] = self.replication_config.to_dict()
        if self.sharding_config is not None and not self.multi_tenancy_config.enabled:
            out["shardingConfig"] = self.sharding_config.to_dict()
        return out


class ExportedCollectionConfig(CollectionConfig):
    """What `collections.export_config` returns: a copy of a collection's configuration whose
    fields may be reassigned (`config.name = "Copy"`) before `create_from_config(config)`."""

    def __setattr__(self, name: str, value: object) -> None:
        if name not in {f.name for f in fields(self)}:
            raise AttributeError(f"CollectionConfig has no field {name!r}")
        object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CollectionConfig):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self))

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def copy_of(cls, config: CollectionConfig) -> ExportedCollectionConfig:
        return cls(**{f.name: getattr(config, f.name) for f in fields(config)})


@dataclass(frozen=True)
class ShardStatus:
    name: str
    status: str
    vector_queue_size: int
